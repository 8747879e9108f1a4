"""The CLI and the readers: formats, bad input (one line on stderr, exit status 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers_extraction import minimal_pdf
from mandate.extraction import (
    ExtractionError,
    extract_bytes,
    extract_file,
    read_document_bytes,
    read_text_file,
)
from mandate.extraction.cli import main as cli_main

VI_TEXT = "Phấn đấu đến năm 2030, 100% hồ sơ công việc được xử lý trên môi trường mạng.\n"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``mandate extract`` in a fresh interpreter, as a user runs it."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    code = "import sys; from mandate.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, "extract", *args], capture_output=True, text=True, env=env,
                          timeout=60)


def test_cli_json(tmp_path: Path):
    f = tmp_path / "ke_hoach.txt"
    f.write_text(VI_TEXT, encoding="utf-8")
    run = run_cli(str(f), "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert set(data) >= {"language", "documents", "targets", "figures", "deadlines"}
    assert data["language"] == "vi"
    assert data["targets"][0]["value"] == 100
    assert data["deadlines"] == ["2030-12-31"]


def test_cli_table(tmp_path: Path, capsys):
    f = tmp_path / "plan.txt"
    f.write_text("Theo Kế hoạch số 129/KH-UBND, năm 2025 đã đạt 95%. " + VI_TEXT, encoding="utf-8")
    assert cli_main([str(f), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "Targets (1)" in out and "Figures (1)" in out and "129/KH-UBND" in out and "2030-12-31" in out


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": tmp_path / "empty.txt",
        "blank": tmp_path / "blank.txt",
        "binary": tmp_path / "image.txt",
        "undecodable": tmp_path / "noise.txt",
        "big": tmp_path / "big.txt",
        "corrupt_docx": tmp_path / "broken.docx",
        "corrupt_pdf": tmp_path / "broken.pdf",
        "folder": tmp_path / "a_folder",
    }
    files["empty"].write_bytes(b"")
    files["blank"].write_bytes(b"   \n\n  ")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    files["undecodable"].write_bytes(bytes((i * 97 + 13) % 128 + 128 for i in range(3000)))
    with files["big"].open("wb") as fh:
        fh.write(b"a" * (10 * 1024 * 1024 + 1))
    files["corrupt_docx"].write_bytes(b"PK\x03\x04 this is not really a zip archive")
    files["corrupt_pdf"].write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage\n")
    files["folder"].mkdir()
    return files


@pytest.mark.parametrize(
    "case", ["empty", "blank", "binary", "undecodable", "big", "corrupt_docx", "corrupt_pdf", "folder", "missing"]
)
def test_cli_bad_input_exits_2_with_one_line(tmp_path: Path, case: str):
    files = _bad_inputs(tmp_path)
    path = files.get(case, tmp_path / "does_not_exist.txt")
    run = run_cli(str(path))
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("mandate extract: ")
    assert "Traceback" not in run.stderr


def test_error_messages_are_sentences(tmp_path: Path):
    files = _bad_inputs(tmp_path)
    expectations = {
        "empty": "is empty",
        "binary": "binary",
        "undecodable": "encoding",
        "big": "limit is 10 MB",
        "corrupt_docx": "Word document",
        "corrupt_pdf": "PDF",
        "folder": "folder",
    }
    for case, words in expectations.items():
        with pytest.raises(ExtractionError, match=words):
            read_text_file(files[case])
    with pytest.raises(ExtractionError, match="no file"):
        read_text_file(tmp_path / "missing.txt")


def test_argparse_errors_exit_2():
    run = run_cli()
    assert run.returncode == 2


def test_docx(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH thực hiện nhiệm vụ năm 2025")
    document.add_paragraph("Căn cứ Nghị quyết số 21-NQ/TU ngày 12/3/2024 của Tỉnh ủy.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Phấn đấu thu hút 2,5 triệu lượt khách du lịch"
    path = tmp_path / "ke_hoach.docx"
    document.save(path)
    r = extract_file(path)
    assert r["documents"][0]["number"] == "21-NQ/TU"
    assert r["documents"][0]["date"] == "2024-03-12"
    assert r["targets"][0]["value"] == 2_500_000


def test_pdf(tmp_path: Path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(minimal_pdf("The district aims to connect at least 95% of households by June 30, 2026."))
    r = extract_file(path)
    assert r["language"] == "en"
    t = r["targets"][0]
    assert (t["value"], t["comparator"], t["deadline"]) == (95, "at_least", "2026-06-30")


def test_pdf_without_text_layer(tmp_path: Path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(minimal_pdf(""))
    with pytest.raises(ExtractionError, match="no text"):
        read_text_file(path)


def test_html(tmp_path: Path):
    html = ("<html><head><title>x</title><script>var n = 99;</script></head><body>"
            "<h1>Kế hoạch năm 2025</h1><p>Phấn đấu <b>100%</b> xã đạt chuẩn trước ngày 31/12/2025.</p></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    r = extract_file(path)
    assert [t["value"] for t in r["targets"]] == [100]
    assert r["deadlines"] == ["2025-12-31"]


def test_bytes_variant_for_the_import_screen():
    data = VI_TEXT.encode("utf-8")
    assert read_document_bytes(data, "paste.txt").startswith("Phấn đấu")
    assert extract_bytes(data, "paste.txt")["targets"][0]["value"] == 100
    with pytest.raises(ExtractionError):
        read_document_bytes(b"", "empty.txt")


def test_legacy_encodings_are_detected():
    text = "Bis zum 30. Juni 2026 sollen mindestens 95 % der Haushalte an das Glasfasernetz angeschlossen sein. Größere Gemeinden folgen."
    assert "Größere" in read_document_bytes(text.encode("cp1252"), "alt.txt")
    assert read_document_bytes(VI_TEXT.encode("utf-16"), "utf16.txt").strip() == VI_TEXT.strip()
    assert read_document_bytes(b"\xef\xbb\xbf" + VI_TEXT.encode(), "bom.txt") == VI_TEXT

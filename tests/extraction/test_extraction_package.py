"""Package-level properties: no Django, speed, the CI gate's parsing."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from mandate.extraction import extract_text

ROOT = Path(__file__).resolve().parents[2]


def test_no_django_is_imported():
    code = ("import sys, mandate.extraction as m; m.extract_text('Phấn đấu đạt 95%.'); "
            "sys.exit(1 if any(k == 'django' or k.startswith('django.') for k in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_long_text_is_read_whole():
    # Speed is measured by benchmarks/extraction_speed.py (run by CI on its own), not here.
    paragraph = (
        "Phấn đấu đến năm 2030, 100% hồ sơ được xử lý trực tuyến; tỷ lệ hộ nghèo giảm 1,5% mỗi năm.\n"
        "In 2026 the city aims to welcome 2.5 million visitors by the end of the second quarter of 2027.\n"
    )
    result = extract_text(paragraph * 400)
    assert len(result["targets"]) >= 400


def test_gate_reads_the_scorer_summary():
    spec = importlib.util.spec_from_file_location("extraction_gate", ROOT / ".ci" / "extraction_gate.py")
    gate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gate)
    lines = [
        "comparator accuracy 0.91 | target deadline accuracy 0.88 | language accuracy 1.00",
        "documents P 1.00 R 0.90 F1 0.95 | targets P 0.80 R 0.70 F1 0.75 | deadlines P 1.00 R 1.00 F1 1.00 | figures R 0.85",
    ]
    scores = gate.parse_summary(lines)
    assert scores[("documents", "F1")] == 0.95
    assert scores[("targets", "F1")] == 0.75
    assert scores[("figures", "R")] == 0.85
    assert scores[("language", "accuracy")] == 1.0
    assert scores[("target deadline", "accuracy")] == 0.88


def test_gate_passes_without_shared_folder(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / ".ci" / "extraction_gate.py"), "--shared", str(tmp_path / "none")],
                         capture_output=True, text=True)
    assert run.returncode == 0
    assert "skipped" in run.stdout

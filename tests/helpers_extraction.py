"""Small helpers shared by the extraction tests (not a conftest: nothing here is global)."""

from __future__ import annotations

from mandate.extraction import extract_text


def targets(text: str) -> list[dict]:
    return extract_text(text)["targets"]


def figures(text: str) -> list[dict]:
    return extract_text(text)["figures"]


def values(items: list[dict]) -> list[tuple]:
    return [(i["value"], i["value_max"], i["unit"]) for i in items]


def one(items: list[dict], value: float) -> dict:
    found = [i for i in items if abs(float(i["value"]) - value) < 1e-9]
    assert len(found) == 1, f"expected one item with value {value}, got {items}"
    return found[0]


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with ``text`` in Helvetica, written by hand (pypdf reads, it does not typeset)."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 11 Tf 50 750 Td ({safe}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)

"""Directive documents cited by number: normalised number, kind, issuer, date, title."""

import pytest

from mandate.extraction import extract_text


def docs(text: str) -> dict[str, dict]:
    return {d["number"]: d for d in extract_text(text)["documents"]}


def test_vietnamese_citation_with_date_and_title():
    d = docs("Thực hiện Nghị quyết số 40-NQ/TU ngày 05/8/2021 của Ban Thường vụ Tỉnh ủy về phát triển "
             "đô thị bền vững, các phòng, ban xây dựng kế hoạch cụ thể.")["40-NQ/TU"]
    assert d["kind"] == "resolution"
    assert d["date"] == "2021-08-05"
    assert d["issuer"] == "TU"
    assert d["title"] == "phát triển đô thị bền vững"


@pytest.mark.parametrize(
    ("text", "number", "kind", "issuer"),
    [
        ("Căn cứ Kế hoạch số 129/KH-UBND của Ủy ban nhân dân thành phố.", "129/KH-UBND", "plan", "UBND"),
        ("Theo Plan No. 150-KH/TU of the City Party Committee.", "150-KH/TU", "plan", "TU"),
        ("Nghị quyết 35/2023/UBTVQH15 sắp xếp đơn vị hành chính.", "35/2023/UBTVQH15", "resolution", "UBTVQH"),
        ("Thực hiện Quy định số 37-QĐ/TW về những điều đảng viên không được làm.", "37-QĐ/TW", "regulation", "TW"),
        ("Strictly implement Regulation 37-QD/TW on what members must not do.", "37-QD/TW", "regulation", "TW"),
        ("Chỉ thị số 05-CT/TW của Bộ Chính trị.", "05-CT/TW", "directive", "TW"),
        ("Kết luận số 48-KL/TW ngày 30/01/2023.", "48-KL/TW", "conclusion", "TW"),
        ("Báo cáo số 212/BC-UBND đánh giá tình hình.", "212/BC-UBND", "report", "UBND"),
        ("Chương trình hành động số 12-CTr/TU.", "12-CTr/TU", "programme", "TU"),
        ("Thông báo số 88/TB-UBND về lịch họp.", "88/TB-UBND", "notice", "UBND"),
        ("Nghị định số 15/2023/NĐ-CP của Chính phủ.", "15/2023/NĐ-CP", "decree", "CP"),
    ],
)
def test_number_styles(text, number, kind, issuer):
    d = docs(text)[number]
    assert (d["kind"], d["issuer"]) == (kind, issuer)


def test_qd_with_and_without_stroke_are_the_same_document():
    found = extract_text("Quy định 37-QĐ/TW ... (còn viết là 37-QD/TW) ...")["documents"]
    assert len(found) == 1


def test_english_dated_and_issued_on():
    d = docs("On 12 March 2024, the Provincial People's Committee issued Plan No. 61/KH-UBND on rural roads. "
             "It carries out Resolution No. 19-NQ/TU, dated May 4, 2022, of the Standing Committee.")
    assert d["61/KH-UBND"]["date"] == "2024-03-12"
    assert d["61/KH-UBND"]["title"] == "rural roads"
    assert d["19-NQ/TU"]["date"] == "2022-05-04"


def test_coordinated_references_share_the_date():
    d = docs("Resolution No. 7-NQ/TW and Resolution No. 8-NQ/TW dated March 1, 2019 remain in force.")
    assert d["7-NQ/TW"]["date"] == d["8-NQ/TW"]["date"] == "2019-03-01"


def test_document_number_is_not_a_quantity_or_a_date():
    r = extract_text("Phấn đấu thực hiện Nghị quyết số 35/2023/UBTVQH15 và Kế hoạch 150-KH/TU đạt 100% trước ngày 31/12/2025.")
    assert [t["value"] for t in r["targets"]] == [100]
    assert r["deadlines"] == ["2025-12-31"]


def test_plain_fraction_is_not_a_document():
    assert extract_text("Có 8/8 xã đạt chuẩn.")["documents"] == []

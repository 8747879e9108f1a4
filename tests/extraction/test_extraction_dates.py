"""Dates and time limits: which dates are deadlines, and the date each resolves to."""

import pytest

from mandate.extraction import extract_text


def deadlines(text: str) -> list[str]:
    return extract_text(text)["deadlines"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Các đơn vị hoàn thành báo cáo chậm nhất ngày 20/6/2024.", ["2024-06-20"]),
        ("Các xã phải nộp hồ sơ trước ngày 15/6/2023.", ["2023-06-15"]),
        ("Phấn đấu đến năm 2030, 100% xã đạt chuẩn nông thôn mới.", ["2030-12-31"]),
        ("Hoàn thành việc sắp xếp các thôn trong quý II/2026.", ["2026-06-30"]),
        ("Các sở trình dự thảo trong tháng 7/2024 để xem xét.", ["2024-07-31"]),
        ("Phấn đấu giải ngân 100% vốn trước ngày 5 tháng 8 năm 2025.", ["2025-08-05"]),
        ("All communes must finish the survey before June 15, 2023.", ["2023-06-15"]),
        ("The road is to be completed by the end of 2023.", ["2023-12-31"]),
        ("The upgrade must be finished before the end of the second quarter of 2026.", ["2026-06-30"]),
        ("The city strives to become a grade-one urban area by 2030.", ["2030-12-31"]),
        ("Offices shall submit their plans no later than 1 March 2025.", ["2025-03-01"]),
        ("Planene skal være ferdige innen 20. november 2025.", ["2025-11-20"]),
        ("Die Anträge sollen bis zum 30. Juni 2026 vorliegen.", ["2026-06-30"]),
        ("Die Sanierung soll bis Ende 2027 abgeschlossen sein.", ["2027-12-31"]),
        ("Les dossiers doivent être déposés avant le 15 juin 2026.", ["2026-06-15"]),
        ("D'ici 2030, la région vise la neutralité carbone.", ["2030-12-31"]),
    ],
)
def test_time_limits(text, expected):
    assert deadlines(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị diễn ra ngày 05/10/2024 tại trụ sở Tỉnh ủy.",  # date of an event
        "Nghị quyết số 40-NQ/TU ngày 05/8/2021 của Ban Thường vụ.",  # date of issue
        "Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.",  # a period and a vision
        "Tỷ lệ hộ nghèo giảm 2% so với năm 2020.",  # a comparison year
        "Since 2015, the province has built 40 schools.",
        "By the end of 2023, 96 communes had met the new rural standards.",  # reported, not set
        "As of June 30, 2025, 65% of residents had a digital identity.",
        "The meeting on May 25 discussed the plan for the 2025-2030 term.",
        "Seit 2020 wurden 300 Wohnungen gebaut.",
        "Depuis 2019, la ville a rénové 120 écoles.",
    ],
)
def test_not_time_limits(text):
    assert deadlines(text) == []


def test_missing_year_is_taken_from_the_text():
    text = ("In 2024 the district adopted a road plan. "
            "The contractor must hand over the bridge before September 2, so that classes can start.")
    assert deadlines(text) == ["2024-09-02"]


def test_us_order_is_recognised_when_unambiguous():
    r = extract_text("Friday, 09/20/2024\nThe board will finish 3 projects before 10/31/2024.")
    assert r["deadlines"] == ["2024-10-31"]


def test_time_of_day_and_event_dates_are_not_quantities():
    r = extract_text("Hội nghị khai mạc lúc 8 giờ 30 ngày 20/12/2024; đại biểu có mặt lúc 14h00.")
    assert r["targets"] == [] and r["figures"] == []

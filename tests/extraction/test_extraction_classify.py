"""Targets (goals still to reach) versus figures (results reached), comparators, exclusions,
and the deadline each target carries. Texts written for these tests."""

import pytest

from helpers_extraction import figures, one, targets, values
from mandate.extraction import extract_text

# --- Vietnamese -----------------------------------------------------------------------

VI_PLAN = """KẾ HOẠCH
Phát triển kinh tế - xã hội năm 2025

I. KẾT QUẢ NĂM 2024
Tốc độ tăng trưởng GRDP đạt 7,1%; thu ngân sách đạt 8.050 tỷ đồng, bằng 103% dự toán.

II. CHỈ TIÊU CHỦ YẾU NĂM 2025
- Tốc độ tăng trưởng GRDP từ 8 - 8,5%;
- Thu ngân sách nhà nước trên địa bàn 9.000 tỷ đồng trở lên;
- Tỷ lệ hộ nghèo giảm 1,2%;
- Kết nạp ít nhất 230 đảng viên mới;
- Tỷ lệ thất nghiệp ở khu vực thành thị dưới 3%;
- 100% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên (trong đó 20% hoàn thành xuất sắc).
"""


def test_vietnamese_plan_sections():
    r = extract_text(VI_PLAN)
    assert r["language"] == "vi"
    assert values(r["figures"]) == [(7.1, None, "%"), (8050e9, None, "VND"), (103, None, "%")]
    t = r["targets"]
    assert values(t) == [
        (8, 8.5, "%"), (9000e9, None, "VND"), (1.2, None, "%"), (230, None, "đảng viên mới"),
        (3, None, "%"), (100, None, "%"), (20, None, "%"),
    ]
    assert [x["comparator"] for x in t] == ["between", "at_least", "decrease_by", "at_least", "at_most", "at_least",
                                            "equal"]
    assert {x["deadline"] for x in t} == {"2025-12-31"}  # the year of the section heading


@pytest.mark.parametrize(
    "text",
    [
        "Phấn đấu đến năm 2030, tỷ lệ đô thị hóa đạt 45%.",
        "Mục tiêu đến năm 2027 có 60% số xã đạt chuẩn nông thôn mới nâng cao.",
        "Chỉ tiêu năm 2026: giải ngân vốn đầu tư công đạt 95%.",
        "Tỉnh sẽ tiếp tục giảm 12 đơn vị hành chính cấp xã trong giai đoạn 2026 - 2030.",
        "Các huyện cần bảo đảm 100% trường học có nhà vệ sinh đạt chuẩn trước năm 2026.",
    ],
)
def test_vietnamese_goal_sentences_are_targets(text):
    r = extract_text(text)
    assert len(r["targets"]) == 1 and r["figures"] == [], r


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2024, tổng thu ngân sách đạt 6.120 tỷ đồng.",
        "Đến nay, toàn tỉnh đã có 96 xã đạt chuẩn nông thôn mới.",
        "Kim ngạch xuất nhập khẩu tăng 12% so với cùng kỳ.",
        "Toàn tỉnh đã kết nạp 1.250 đảng viên mới, vượt 9% chỉ tiêu.",
        "Thu ngân sách ước đạt 7.215 tỷ đồng.",
        "Đã giải ngân được 52% kế hoạch vốn.",
    ],
)
def test_vietnamese_result_sentences_are_figures(text):
    r = extract_text(text)
    assert r["targets"] == [] and r["figures"], r


def test_vietnamese_goal_then_result_in_one_sentence():
    r = extract_text("Đến nay khối lượng giải phóng mặt bằng đã đạt hơn 85%, phấn đấu hoàn thành 100% trước ngày 30/6/2025.")
    assert values(r["figures"]) == [(85, None, "%")]
    assert one(r["targets"], 100)["deadline"] == "2025-06-30"


def test_vietnamese_share_of_a_whole_and_per_capita():
    r = extract_text("Mục tiêu năm 2025: 8/8 xã, phường đạt chuẩn quốc gia về y tế; có 12 bác sĩ trên 10.000 dân.")
    assert values(r["targets"]) == [(8, None, "xã"), (12, None, "bác sĩ")]


def test_vietnamese_period_carries_the_deadline():
    t = targets("Giai đoạn 2021 - 2025, phấn đấu tốc độ tăng trưởng bình quân đạt 7%/năm.")
    assert (t[0]["value"], t[0]["deadline"]) == (7, "2025-12-31")


def test_vietnamese_deadline_carries_to_the_next_list_item():
    t = targets("Phấn đấu: 90% hộ dân dùng nước sạch; đến năm 2028, 100% hồ sơ được số hóa; 70% giao dịch không dùng tiền mặt.")
    assert [(x["value"], x["deadline"]) for x in t] == [(90, None), (100, "2028-12-31"), (70, "2028-12-31")]


@pytest.mark.parametrize(
    "text",
    [
        "Kỷ niệm 95 năm Ngày truyền thống của Đảng bộ tỉnh.",
        "Đại hội Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020 - 2025.",
        "Quy hoạch thời kỳ 2021 – 2030, tầm nhìn đến năm 2050.",
        "Trẻ em từ 6 - 15 tuổi được miễn học phí.",
        "Hội nghị lần thứ 8 Ban Chấp hành Trung ương khóa XIII.",
        "Nghị quyết số 12-NQ/TU ngày 05/8/2021 của Tỉnh ủy.",
        "Quốc lộ 1A đi qua thành phố.",
        "Điều 5 khoản 2 của Quy định.",
    ],
)
def test_vietnamese_exclusions(text):
    r = extract_text(text)
    assert r["targets"] == [] and [f for f in r["figures"] if f["unit"] not in ("năm",)] == [], r


def test_meta_counts_are_not_targets():
    r = extract_text("Đại hội đề ra 11 chỉ tiêu, 3 khâu đột phá và 5 nhóm giải pháp để thực hiện mục tiêu.")
    assert r["targets"] == []


# --- English --------------------------------------------------------------------------


def test_english_list_with_governing_year():
    t = targets("In 2026, the district's targets are: 9-10% growth in services; 1.2 million visitors; "
                "350 new party members or more; no more than 1.5% of households below the poverty line.")
    assert values(t) == [(9, 10, "%"), (1.2e6, None, "visitors"), (350, None, "party members"), (1.5, None, "%")]
    assert [x["comparator"] for x in t] == ["between", "equal", "at_least", "at_most"]
    assert {x["deadline"] for x in t} == {"2026-12-31"}


def test_english_achieved_versus_aimed():
    r = extract_text("So far the clearance has reached over 80% of the area, and the board aims to finish "
                     "100% by October 31, 2025.")
    assert values(r["figures"]) == [(80, None, "%")]
    assert one(r["targets"], 100)["deadline"] == "2025-10-31"
    assert r["deadlines"] == ["2025-10-31"]


def test_english_reduce_more_is_decrease_by():
    t = one(targets("From now until 2030, the province will reduce 15 more commune-level units."), 15)
    assert (t["comparator"], t["deadline"]) == ("decrease_by", "2030-12-31")


def test_english_future_tense_about_the_past_is_a_figure():
    r = extract_text("The decree was signed on March 2, 2024. In the 2020-2022 period, 40 villages will be merged.")
    assert r["targets"] == [] and values(r["figures"]) == [(40, None, "villages")]


def test_english_exceeding_the_target_is_a_figure():
    r = extract_text("The province admitted over 1,900 members, exceeding the target by 7%, bringing the total "
                     "number of members to 52,400.")
    assert r["targets"] == []
    assert values(r["figures"]) == [(1900, None, "members"), (7, None, "%"), (52400, None, "members")]


@pytest.mark.parametrize(
    "text",
    [
        "The city celebrated the 95th anniversary of its founding.",
        "The 14th congress adopted the resolution for the 2025-2030 term.",
        "Free swimming lessons were offered to children aged 6-15 years old.",
        "The session opened at 9:30 a.m. in Hall 2.",
        "Plan No. 77 of the People's Committee was discussed.",
        "The COVID-19 response team met on Monday.",
        "The park near the 17/10 bridge was cleaned.",
        "Members received the \"4-good Party cell\" title.",
    ],
)
def test_english_exclusions(text):
    r = extract_text(text)
    assert r["targets"] == [] and r["figures"] == [], r


# --- Norwegian, German, French ----------------------------------------------------------


def test_norwegian():
    r = extract_text("Målet er at minst 90 prosent av husstandene skal ha fiber innen 1. juli 2027. "
                     "I fjor ble det bygget 85 boliger. Det 18. møtet holdes den 16. mars.")
    t = one(r["targets"], 90)
    assert (t["comparator"], t["deadline"], t["unit"]) == ("at_least", "2027-07-01", "%")
    assert values(r["figures"]) == [(85, None, "boliger")]
    assert r["deadlines"] == ["2027-07-01"]


def test_german():
    r = extract_text("Bis zum 30. Juni 2026 sollen mindestens 95 % der Haushalte angeschlossen sein. "
                     "Die Emissionen sollen bis Ende 2030 um 40 % sinken. "
                     "Im vergangenen Jahr wurden 3,2 Millionen Euro investiert.")
    a, b = r["targets"]
    assert (a["value"], a["comparator"], a["deadline"]) == (95, "at_least", "2026-06-30")
    assert (b["value"], b["comparator"], b["deadline"]) == (40, "decrease_by", "2030-12-31")
    assert values(r["figures"]) == [(3.2e6, None, "EUR")]


def test_german_at_most_and_ordinals():
    r = extract_text("Die Arbeitslosenquote soll höchstens 4 % betragen. Die 3. Sitzung findet am 5. Mai statt.")
    assert [(t["value"], t["comparator"]) for t in r["targets"]] == [(4, "at_most")]
    assert r["figures"] == []


def test_french():
    r = extract_text("D'ici 2030, au moins 95 % des ménages seront raccordés. La région vise à réduire de 30 % "
                     "la consommation avant le 15 juin 2026. En 2024, la région a accueilli 4,5 millions de visiteurs.")
    a, b = r["targets"]
    assert (a["value"], a["comparator"], a["deadline"]) == (95, "at_least", "2030-12-31")
    assert (b["value"], b["comparator"], b["deadline"]) == (30, "decrease_by", "2026-06-15")
    assert values(r["figures"]) == [(4.5e6, None, "visiteurs")]


def test_items_carry_text_and_offsets():
    text = "Năm 2025 phấn đấu thu hút 3 triệu lượt khách."
    t = extract_text(text)["targets"][0]
    assert t["text"] == text[t["start"]:t["end"]]
    assert "3 triệu" in t["text"]


def test_figures_have_no_deadline_field():
    assert all("deadline" not in f for f in figures("Năm 2024 đã đạt 95%."))


def test_article_headings_set_the_section():
    text = ("NGHỊ QUYẾT\nVề nhiệm vụ năm 2026\n"
            "Điều 1. Đánh giá kết quả năm 2025\nToàn xã có 410 hộ trồng chè; sản lượng đạt 900 tấn.\n"
            "Điều 2. Chỉ tiêu năm 2026\n- Sản lượng chè tối thiểu 1.000 tấn;\n- Tỷ lệ hộ nghèo từ 2% trở xuống.\n")
    r = extract_text(text)
    assert values(r["figures"]) == [(410, None, "hộ"), (900, None, "tấn")]
    assert [(t["value"], t["comparator"], t["deadline"]) for t in r["targets"]] == [
        (1000, "at_least", "2026-12-31"), (2, "at_most", "2026-12-31")]


def test_part_of_a_whole_takes_the_noun_after_the_whole():
    r = extract_text("So far, 14 of the 20 planned schools have been built.")
    assert one(r["figures"], 14)["unit"] == "planned schools"


def test_dong_chi_is_not_money():
    r = extract_text("Có 45 đồng chí dự họp.")
    assert r["figures"][0]["unit"] != "VND"

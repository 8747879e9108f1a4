"""Classes of error found on real published texts (issue 13), each fixed as a general rule.

Every text here was written for the test; none is taken from the texts the errors were
found in."""

from __future__ import annotations

import pytest

from mandate.extraction import extract_text


def _targets(text):
    return [(t["value"], t["value_max"], t["comparator"], t["deadline"]) for t in extract_text(text)["targets"]]


# 1. Items of a list under a heading that sets targets are targets, in the heading's mood.
@pytest.mark.parametrize("text,expected", [
    ("Hội đồng nhân dân xã quyết nghị các chỉ tiêu chủ yếu năm 2027:\n- Tỷ lệ trẻ em đi học đúng độ tuổi là 99%.\n"
     "- Tỷ lệ hộ dùng nước sạch đạt 92%.\n- Tỷ lệ hộ nghèo dưới 2%.\n",
     [(99, None, "equal", "2027-12-31"), (92, None, "equal", "2027-12-31"), (2, None, "at_most", "2027-12-31")]),
    ("The town council resolved the following main targets for 2028:\n1. Household waste recycled is 55%.\n"
     "2. The share of trained workers reaches 70%.\n3. Road deaths stay below 120 cases.\n",
     [(55, None, "equal", "2028-12-31"), (70, None, "equal", "2028-12-31"), (120, None, "at_most", "2028-12-31")]),
    ("Ziele für 2029:\n- Der Anteil der Solardächer beträgt 40 %.\n- Die Wartezeit im Bürgeramt liegt unter 10 Tagen.\n",
     [(40, None, "equal", "2029-12-31")]),
    ("Le conseil a fixé les objectifs suivants pour 2029 :\n- le taux de tri atteint 65 % ;\n- 1 500 logements rénovés.\n",
     [(65, None, "equal", "2029-12-31"), (1500, None, "equal", "2029-12-31")]),
])
def test_list_items_under_a_goal_heading_are_targets(text, expected):
    got = _targets(text)
    for item in expected:
        assert item in got


# 2. German and French goal constructions; a clause after a semicolon keeps the goal.
def test_german_goal_constructions():
    got = _targets("Der Verkehrsplan sieht eine Senkung des Lärms um 30 % vor. Angestrebt werden 800 neue "
                   "Sozialwohnungen. Das Ziel besteht darin, dass 75 % der Schulen digital ausgestattet sind. "
                   "Bis 2030 soll der Wasserverbrauch um 10 % gesenkt werden; die Zahl der Bäume steigt auf 9.000.")
    values = {v for v, *_ in got}
    assert {30, 800, 75, 10, 9000} <= values
    assert (30, None, "decrease_by", None) in got


def test_french_goal_constructions():
    got = _targets("La métropole vise 45 % de trajets en transports publics ; le nombre de vélos en libre-service "
                   "passe à 3 000. Elle ambitionne d'accueillir 500 nouvelles entreprises. L'objectif est de "
                   "réduire de 15 % la consommation d'énergie.")
    assert {v for v, *_ in got} >= {45, 3000, 500, 15}
    assert ("vélos" in extract_text("Le nombre de vélos passe à 3 000 d'ici 2027.")["targets"][0]["unit"])


# 3. The year a target is set for is its deadline but not an entry of `deadlines`; periods and
#    superseded dates are neither.
@pytest.mark.parametrize("text,deadline", [
    ("In 2027 the district aims to plant 40,000 trees.", "2027-12-31"),
    ("Năm 2027, ngành giáo dục đặt mục tiêu xây mới 35 phòng học.", "2027-12-31"),
    ("En 2028, la région vise 25 % de surfaces en agriculture biologique.", "2028-12-31"),
    ("Im Jahr 2028 will die Stadt 300 Ladesäulen errichten.", "2028-12-31"),
])
def test_governing_year_is_the_targets_deadline_not_a_deadline(text, deadline):
    out = extract_text(text)
    assert [t["deadline"] for t in out["targets"]] == [deadline]
    assert out["deadlines"] == []


def test_time_limits_stay_deadlines():
    assert extract_text("The city aims to plant 40,000 trees by 2027.")["deadlines"] == ["2027-12-31"]
    assert extract_text("Phấn đấu đến năm 2029 có 40 xã đạt chuẩn.")["deadlines"] == ["2029-12-31"]
    assert extract_text("Die Gemeinde will bis 2030 500 Wohnungen bauen.")["deadlines"] == ["2030-12-31"]
    assert extract_text("Kommunen skal innen 20. november 2026 ha 90 % digitale søknader.")["deadlines"] == ["2026-11-20"]


@pytest.mark.parametrize("text", [
    "Im Zeitraum 2026-2030 sollen 120 Brücken saniert werden.",
    "Trong giai đoạn 2026-2030, huyện phấn đấu làm mới 60 km đường.",
    "Sur la période 2026-2030, la ville vise 20 nouvelles crèches.",
])
def test_a_period_is_not_a_deadline(text):
    assert extract_text(text)["deadlines"] == []


def test_superseded_date_is_not_a_deadline():
    out = extract_text("The plan originally set 2031 for the ring road; the council brought it forward to 2029.")
    assert out["deadlines"] == ["2029-12-31"]


# 4. Cues that change a date give the new date.
@pytest.mark.parametrize("text,expected", [
    ("Tỉnh quyết định rút ngắn thời hạn bàn giao mặt bằng từ ngày 31/12/2026 xuống ngày 30/9/2026.", ["2026-09-30"]),
    ("Bộ đồng ý lùi thời hạn nộp hồ sơ đến ngày 20/12/2026.", ["2026-12-20"]),
    ("The opening of the new bridge was brought forward to May 15, 2027.", ["2027-05-15"]),
    ("The consultation was extended until 30 September 2026.", ["2026-09-30"]),
    ("Die Abgabefrist wurde verlängert bis zum 31. Januar 2027.", ["2027-01-31"]),
    ("La date limite a été reportée au 15 mars 2027.", ["2027-03-15"]),
])
def test_change_cues_give_the_new_date(text, expected):
    assert extract_text(text)["deadlines"] == expected


# 5. A time limit stated once for a list or a paragraph carries to the targets under it.
@pytest.mark.parametrize("text,deadline", [
    ("Đến năm 2031:\n- 100% trạm y tế xã có bác sĩ.\n- Tỷ lệ hộ dùng điện lưới đạt 99,5%.\n", "2031-12-31"),
    ("By 2029:\n- 95% of villages have paved roads;\n- the share of trained workers is 72%.\n", "2029-12-31"),
    ("Bis 2032:\n- Der Anteil des Busverkehrs liegt bei 30 %.\n- 2.400 neue Parkplätze für Räder.\n", "2032-12-31"),
    ("D'ici 2030 :\n- 70 % des écoles sont rénovées ;\n- le réseau compte 90 km de pistes.\n", "2030-12-31"),
])
def test_limit_heading_carries_to_every_item(text, deadline):
    out = extract_text(text)
    assert len(out["targets"]) == 2
    assert {t["deadline"] for t in out["targets"]} == {deadline}
    assert out["deadlines"] == [deadline]


def test_paragraph_opening_limit_carries_to_its_targets():
    out = extract_text("By 2029, the province aims to connect every commune to the grid. It also targets 85% "
                       "of households with clean water.")
    assert [t["deadline"] for t in out["targets"]] == ["2029-12-31"]


# 6. The count of actors is not the value.
@pytest.mark.parametrize("text,expected", [
    ("Under the plan, 18 communes aim for a poverty rate of 6% to 7%.", (6, 7)),
    ("Năm 2027, 14 xã phấn đấu đạt tỷ lệ che phủ rừng 45%.", (45, None)),
])
def test_count_of_actors_is_not_the_target(text, expected):
    out = extract_text(text)
    assert [(t["value"], t["value_max"]) for t in out["targets"]] == [expected]


# 7. A change by a range; French ordinals and day ranges; a resolution by the word before its number.
def test_decrease_and_increase_by_a_range():
    assert _targets("The district aims to decrease the dropout rate by 0.5-1% a year.")[0][:3] == (0.5, 1, "decrease_by")
    assert _targets("Phấn đấu hằng năm giảm 1-1,5% tỷ lệ hộ nghèo.")[0][:3] == (1, 1.5, "decrease_by")
    assert _targets("Die Stadt will die Zahl der Fahrgäste um 4-6 % steigern.")[0][:3] == (4, 6, "between") or \
        _targets("Die Stadt will die Zahl der Fahrgäste um 4-6 % steigern.")[0][:2] == (4, 6)


def test_french_ordinals_and_day_ranges_are_not_figures():
    out = extract_text("Le 21e Congrès se réunira du 3 au 5 juin à Lyon. Le 21 e Congrès doit adopter 8 motions.")
    values = [t["value"] for t in out["targets"] + out["figures"]]
    assert 21 not in values and 3 not in values and 5 not in values


def test_resolution_named_before_a_legal_style_number():
    for text in ("Resolution No. 201/2025/QH15 sets growth at 7% for 2026.",
                 "Nghị quyết số 201/2025/QH15 đặt mục tiêu tăng trưởng 7%."):
        [doc] = extract_text(text)["documents"]
        assert doc["kind"] == "resolution"


# 8. A sentence-final time limit applies to that sentence's target.
def test_sentence_final_deadline_applies_to_the_target():
    out = extract_text("KẾ HOẠCH\nThực hiện nhiệm vụ năm 2026\n\nPhấn đấu tỷ lệ hộ cận nghèo giảm còn 3%, hoàn thành "
                       "trước ngày 30/9/2026.")
    assert [t["deadline"] for t in out["targets"]] == ["2026-09-30"]


# 8 (the web app's findings): the indicator's name, not the whole sentence; the body that issued
# a cited document, as the text names it.
@pytest.mark.parametrize("text,name", [
    ("Phấn đấu tỷ lệ hộ cận nghèo giảm xuống còn 3%, hoàn thành trước ngày 30/9/2026.", "tỷ lệ hộ cận nghèo"),
    ("Phấn đấu đến năm 2028 giảm 1% tỷ lệ trẻ suy dinh dưỡng.", "tỷ lệ trẻ suy dinh dưỡng"),
    ("Phấn đấu kết nạp 25 đoàn viên mới trở lên.", "kết nạp đoàn viên mới"),
    ("By 2029, the town aims to raise the composting rate to 40%.", "composting rate"),
    ("Bis 2030 soll der Stromverbrauch um 12 % gesenkt werden.", "Stromverbrauch"),
    ("La ville vise 35 % de repas bio d'ici 2029.", "repas bio"),
])
def test_indicator_is_the_name_not_the_sentence(text, name):
    assert extract_text(text)["targets"][0]["indicator"] == name


@pytest.mark.parametrize("text,body", [
    ("Căn cứ Kế hoạch số 12/KH-UBND ngày 2/2/2026 của Ủy ban nhân dân huyện về y tế, xã phấn đấu đạt 90%.",
     "Ủy ban nhân dân huyện"),
    ("Under Plan 77/KH-UBND of the District People's Committee on schools, the commune aims at 95%.",
     "District People's Committee"),
])
def test_issuer_named_in_the_text(text, body):
    assert extract_text(text)["documents"][0]["issuer_name"] == body


# Norwegian, where the rules above apply to it too.
def test_norwegian_goal_list_limit_heading_governing_year_and_change_cue():
    listed = extract_text("Bystyret vedtok følgende hovedmål for 2029:\n1. Andelen elbusser er 70 %.\n"
                          "2. 300 nye barnehageplasser.\n")
    assert {(t["value"], t["deadline"]) for t in listed["targets"]} == {(70, "2029-12-31"), (300, "2029-12-31")}
    limit = extract_text("Innen 2031:\n- 95 % av husstandene har fiber.\n- 250 nye omsorgsboliger.\n")
    assert {t["deadline"] for t in limit["targets"]} == {"2031-12-31"} and limit["deadlines"] == ["2031-12-31"]
    year = extract_text("I 2028 skal fylket bygge 80 nye gang- og sykkelveier.")
    assert [t["deadline"] for t in year["targets"]] == ["2028-12-31"] and year["deadlines"] == []
    moved = extract_text("Fristen for høringen ble utsatt til 1. april 2027.")
    assert moved["deadlines"] == ["2027-04-01"]


@pytest.mark.parametrize("text,expected", [
    ("Kế hoạch ban đầu là năm 2030, nay tỉnh quyết định rút ngắn xuống năm 2028 để hoàn thành 100% đường xã.",
     ["2028-12-31"]),
    ("Der Ausbau war ursprünglich bis 2031 geplant und wurde auf 2029 vorgezogen.", ["2029-12-31"]),
    ("Le chantier, initialement prévu pour 2030, a été avancé à 2028.", ["2028-12-31"]),
])
def test_superseded_date_in_vietnamese_german_french(text, expected):
    assert extract_text(text)["deadlines"] == expected

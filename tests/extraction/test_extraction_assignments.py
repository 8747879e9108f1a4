"""Assignments read out of conclusion notices and plans (Vietnamese and English), and the
assignment scorer on the annotated texts in benchmarks/texts/assignments*/.

Texts are written for these tests."""

from __future__ import annotations

import importlib.util
import pathlib

from mandate.extraction import extract_text

ROOT = pathlib.Path(__file__).resolve().parents[2]


def assignments(text: str) -> list[dict]:
    return extract_text(text)["assignments"]


def _scorer():
    spec = importlib.util.spec_from_file_location("assignments_score", ROOT / "benchmarks" / "assignments_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vietnamese_giao_chu_tri_phoi_hop_with_deadline():
    [a] = assignments("Giao Sở Công Thương chủ trì, phối hợp với Sở Tài chính và Cục Thuế tỉnh kiểm tra giá xăng dầu "
                      "trên địa bàn, hoàn thành trước ngày 20/7/2026.")
    assert a["lead_unit"] == "Sở Công Thương"
    assert a["coordinating_units"] == ["Sở Tài chính", "Cục Thuế tỉnh"]
    assert a["action"] == "kiểm tra giá xăng dầu trên địa bàn"
    assert a["deadline"] == "2026-07-20"
    assert a["text"].startswith("Giao Sở Công Thương")


def test_vietnamese_unit_name_with_a_capitalised_verb_word_and_a_dash():
    [a] = assignments("Giao Sở Xây dựng xây dựng quy hoạch chung đô thị mới.")
    assert (a["lead_unit"], a["action"]) == ("Sở Xây dựng", "xây dựng quy hoạch chung đô thị mới")
    [b] = assignments("- Phòng Tài chính - Kế hoạch có trách nhiệm thẩm định dự toán của các xã.")
    assert b["lead_unit"] == "Phòng Tài chính - Kế hoạch"
    assert b["action"] == "thẩm định dự toán của các xã"
    assert b["deadline"] is None


def test_vietnamese_de_nghi_and_yeu_cau_and_several_leads():
    [a] = assignments("Đề nghị Liên đoàn Lao động tỉnh vận động công nhân tham gia hiến máu.")
    assert a["lead_unit"] == "Liên đoàn Lao động tỉnh"
    leads = [x["lead_unit"] for x in assignments("Yêu cầu Sở Nội vụ, Sở Tư pháp rà soát quy chế làm việc "
                                                 "trong quý III/2026.")]
    assert leads == ["Sở Nội vụ", "Sở Tư pháp"]
    assert {x["deadline"] for x in assignments("Yêu cầu Sở Nội vụ rà soát quy chế trong quý III/2026.")} == {"2026-09-30"}


def test_vietnamese_unit_list_keeps_lower_case_parts_and_names_with_và():
    [a] = assignments("Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với UBND các huyện, thị xã và các sở, ngành "
                      "liên quan đề xuất danh mục dự án.")
    assert a["lead_unit"] == "Sở Kế hoạch và Đầu tư"
    assert a["coordinating_units"] == ["UBND các huyện, thị xã", "các sở, ngành liên quan"]


def test_english_assigned_to_in_coordination_with_by():
    [a] = assignments("The Department of Transport is assigned to upgrade rural bridges, in coordination with the "
                      "Department of Finance and commune People's Committees, by October 31, 2026.")
    assert a["lead_unit"] == "Department of Transport"
    assert a["coordinating_units"] == ["Department of Finance", "commune People's Committees"]
    assert a["action"] == "upgrade rural bridges"
    assert a["deadline"] == "2026-10-31"


def test_english_shall_lead_and_assign_imperative():
    [a] = assignments("The Provincial Tax Office shall lead the review of unpaid fees in coordination with the "
                      "Department of Justice before 1 December 2026.")
    assert (a["lead_unit"], a["coordinating_units"], a["deadline"]) == (
        "Provincial Tax Office", ["Department of Justice"], "2026-12-01")
    assert a["action"] == "lead the review of unpaid fees"
    [b] = assignments("Assign the Department of Home Affairs to draft the staffing plan.")
    assert (b["lead_unit"], b["action"], b["deadline"]) == ("Department of Home Affairs", "draft the staffing plan", None)


def test_not_assignments():
    assert not assignments("In the 2024-2025 school year, 12 schools will be rebuilt.")
    assert not assignments("Forty clinics will be renovated by 2027.")
    assert not assignments("Năm 2025, toàn tỉnh đã hoàn thành 95% kế hoạch.")
    assert not extract_text("Die Stadt soll bis 2030 klimaneutral werden.")["assignments"]


def test_assignment_scorer_on_the_annotated_texts():
    score = _scorer()
    seen = score.run(ROOT / "benchmarks" / "texts" / "assignments")
    assert seen["gold"] >= 30
    assert seen["f1"] >= 0.95 and seen["deadline_accuracy"] >= 0.95 and seen["coordinating_accuracy"] >= 0.9
    held = score.run(ROOT / "benchmarks" / "texts" / "assignments_heldout")
    assert held["gold"] >= 10
    assert held["f1"] >= 0.9 and held["deadline_accuracy"] >= 0.9


def test_scorer_pairs_by_unit_and_action():
    score = _scorer()
    gold = [{"lead_unit": "Sở Y tế", "coordinating_units": [], "action": "khám sức khỏe", "deadline": None}]
    pred = [{"lead_unit": "sở y  tế", "coordinating_units": [], "action": "tổ chức khám sức khỏe", "deadline": None},
            {"lead_unit": "Sở Y tế", "coordinating_units": [], "action": "mua thuốc", "deadline": None}]
    s = score.score([(gold, pred)])
    assert (s["matched"], s["precision"], s["recall"]) == (1, 0.5, 1.0)


def test_cli_json_and_table_show_assignments(tmp_path, capsys):
    from mandate.extraction.cli import main

    path = tmp_path / "notice.txt"
    path.write_text("Giao Sở Du lịch chủ trì, phối hợp với Sở Tài chính tổ chức lễ hội hoa đào trước ngày 10/1/2027.\n",
                    encoding="utf-8")
    assert main([str(path), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "Assignments (1)" in out and "Sở Du lịch" in out and "2027-01-10" in out


def test_vietnamese_action_with_a_verb_outside_the_list():
    [a] = assignments("Giao UBND xã Hoàng Đồng chủ trì, phối hợp với UBND xã Mai Pha san lấp ao tù trước ngày 20/5/2027.")
    assert (a["lead_unit"], a["coordinating_units"], a["action"]) == ("UBND xã Hoàng Đồng", ["UBND xã Mai Pha"],
                                                                     "san lấp ao tù")
    [b] = assignments("Giao Sở Kế hoạch và Đầu tư san lấp mặt bằng khu tái định cư.")
    assert (b["lead_unit"], b["action"]) == ("Sở Kế hoạch và Đầu tư", "san lấp mặt bằng khu tái định cư")


def test_vietnamese_giao_inside_a_sentence_only_before_a_unit():
    [a] = assignments("Chủ tịch UBND tỉnh giao Sở Y tế chủ trì, phối hợp với Công an tỉnh kiểm tra an toàn thực phẩm "
                      "trước ngày 1/2/2027.")
    assert (a["lead_unit"], a["coordinating_units"], a["deadline"]) == ("Sở Y tế", ["Công an tỉnh"], "2027-02-01")
    assert not assignments("Tỉnh đã bàn giao Sở Y tế 3 xe cứu thương.")
    assert not assignments("Tổ chức họp giao ban định kỳ hằng tháng.")
    assert not assignments("Dự án giao thông do Sở Xây dựng làm chủ đầu tư đã hoàn thành.")

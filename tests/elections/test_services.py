"""Elections through the services: milestone tasks, candidate rules, turnout, results and approval."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mandate.core.exceptions import ConflictError
from mandate.elections import queries, services
from mandate.elections.models import LegalMilestone
from mandate.elections.testing import DAY, candidate
from mandate.tasks.models import Task


def messages(exc):
    return " ".join(m for ms in exc.value.message_dict.values() for m in ms)


def test_creating_an_election_turns_milestones_into_tasks_with_dates(election, tree, wards):
    e = election["election"]
    milestones = list(LegalMilestone.objects.filter(is_active=True))
    assert e.milestones.count() == len(milestones)
    voter_lists = e.milestones.get(milestone__days_before=40)
    assert voter_lists.due_on == DAY - datetime.timedelta(days=40)
    tasks = Task.objects.filter(batch=voter_lists.batch)
    # commune level: every ward existing on election day (the closed communes of the city are not)
    assert {t.lead_unit_id for t in tasks} == {wards["ky_lua"].pk, wards["tam_thanh"].pk}
    assert all(t.deadline == voter_lists.due_on and t.assigning_unit == tree.province for t in tasks)
    results = e.milestones.get(milestone__days_before=-10)
    assert Task.objects.get(batch=results.batch).deadline == datetime.date(2026, 3, 25)


def test_only_an_approver_of_the_organizer_creates_an_election(tree, eusers):
    with pytest.raises(PermissionDenied):
        services.create_election(actor=eusers["kl_reporter"], organizer=tree.province, name_vi="X", term="2026-2031",
                                 election_day=DAY)


def test_candidate_rules_and_structure_targets_per_constituency_and_body(election):
    body = election["body"]
    services.set_structure_target(actor=None, body=body, attribute="women", min_percent=35)
    services.set_structure_target(actor=None, body=body, attribute="ethnic_minority", min_percent=50)
    services.set_structure_target(actor=None, body=body, attribute="young", min_percent=20)
    rows, body_checks = queries.constituency_rows(body)
    one, two = rows
    assert (one.candidates, one.min_candidates, one.candidates_ok) == (2, 2, True)
    assert (two.candidates, two.min_candidates) == (4, 3)
    women = {r.constituency.number: next(s for s in r.structure if s.attribute == "women") for r in rows}
    assert women[1].percent == 50 and women[1].status == "achieved"
    assert women[2].status == "achieved"
    minority_two = next(s for s in two.structure if s.attribute == "ethnic_minority")
    assert minority_two.status == "achieved"  # 2 of 4
    young_body = next(s for s in body_checks if s.attribute == "young")
    assert young_body.count == 3 and young_body.total == 6  # born 1988, 1990, 1992: under 40 in 2026


def test_candidate_in_two_constituencies_of_one_body_is_refused(election):
    with pytest.raises(ValidationError) as exc:
        candidate(election["two"], "nguyễn văn  an", 1975)
    assert "already a candidate in Đơn vị bầu cử số 1" in messages(exc)


def test_turnout_above_voters_is_refused_with_a_clear_message(election, eusers):
    with pytest.raises(ValidationError) as exc:
        services.report_turnout(actor=eusers["kl_reporter"], area=election["a1"], hour=9, voted=1001)
    assert "1001 voters voted is more than the 1000 voters on the list of KVBP số 1" in messages(exc)


def test_turnout_cannot_go_down_and_is_approved(election, eusers):
    r9 = services.report_turnout(actor=eusers["kl_reporter"], area=election["a1"], hour=9, voted="300")
    with pytest.raises(ValidationError) as exc:
        services.report_turnout(actor=eusers["kl_reporter"], area=election["a1"], hour=11, voted=200)
    assert "cannot report fewer" in messages(exc)
    with pytest.raises(PermissionDenied):
        services.approve_figure(r9, actor=eusers["kl_reporter"], expected_version=r9.version)
    r9 = services.approve_figure(r9, actor=eusers["kl_approver"], expected_version=r9.version)
    assert r9.state == "approved" and r9.history.count() == 2
    with pytest.raises(ConflictError):
        services.report_turnout(actor=eusers["kl_reporter"], area=election["a1"], hour=9, voted=310)


def test_reporter_of_another_ward_cannot_report(election, eusers):
    with pytest.raises(PermissionDenied):
        services.report_turnout(actor=eusers["kl_reporter"], area=election["b1"], hour=9, voted=1)


def result(election, area, votes, issued=900, received=850, valid=840, invalid=10, **kw):
    return services.enter_result(actor=None, area=election[area], ballots_issued=issued, ballots_received=received,
                                 valid=valid, invalid=invalid, votes={election[k].pk: v for k, v in votes.items()},
                                 **kw)


def test_results_that_do_not_add_up_are_refused(election):
    with pytest.raises(ValidationError) as exc:
        result(election, "a1", {"an": 500, "binh": 300}, valid=830)
    assert "Valid (830) plus invalid (10) ballots make 840, but 850 were received." in messages(exc)
    with pytest.raises(ValidationError) as exc:
        result(election, "a1", {"an": 900, "binh": 300})
    text = messages(exc)
    assert "More votes than valid ballots (840) for: Nguyễn Văn An" in text
    assert "more than valid ballots × seats (840 × 1 = 840)" in text
    with pytest.raises(ValidationError) as exc:
        result(election, "a1", {"an": 500, "binh": 300}, issued=800)
    assert "850 ballots received is more than the 800 issued" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        result(election, "a1", {"an": 500})
    assert "missing: Trần Thị Bình" in messages(exc)


def test_result_for_an_area_of_another_constituency_is_refused(election):
    with pytest.raises(ValidationError) as exc:
        result(election, "a1", {"an": 500, "binh": 300, "cuong": 10})
    assert "Lê Văn Cường is a candidate of Đơn vị bầu cử số 2, not of Đơn vị bầu cử số 1" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        result(election, "a1", {"an": 500, "binh": 300}, constituency=election["two"])
    assert "KVBP số 1 belongs to Đơn vị bầu cử số 1, not to Đơn vị bầu cử số 2" in messages(exc)


def test_constituency_count_only_from_approved_results(election, eusers):
    r1 = result(election, "a1", {"an": 600, "binh": 200})
    r2 = result(election, "a2", {"an": 300, "binh": 380}, issued=700, received=700, valid=690, invalid=10)
    counts = queries.constituency_counts(queries.Constituency.objects.filter(pk=election["one"].pk))
    assert counts[0].counted == 0 and not counts[0].complete and counts[0].elected == []
    services.approve_figure(r1, actor=eusers["kl_approver"], expected_version=r1.version)
    r2 = services.return_figure(r2, actor=eusers["kl_approver"], expected_version=r2.version,
                                comment="Kiểm tra lại số phiếu")
    r2 = result(election, "a2", {"an": 300, "binh": 380}, issued=700, received=700, valid=690, invalid=10,
                expected_version=r2.version)
    services.approve_figure(r2, actor=eusers["kl_approver"], expected_version=r2.version)
    c = queries.constituency_counts(queries.Constituency.objects.filter(pk=election["one"].pk))[0]
    assert c.complete and (c.valid, c.received, c.voters) == (1530, 1550, 1800)
    assert [line.candidate.full_name for line in c.elected] == ["Nguyễn Văn An"]  # 900 of 1530 valid ballots
    assert c.action == ""


def test_stale_result_edit_is_refused(election):
    r = result(election, "a1", {"an": 600, "binh": 200}, submit=False)
    result(election, "a1", {"an": 610, "binh": 190}, submit=False, expected_version=r.version)
    with pytest.raises(ConflictError):
        result(election, "a1", {"an": 620, "binh": 180}, submit=False, expected_version=r.version)

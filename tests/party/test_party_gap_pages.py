"""Issue 10: the member's own self-assessment page, linking a member to a user account,
entering, correcting and deleting cases and inspections, and the sentence that tells a
counts-only user why."""

import pytest
from django.urls import reverse

from mandate.accounts.models import Role
from mandate.core.history import person
from mandate.core.testing import QueryCounter, make_user
from mandate.party import queries, services
from mandate.party.models import (
    BodyLevel,
    CorruptionCase,
    Defendant,
    Discipline,
    Inspection,
    InspectionKind,
    MemberRating,
    RatingRuleSet,
)

from .conftest import D

STALE = "Someone else changed this record"


def login(client, user):
    client.force_login(user)
    return client


def text(response) -> str:
    return response.content.decode()


def last_history(obj):
    return obj.history.order_by("-history_date", "-history_id").first()


# ---- self-assessment -------------------------------------------------------------------------

@pytest.fixture
def own(ptree, members, pusers):
    """A member of org B linked to an account of org B (a viewer there), and an open rating."""
    member = members["b"][0]
    account = make_user("member-b0", ptree.org_b)
    services.link_user(member, actor=None, user=account)
    campaign = services.open_campaign(actor=None, org_unit=ptree.committee, year=2024)
    return member, account, campaign


def test_member_fills_in_own_self_assessment_from_the_record_and_the_campaign(client, own):
    member, account, campaign = own
    c = login(client, account)
    url = reverse("party:self_assessment", args=[member.pk, campaign.pk])
    assert url in text(c.get(member.get_absolute_url()))
    assert url in text(c.get(campaign.get_absolute_url()))
    rating = MemberRating.objects.get(campaign=campaign, member=member)
    response = c.post(url, {"grade": "well", "note": "Hoàn thành tốt công việc", "version": rating.version})
    assert response.status_code == 302 and response["Location"] == member.get_absolute_url()
    rating.refresh_from_db()
    assert (rating.self_grade, rating.self_note) == ("well", "Hoàn thành tốt công việc") and rating.self_at
    record = last_history(rating)
    assert record.history_user == account and record.self_grade == "well"
    assert "Completed tasks well" in text(c.get(url))


def test_self_assessment_bad_input_and_stale_version_keep_what_was_typed(client, own):
    member, account, campaign = own
    c = login(client, account)
    url = reverse("party:self_assessment", args=[member.pk, campaign.pk])
    rating = MemberRating.objects.get(campaign=campaign, member=member)
    response = text(c.post(url, {"grade": "", "note": "Ghi chú đã gõ", "version": rating.version}))
    assert "This field is required." in response and "Ghi chú đã gõ" in response
    response = text(c.post(url, {"grade": "superb", "note": "Ghi chú đã gõ", "version": rating.version}))
    assert "Select a valid choice" in response and "Ghi chú đã gõ" in response
    services.self_assess(rating, actor=None, grade="completed")
    response = text(c.post(url, {"grade": "excellent", "note": "Bản thứ hai", "version": rating.version}))
    assert STALE in response and "Bản thứ hai" in response
    rating.refresh_from_db()
    assert rating.self_grade == "completed"


def test_self_assessment_with_points_rules(client, ptree, members):
    points = RatingRuleSet.objects.create(
        code="points", name="Points", grades=RatingRuleSet.objects.get(code="124-qd-tw").grades,
        excellent="excellent", quota_percent=20,
        points_bands=[{"grade": "excellent", "min_points": 90}, {"grade": "well", "min_points": 70},
                      {"grade": "completed", "min_points": 50}, {"grade": "not_completed", "min_points": 0}])
    member = members["a1"][0]
    account = make_user("member-a0", ptree.department)
    services.link_user(member, actor=None, user=account)
    campaign = services.open_campaign(actor=None, org_unit=ptree.committee, year=2024, rule_set=points)
    rating = MemberRating.objects.get(campaign=campaign, member=member)
    c = login(client, account)
    url = reverse("party:self_assessment", args=[member.pk, campaign.pk])
    assert "Choose a grade or give your points." in text(c.post(url, {"version": rating.version}))
    assert c.post(url, {"points": "92", "version": rating.version}).status_code == 302
    rating.refresh_from_db()
    assert rating.self_grade == "excellent" and rating.self_points == 92


def test_self_assessment_is_refused_for_anyone_elses_record(client, ptree, pusers, members, own):
    member, account, campaign = own
    url = reverse("party:self_assessment", args=[member.pk, campaign.pk])
    rating = MemberRating.objects.get(campaign=campaign, member=member)
    data = {"grade": "excellent", "version": rating.version}
    # The committee and the cell read the record, but the self-assessment is the member's own.
    for who in ("committee", "org_b", "inspector"):
        c = login(client, pusers[who])
        assert c.get(url).status_code == 403, who
        assert c.post(url, data).status_code == 403, who
    # Another member's account does not even see the record.
    other = make_user("member-b1", ptree.department)
    services.link_user(members["b"][1], actor=None, user=other)
    c = login(client, other)
    assert c.get(url).status_code == 404 and c.post(url, data).status_code == 404
    assert c.get(reverse("party:self_assessment", args=[members["b"][1].pk, campaign.pk])).status_code == 200
    for who in ("province_viewer", "department"):
        assert login(client, pusers[who]).get(url).status_code == 404, who
    rating.refresh_from_db()
    assert rating.self_grade == ""
    # A campaign without a rating of the member: nothing to fill in.
    later = services.open_campaign(actor=None, org_unit=ptree.org_b, year=2023)
    MemberRating.objects.filter(campaign=later, member=member).delete()
    assert login(client, account).get(reverse("party:self_assessment", args=[member.pk, later.pk])).status_code == 404


def test_self_assessment_closes_once_the_cell_proposed(client, ptree, pusers, own):
    member, account, campaign = own
    services.self_assess_group(campaign, actor=None, org_unit=ptree.org_b,
                               grades={r.pk: "well" for r in campaign.member_ratings.filter(org_unit=ptree.org_b)})
    services.propose_group(campaign, actor=None, org_unit=ptree.org_b,
                           grades={r.pk: "well" for r in campaign.member_ratings.filter(org_unit=ptree.org_b)})
    c = login(client, account)
    url = reverse("party:self_assessment", args=[member.pk, campaign.pk])
    page = text(c.get(url))
    assert 'data-testid="self-assessment-closed"' in page and 'data-testid="self-assessment-form"' not in page
    assert url not in text(c.get(member.get_absolute_url()))
    rating = MemberRating.objects.get(campaign=campaign, member=member)
    response = text(c.post(url, {"grade": "excellent", "version": rating.version}))
    assert "The cell has already proposed a grade" in response
    rating.refresh_from_db()
    assert rating.self_grade == "well"


# ---- linking a member to an account ------------------------------------------------------------

def test_committee_links_and_unlinks_an_account_with_history(client, ptree, pusers, members):
    member = members["a1"][2]
    account = make_user("Thu.Hoang", ptree.department)
    c = login(client, pusers["committee"])
    url = reverse("party:member_account", args=[member.pk])
    assert url in text(c.get(member.get_absolute_url()))
    assert c.get(url).status_code == 200
    response = c.post(url, {"action": "link", "username": "thu.hoang", "version": member.version})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.user == account
    record = last_history(member)
    assert record.history_user == pusers["committee"] and record.user_id == account.pk
    # the member now sees their own record
    assert login(client, account).get(member.get_absolute_url()).status_code == 200
    c = login(client, pusers["committee"])
    assert c.post(url, {"action": "unlink", "version": member.version}).status_code == 302
    member.refresh_from_db()
    assert member.user is None and last_history(member).history_user == pusers["committee"]
    history = text(c.get(member.get_absolute_url())).split('data-testid="history"')[1]
    # the page's history names the account it was linked to, not its id
    assert "<strong>user account</strong>" in history
    assert f"{person(account)} → —" in history and f"{account.pk} → —" not in history
    assert login(client, account).get(member.get_absolute_url()).status_code == 404


def test_link_bad_input_keeps_the_typed_username(client, ptree, pusers, members):
    member, taken = members["a1"][2], members["a1"][3]
    account = make_user("da-lien-ket", ptree.department)
    services.link_user(taken, actor=None, user=account)
    c = login(client, pusers["committee"])
    url = reverse("party:member_account", args=[member.pk])
    response = text(c.post(url, {"action": "link", "username": "khong-co-ai", "version": member.version}))
    assert "No user account has this username." in response and 'value="khong-co-ai"' in response
    response = text(c.post(url, {"action": "link", "username": "da-lien-ket", "version": member.version}))
    assert "already linked to another member" in response and 'value="da-lien-ket"' in response
    make_user("free-account", ptree.department)
    response = text(c.post(url, {"action": "link", "username": "free-account", "version": member.version + 5}))
    assert STALE in response and 'value="free-account"' in response
    member.refresh_from_db()
    assert member.user is None


def test_linking_is_refused_to_those_who_may_not_edit_the_organization(client, ptree, pusers, members):
    member = members["a1"][2]
    make_user("someone", ptree.department)
    url = reverse("party:member_account", args=[member.pk])
    data = {"action": "link", "username": "someone", "version": member.version}
    province_admin = make_user("province-admin", ptree.province, Role.ADMINISTRATOR)
    # The cell (a reporter) and the inspection committee read the record but may not link it;
    # the province's administrator and the sibling organization do not see it at all.
    expected = {"cell": 403, "inspector": 403, "org_b": 404, "province_viewer": 404}
    for who, status in expected.items():
        c = login(client, pusers[who])
        assert c.get(url).status_code == status, who
        assert c.post(url, data).status_code == status, who
    c = login(client, province_admin)
    assert c.get(url).status_code == 404 and c.post(url, data).status_code == 404
    assert reverse("party:member_account", args=[member.pk]) not in text(
        login(client, pusers["cell"]).get(member.get_absolute_url()))
    member.refresh_from_db()
    assert member.user is None


# ---- corruption and negativity cases ---------------------------------------------------------

@pytest.fixture
def case_writer(ptree):
    """A reporter of the inspection committee: it records cases under the committee it serves."""
    return make_user("inspection-reporter", ptree.inspection, Role.REPORTER)


def _case_data(ptree, **overrides):
    data = {"org_unit": ptree.committee.pk, "title": "Vụ án tham ô tại Cơ quan A", "kind": "case",
            "level": "district", "opened_on": "2024-03-05", "defendant_count": "3",
            "defendants": "Nông Văn Bị; Kế toán\nLăng Thị Can", "steering_monitored": "on"}
    data.update(overrides)
    return data


def test_inspection_committee_records_a_case_with_its_defendants(client, ptree, pusers, case_writer):
    c = login(client, case_writer)
    page = text(c.get(reverse("party:inspections"), {"unit": ptree.committee.pk}))
    assert reverse("party:case_new") in page
    response = c.post(reverse("party:case_new"), _case_data(ptree))
    case = CorruptionCase.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert (case.defendant_count, case.steering_monitored, case.level) == (3, True, "district")
    assert list(case.defendants.values_list("full_name", "position")) == [("Nông Văn Bị", "Kế toán"),
                                                                           ("Lăng Thị Can", "")]
    assert last_history(case).history_user == case_writer
    assert Defendant.history.filter(history_type="+").count() == 2
    detail = text(c.get(case.get_absolute_url()))
    assert "Nông Văn Bị" in detail and "1 defendant whose name is not recorded" in detail
    totals = queries.case_totals(ptree.committee, D(2024, 1, 1), D(2024, 12, 31))
    assert (totals["cases"], totals["defendants"], totals["monitored_cases"]) == (1, 3, 1)
    listing = text(c.get(reverse("party:inspections"), {"unit": ptree.committee.pk}))
    assert case.get_absolute_url() in listing


def test_case_bad_input_keeps_what_was_typed(client, ptree, pusers):
    c = login(client, pusers["committee"])
    response = text(c.post(reverse("party:case_new"), _case_data(ptree, defendant_count="1")))
    assert "2 names are listed for 1 defendants" in response
    assert "Vụ án tham ô tại Cơ quan A" in response and "Lăng Thị Can" in response
    response = text(c.post(reverse("party:case_new"), _case_data(ptree, title="", defendant_count="-2")))
    assert "This field is required." in response and "Lăng Thị Can" in response
    assert not CorruptionCase.objects.exists()


def test_case_pages_are_refused_without_the_right(client, ptree, pusers, members):
    case = services.record_case(actor=None, org_unit=ptree.committee, title="Vụ việc cũ", opened_on=D(2023, 1, 2),
                                defendants=[("Hà Văn Kín", "Trưởng phòng")], defendant_count=2)
    province_admin = make_user("province-admin", ptree.province, Role.ADMINISTRATOR)
    for user in (pusers["province_viewer"], province_admin):
        c = login(client, user)
        page = text(c.get(case.get_absolute_url()))
        assert "Hà Văn Kín" not in page and 'data-testid="counts-only"' in page and ">2<" in page
        assert reverse("party:case_edit", args=[case.pk]) not in page
        assert c.get(reverse("party:case_new")).status_code == 403
        assert c.post(reverse("party:case_new"), _case_data(ptree)).status_code == 403
        assert c.get(reverse("party:case_edit", args=[case.pk])).status_code == 403
        assert c.post(reverse("party:case_delete", args=[case.pk]), {"version": case.version}).status_code == 403
    # a viewer of the inspection committee reads the names but does not write
    c = login(client, pusers["inspector"])
    assert "Hà Văn Kín" in text(c.get(case.get_absolute_url()))
    assert c.get(reverse("party:case_edit", args=[case.pk])).status_code == 403
    # a sibling organization does not see the committee's cases
    c = login(client, pusers["org_b"])
    for name in ("case", "case_edit", "case_delete"):
        assert c.get(reverse(f"party:{name}", args=[case.pk])).status_code == 404, name
    assert CorruptionCase.objects.count() == 1


def test_case_edit_with_history_and_a_stale_version(client, ptree, pusers):
    case = services.record_case(actor=None, org_unit=ptree.committee, title="Vụ án A", opened_on=D(2023, 1, 2),
                                defendants=[("Hà Văn Kín", "")])
    c = login(client, pusers["committee"])
    url = reverse("party:case_edit", args=[case.pk])
    form = text(c.get(url))
    assert "Hà Văn Kín" in form and 'name="version"' in form
    data = _case_data(ptree, title="Vụ án A (đã sửa)", defendant_count="4",
                      defendants="Hà Văn Kín\nMông Thị Tố; Thủ quỹ", version=case.version)
    assert c.post(url, data).status_code == 302
    case.refresh_from_db()
    assert (case.title, case.defendant_count, case.steering_monitored) == ("Vụ án A (đã sửa)", 4, True)
    assert list(case.defendants.values_list("full_name", flat=True)) == ["Hà Văn Kín", "Mông Thị Tố"]
    assert last_history(case).history_user == pusers["committee"]
    page = text(c.get(case.get_absolute_url()))
    assert "Number of defendants" in page and "1 → 4" in page  # the history shows the change
    assert Defendant.history.filter(history_type="-").count() == 1
    stale = text(c.post(url, {**data, "title": "Bản cũ đã gõ", "version": case.version - 1}))
    assert STALE in stale and "Bản cũ đã gõ" in stale
    case.refresh_from_db()
    assert case.title == "Vụ án A (đã sửa)"


def test_case_delete_asks_for_confirmation(client, ptree, pusers):
    case = services.record_case(actor=None, org_unit=ptree.committee, title="Vụ nhầm", opened_on=D(2023, 1, 2),
                                defendants=[("Người Nhầm", "")])
    c = login(client, pusers["committee"])
    url = reverse("party:case_delete", args=[case.pk])
    assert url in text(c.get(case.get_absolute_url()))
    page = text(c.get(url))
    assert "Vụ nhầm" in page and 'data-testid="delete-confirm"' in page
    assert c.post(url, {}).status_code == 200  # no version: nothing happens
    assert text(c.post(url, {"version": case.version + 1})).count(STALE) == 1
    assert CorruptionCase.objects.filter(pk=case.pk).exists()
    response = c.post(url, {"version": case.version})
    assert response.status_code == 302 and reverse("party:inspections") in response["Location"]
    assert not CorruptionCase.objects.exists() and not Defendant.objects.exists()
    gone = CorruptionCase.history.filter(id=case.pk, history_type="-").get()
    assert gone.history_user == pusers["committee"]
    assert Defendant.history.filter(history_type="-").count() == 1


# ---- inspections: edit and delete -------------------------------------------------------------

@pytest.fixture
def records(ptree, members):
    about_member = services.record_inspection(
        actor=None, body=ptree.inspection, level=BodyLevel.DISTRICT, kind=InspectionKind.SIGNS_OF_VIOLATION,
        subject_member=members["a1"][4], started_on=D(2024, 3, 1), ended_on=D(2024, 4, 1), findings="Ban đầu")
    about_org = services.record_inspection(
        actor=None, body=ptree.committee, level=BodyLevel.DISTRICT, kind=InspectionKind.THEMATIC_SUPERVISION,
        subject_org=ptree.org_b, started_on=D(2024, 5, 1), ended_on=D(2024, 6, 1))
    return about_member, about_org


def test_inspection_edit_with_history_bad_input_and_stale_version(client, ptree, pusers, members, records):
    record = records[0]
    c = login(client, pusers["committee"])
    assert reverse("party:inspection_edit", args=[record.pk]) in text(
        c.get(reverse("party:inspections"), {"unit": ptree.committee.pk}))
    url = reverse("party:inspection_edit", args=[record.pk])
    form = text(c.get(url))
    assert members["a1"][4].code in form and "Ban đầu" in form
    data = {"body": ptree.inspection.pk, "kind": "regular_inspection", "member_code": members["a1"][4].code,
            "started_on": "2024-03-01", "ended_on": "2024-02-01", "findings": "Kết luận đã gõ",
            "version": record.version}
    response = text(c.post(url, data))
    assert "The end of the period cannot be before its start." in response and "Kết luận đã gõ" in response
    response = text(c.post(url, {**data, "ended_on": "2024-04-15", "member_code": "NO-SUCH"}))
    assert "No member with this code that you may see." in response and 'value="NO-SUCH"' in response
    assert c.post(url, {**data, "ended_on": "2024-04-15"}).status_code == 302
    record.refresh_from_db()
    assert (record.kind, record.findings, record.ended_on) == ("regular_inspection", "Kết luận đã gõ", D(2024, 4, 15))
    assert last_history(record).history_user == pusers["committee"]
    assert "Ban đầu" in text(c.get(record.get_absolute_url()))  # the history keeps the earlier findings
    # change the subject to an organization
    assert c.post(url, {**data, "ended_on": "2024-04-15", "member_code": "", "subject_org": ptree.org_a.pk,
                        "version": record.version}).status_code == 302
    record.refresh_from_db()
    assert (record.subject_type, record.subject_member, record.org_unit) == ("organization", None, ptree.org_a)
    stale = text(c.post(url, {**data, "ended_on": "2024-04-20", "findings": "Gõ lại", "version": 1}))
    assert STALE in stale and "Gõ lại" in stale


def test_inspection_delete_confirms_and_keeps_history(client, ptree, pusers, records):
    record, about_org = records
    c = login(client, pusers["committee"])
    url = reverse("party:inspection_delete", args=[record.pk])
    assert url in text(c.get(record.get_absolute_url()))
    assert 'data-testid="delete-confirm"' in text(c.get(url))
    assert c.post(url, {}).status_code == 200 and Inspection.objects.filter(pk=record.pk).exists()
    response = c.post(url, {"version": record.version})
    assert response.status_code == 302
    assert not Inspection.objects.filter(pk=record.pk).exists()
    assert Inspection.history.get(id=record.pk, history_type="-").history_user == pusers["committee"]
    # one that a discipline follows stays
    services.record_discipline(actor=None, body=ptree.committee, level=BodyLevel.DISTRICT, form="warning",
                               subject_org=ptree.org_b, decided_on=D(2024, 7, 1), inspection=about_org)
    url = reverse("party:inspection_delete", args=[about_org.pk])
    assert 'data-testid="delete-blocked"' in text(c.get(url))
    response = text(c.post(url, {"version": about_org.version}))
    assert "cannot be deleted" in response
    assert Inspection.objects.filter(pk=about_org.pk).exists() and Discipline.objects.count() == 1


def test_inspection_edit_and_delete_are_refused_without_the_right(client, ptree, pusers, records):
    about_member, about_org = records
    # The province viewer sees the record about an organization, not the one about a member.
    c = login(client, pusers["province_viewer"])
    for name in ("inspection_edit", "inspection_delete"):
        assert c.get(reverse(f"party:{name}", args=[about_member.pk])).status_code == 404
        assert c.get(reverse(f"party:{name}", args=[about_org.pk])).status_code == 403
        assert c.post(reverse(f"party:{name}", args=[about_org.pk]), {"version": 1}).status_code == 403
    assert reverse("party:inspection_edit", args=[about_org.pk]) not in text(c.get(about_org.get_absolute_url()))
    # A viewer of the inspection committee reads both and changes neither.
    c = login(client, pusers["inspector"])
    assert c.get(reverse("party:inspection_edit", args=[about_member.pk])).status_code == 403
    assert c.post(reverse("party:inspection_delete", args=[about_member.pk]),
                  {"version": about_member.version}).status_code == 403
    assert Inspection.objects.count() == 2


def test_inspection_and_case_lists_run_a_fixed_number_of_queries(client, ptree, pusers, members, records):
    c = login(client, pusers["committee"])
    case = services.record_case(actor=None, org_unit=ptree.committee, title="Vụ 0", opened_on=D(2024, 1, 1),
                                defendants=[("A", "")])
    urls = [reverse("party:inspections") + f"?unit={ptree.committee.pk}", case.get_absolute_url()]

    def measure():
        found = []
        for url in urls:
            with QueryCounter() as q:
                assert c.get(url).status_code == 200
            found.append(q.count)
        return found

    before = measure()
    for i in range(6):
        services.record_case(actor=None, org_unit=ptree.committee, title=f"Vụ {i + 1}", opened_on=D(2024, 2, 1 + i),
                             defendants=[("B", ""), ("C", "")])
        services.record_inspection(actor=None, body=ptree.inspection, level=BodyLevel.DISTRICT,
                                   kind=InspectionKind.REGULAR_SUPERVISION, subject_member=members["b"][i % 5],
                                   started_on=D(2024, 3, 1 + i), ended_on=D(2024, 4, 1))
    services.update_case(case, actor=None, expected_version=None, org_unit=ptree.committee, title="Vụ 0",
                         opened_on=D(2024, 1, 1), kind="case", level="district", steering_monitored=False,
                         defendant_count=9, defendants=[(f"Người {i}", "") for i in range(9)])
    assert measure() == before


# ---- counts only: the province is not a Party committee ---------------------------------------

def test_province_admin_is_told_why_they_see_counts_only(client, ptree, pusers, members, records):
    province_admin = make_user("province-admin", ptree.province, Role.ADMINISTRATOR)
    campaign = services.open_campaign(actor=None, org_unit=ptree.committee, year=2024)
    c = login(client, province_admin)
    reason = "your unit, Tỉnh Lạng Sơn, is not a Party committee or an inspection committee"
    for url in (reverse("party:home") + f"?unit={ptree.committee.pk}",
                reverse("party:members") + f"?unit={ptree.committee.pk}",
                campaign.get_absolute_url(),
                reverse("party:inspections") + f"?unit={ptree.committee.pk}"):
        page = text(c.get(url))
        assert 'data-testid="counts-only"' in page and reason in page, url
        assert "Hoàng Văn" not in page, url
    # in Vietnamese too
    vi = text(c.get(reverse("party:members") + f"?unit={ptree.committee.pk}", HTTP_ACCEPT_LANGUAGE="vi"))
    assert "không phải là cấp ủy" in vi
    # a committee reading its own organizations gets no such sentence
    page = text(login(client, pusers["committee"]).get(reverse("party:members") + f"?unit={ptree.committee.pk}"))
    assert 'data-testid="counts-only"' not in page



def test_the_services_keep_the_same_rules_for_the_api(ptree, pusers, members, case_writer):
    from django.core.exceptions import PermissionDenied
    from rest_framework.test import APIClient

    province_admin = make_user("province-admin", ptree.province, Role.ADMINISTRATOR)
    account = make_user("someone", ptree.department)
    # An administrator above the committee may not open a member's record to an account.
    with pytest.raises(PermissionDenied):
        services.link_user(members["a1"][0], actor=province_admin, user=account)
    api = APIClient()
    api.force_authenticate(case_writer)
    body = {"title": "Vụ qua API", "kind": "case", "org_unit": ptree.committee.pk, "level": "district",
            "opened_on": "2024-06-01", "defendant_count": 5, "defendants": [{"full_name": "Tên Một"}]}
    response = api.post("/api/v1/corruption-cases/", body, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["defendant_count"], response.json()["defendant_names"]) == (5, ["Tên Một"])
    api.force_authenticate(province_admin)
    assert api.post("/api/v1/corruption-cases/", body, format="json").status_code == 403
    assert CorruptionCase.objects.count() == 1

"""Setting an election up on pages: constituencies, voting areas, the rules and structure
targets (as data), and the candidate-list import from Excel. Who may, what bad input says
(keeping what was typed), stale edits, all-or-nothing import with row errors, query counts."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from mandate.accounts.models import Role
from mandate.core.testing import QueryCounter, make_user
from mandate.elections import services
from mandate.elections.models import Candidate, Constituency, StructureTarget, VotingArea
from mandate.elections.testing import NEW, enter
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit


def client_for(user, **headers):
    client = Client(**headers)
    client.force_login(user)
    return client


@pytest.fixture
def stranger():
    root = create_unit(code="other-province", name_vi="Tỉnh Cao Bằng", kind=UnitKind.PROVINCE)
    return make_user("stranger", root, Role.ADMINISTRATOR)


def urls(election):
    e, one, a1 = election["election"], election["one"], election["a1"]
    return [f"/elections/{e.pk}/constituencies/new/", f"/elections/constituencies/{one.pk}/edit/",
            f"/elections/constituencies/{one.pk}/areas/new/", f"/elections/areas/{a1.pk}/edit/",
            f"/elections/{e.pk}/rules/", f"/elections/{e.pk}/candidates/import/",
            f"/elections/{e.pk}/candidates/template/?body={election['body'].pk}"]


# --- Who may -------------------------------------------------------------------------------

def test_the_organizers_approvers_get_the_setup_pages_and_the_links_to_them(election, eusers):
    client = client_for(eusers["admin"])
    for url in urls(election):
        assert client.get(url).status_code == 200, url
    detail = client.get(election["election"].get_absolute_url()).content.decode()
    for url in (urls(election)[0], urls(election)[4], urls(election)[5]):
        assert url.split("?")[0] in detail
    page = client.get(election["one"].get_absolute_url()).content.decode()
    assert urls(election)[1] in page and urls(election)[2] in page and urls(election)[3] in page
    assert urls(election)[3] in client.get(election["a1"].get_absolute_url()).content.decode()


def test_others_are_refused_and_shown_no_setup_link(election, eusers, users, stranger):
    # The ward's approver sees the election, constituency 1 and its areas, but does not set them up.
    ward = client_for(eusers["kl_approver"])
    for url in urls(election):
        assert ward.get(url).status_code == 403, url
        assert ward.post(url.split("?")[0], {}).status_code == 403, url
    assert "setup-links" not in ward.get(election["election"].get_absolute_url()).content.decode()
    assert "edit-area" not in ward.get(election["one"].get_absolute_url()).content.decode()
    # A viewer of the province: no right to write.
    viewer = client_for(users["viewer"])
    assert all(viewer.get(url).status_code == 403 for url in urls(election))
    # Someone of another province does not even see the election.
    other = client_for(stranger)
    assert all(other.get(url).status_code == 404 for url in urls(election))


# --- Constituencies --------------------------------------------------------------------------

def test_approver_creates_a_constituency_and_bad_input_keeps_what_was_typed(election, eusers, wards):
    client = client_for(eusers["admin"])
    url = urls(election)[0]
    body = election["body"]
    response = client.post(url, {"body": body.pk, "number": 3, "name": "Đơn vị bầu cử số 3", "seats": "0",
                                 "units": [wards["ky_lua"].pk]})
    text = response.content.decode()
    assert response.status_code == 200
    assert "A constituency elects at least one deputy." in text
    assert 'value="Đơn vị bầu cử số 3"' in text and 'value="0"' in text
    assert re.search(rf'value="{wards["ky_lua"].pk}" id="id_units_\d+" checked', text)  # the ticked unit stays ticked
    assert not re.search(rf'value="{wards["tam_thanh"].pk}" id="id_units_\d+" checked', text)
    response = client.post(url, {"body": body.pk, "number": 1, "name": "Trùng số", "seats": "2"})
    assert "Constituency number 1 already exists for this body." in response.content.decode()
    assert not Constituency.objects.filter(name="Trùng số").exists()
    response = client.post(url, {"body": body.pk, "number": 3, "name": "Đơn vị bầu cử số 3", "seats": "2",
                                 "units": [wards["ky_lua"].pk, wards["tam_thanh"].pk]})
    created = Constituency.objects.get(body=body, number=3)
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.seats == 2 and set(created.units.all()) == {wards["ky_lua"], wards["tam_thanh"]}


def test_a_unit_outside_the_organizer_is_refused(election, eusers, tree, stranger):
    outside = stranger.membership.org_unit
    url = urls(election)[0]
    body = election["body"]
    data = {"body": body.pk, "number": 3, "name": "Đơn vị ngoài", "seats": "1", "units": [outside.pk]}
    # The province's administrator cannot even name a unit outside the part it sees.
    response = client_for(eusers["admin"]).post(url, data)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    # A superuser sees every unit: the service names the one outside the organizer.
    root = make_user("root", tree.province)
    root.is_superuser = True
    root.save()
    response = client_for(root).post(url, data)
    assert "Outside the organizing unit: Tỉnh Cao Bằng." in response.content.decode()
    assert not Constituency.objects.filter(name="Đơn vị ngoài").exists()


def test_approver_corrects_a_constituency_with_history_and_stale_edits_refused(election, eusers, wards):
    client = client_for(eusers["admin"])
    one = election["one"]
    url = urls(election)[1]
    page = client.get(url).content.decode()
    assert 'value="Đơn vị bầu cử số 1"' in page and 'name="version" value="1"' in page
    records = one.history.count()
    data = {"number": 1, "name": "Đơn vị số 1 (sửa)", "seats": "2", "units": [wards["ky_lua"].pk], "version": 1}
    assert client.post(url, data).status_code == 302
    one.refresh_from_db()
    assert (one.name, one.seats, one.version) == ("Đơn vị số 1 (sửa)", 2, 2)
    assert one.history.count() == records + 1  # the units did not change: no second record
    assert "Đơn vị số 1 (sửa)" in client.get(url).content.decode()  # the history table
    # the same form sent again from the old copy
    response = client.post(url, {**data, "name": "Bản cũ", "seats": "3"})
    text = response.content.decode()
    assert response.status_code == 200 and "Someone else changed this record" in text and 'value="Bản cũ"' in text
    # a unit that still holds the constituency's voting areas cannot be dropped
    response = client.post(url, {**data, "units": [wards["tam_thanh"].pk], "version": 2})
    assert "Voting areas of this constituency lie in Ky Lua ward" in response.content.decode()
    # seats below one, a negative number
    response = client.post(url, {**data, "seats": "-1", "version": 2})
    assert "Enter a whole number, 0 or more." in response.content.decode()
    one.refresh_from_db()
    assert one.seats == 2 and list(one.units.all()) == [wards["ky_lua"]]


# --- Voting areas ----------------------------------------------------------------------------

def test_approver_adds_a_voting_area_and_bad_input_keeps_what_was_typed(election, eusers, wards):
    client = client_for(eusers["admin"])
    one = election["one"]
    url = urls(election)[2]
    assert f'<option value="{one.pk}" selected>1. Đơn vị bầu cử số 1</option>' in client.get(url).content.decode()
    response = client.post(url, {"constituency": one.pk, "unit": wards["ky_lua"].pk, "name": "KVBP số 3",
                                 "voters": "-5"})
    text = response.content.decode()
    assert "Enter a whole number, 0 or more." in text and 'value="-5"' in text and 'value="KVBP số 3"' in text
    response = client.post(url, {"constituency": one.pk, "unit": wards["tam_thanh"].pk, "name": "KVBP số 3",
                                 "voters": "900"})
    assert "Tam Thanh ward is not covered by Đơn vị bầu cử số 1." in response.content.decode()
    response = client.post(url, {"constituency": one.pk, "unit": wards["ky_lua"].pk, "name": "kvbp số 1",
                                 "voters": "900"})
    assert "Đơn vị bầu cử số 1 already has a voting area named kvbp số 1." in response.content.decode()
    response = client.post(url, {"constituency": one.pk, "unit": wards["ky_lua"].pk, "name": "KVBP số 3",
                                 "voters": "1.250"})
    assert response.status_code == 302
    assert VotingArea.objects.get(constituency=one, name="KVBP số 3").voters == 1250


def test_approver_corrects_a_voting_area_until_figures_tie_it_down(election, eusers, wards):
    client = client_for(eusers["admin"])
    a2 = election["a2"]
    url = f"/elections/areas/{a2.pk}/edit/"
    base = {"constituency": election["one"].pk, "unit": wards["ky_lua"].pk, "name": "KVBP số 2", "version": 1}
    assert client.post(url, {**base, "voters": "850"}).status_code == 302
    a2.refresh_from_db()
    assert (a2.voters, a2.version, a2.history.count()) == (850, 2, 2)
    response = client.post(url, {**base, "voters": "860"})  # from the old copy
    assert "Someone else changed this record" in response.content.decode()
    services.report_turnout(actor=None, area=a2, hour=9, voted=400)
    response = client.post(url, {**base, "voters": "300", "version": 2})
    text = response.content.decode()
    assert "400 voters already voted in KVBP số 2; the list cannot hold fewer." in text and 'value="300"' in text
    response = client.post(url, {**base, "constituency": election["two"].pk, "unit": wards["tam_thanh"].pk,
                                 "voters": "850", "version": 2})
    assert "Turnout or a result was already reported for KVBP số 2: it stays where it is." in response.content.decode()
    a2.refresh_from_db()
    assert (a2.constituency, a2.voters) == (election["one"], 850)


# --- Rules and structure targets -------------------------------------------------------------

def rules_data(election, **changes):
    e = election["election"]
    data = {"extra_candidates": "1", "extra_candidates_large": "2", "large_from_seats": "3",
            "majority_percent": "50", "min_turnout_percent": "50", "young_age": "40", "tie_break_older": "on",
            "version": e.version, "targets_stamp": services.targets_stamp(e)}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_approver_edits_the_rules_and_structure_targets_with_history(election, eusers):
    client = client_for(eusers["admin"])
    e, body = election["election"], election["body"]
    url = urls(election)[4]
    women, young = services.target_field(body.pk, "women"), services.target_field(body.pk, "young")
    response = client.post(url, rules_data(election, extra_candidates="2", **{women: "35,5", young: "20"}))
    assert response.status_code == 302 and response["Location"] == e.get_absolute_url()
    e.refresh_from_db()
    assert (e.extra_candidates, e.version) == (2, 2)
    assert {t.attribute: str(t.min_percent) for t in body.structure_targets.all()} == {"women": "35.50",
                                                                                      "young": "20.00"}
    # the page shows the saved values; empty removes a target
    page = client.get(url).content.decode()
    assert 'value="35.5"' in page and 'data-testid="target-history"' in page
    assert client.post(url, rules_data(election, extra_candidates="2", **{women: "30", young: ""})).status_code == 302
    assert {t.attribute: str(t.min_percent) for t in body.structure_targets.all()} == {"women": "30.00"}
    assert StructureTarget.history.filter(body=body).count() == 4  # two created, one changed, one removed
    assert e.history.count() >= 2
    # the rules show on the election's page and count: constituency 1 (1 seat) now needs 3 candidates
    assert "At least 2 more candidate(s) than seats" in client.get(e.get_absolute_url()).content.decode()


def test_bad_rules_give_messages_and_keep_what_was_typed(election, eusers):
    client = client_for(eusers["admin"])
    body = election["body"]
    url = urls(election)[4]
    women = services.target_field(body.pk, "women")
    response = client.post(url, rules_data(election, majority_percent="120", young_age="abc", extra_candidates="-1",
                                           **{women: "140"}))
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count("Enter a share between 0 and 100 %.") == 2
    assert "Enter a whole number, 0 or more." in text
    assert 'value="140"' in text and 'value="120"' in text and 'value="abc"' in text
    assert not body.structure_targets.exists()
    election["election"].refresh_from_db()
    assert election["election"].majority_percent == 50 and election["election"].version == 1


def test_stale_rule_edits_are_refused(election, eusers):
    client = client_for(eusers["admin"])
    e, body = election["election"], election["body"]
    url = urls(election)[4]
    women = services.target_field(body.pk, "women")
    stale = rules_data(election, **{women: "40"})
    # Someone sets a target on the election's page meanwhile: the rules page's copy is stale.
    services.set_structure_target(actor=None, body=body, attribute="women", min_percent=30)
    response = client.post(url, stale)
    text = response.content.decode()
    assert "Someone else changed the structure targets" in text and 'value="40"' in text
    assert str(body.structure_targets.get().min_percent) == "30.00"
    # And the election itself changed by another edit of the rules.
    fresh = rules_data(election, young_age="35")
    assert client.post(url, fresh).status_code == 302
    response = client.post(url, {**fresh, "young_age": "30"})
    assert "Someone else changed this record" in response.content.decode()
    e.refresh_from_db()
    assert e.young_age == 35


def test_the_rules_of_the_count_stay_once_results_arrive(election, eusers):
    client = client_for(eusers["admin"])
    enter(election, "a1", {"an": 500, "binh": 300}, submit=False)
    response = client.post(urls(election)[4], rules_data(election, majority_percent="60", extra_candidates="2"))
    assert "Voting areas have already sent results counted under this rule" in response.content.decode()
    # The other rules still change.
    assert client.post(urls(election)[4], rules_data(election, extra_candidates="2")).status_code == 302


# --- Candidate import ------------------------------------------------------------------------

HEADER = ["Số ĐVBC", "Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "Nghề nghiệp", "Đảng viên", "Ứng cử"]


def xlsx(rows, name="ung-cu-vien.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/octet-stream")


GOOD = [
    [1, "Lương Thị Hoa", 1987, "Nữ", "Tày", "Giáo viên", "Có", "Giới thiệu"],
    [2, "Nguyễn Văn Khoa", 1995, "Nam", "Kinh", "Kỹ sư", "không", "Tự ứng cử"],
    [],
    ["2", "Hoàng Văn Lợi", "1980", "nam", "Nùng", "Nông dân", "x", "gioi thieu"],
]


def test_the_template_downloads_with_the_bodys_constituencies(election, eusers):
    response = client_for(eusers["admin"]).get(urls(election)[6])
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb.worksheets[0][1]][:2] == ["Constituency number", "Full name"]
    assert [r[1] for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True)] == [
        "Đơn vị bầu cử số 1", "Đơn vị bầu cử số 2"]


def test_import_adds_every_row_at_the_end_of_the_lists(election, eusers):
    client = client_for(eusers["admin"])
    response = client.post(urls(election)[5], {"body": election["body"].pk, "file": xlsx(GOOD)})
    assert response.status_code == 302, response.content.decode()
    hoa = Candidate.objects.get(full_name="Lương Thị Hoa")
    assert (hoa.constituency, hoa.sex, hoa.is_ethnic_minority, hoa.is_party_member, hoa.list_order) == (
        election["one"], "female", True, True, 3)
    khoa = Candidate.objects.get(full_name="Nguyễn Văn Khoa")
    assert (khoa.nomination, khoa.is_ethnic_minority, khoa.is_party_member, khoa.list_order) == ("self", False, False, 5)
    assert Candidate.objects.get(full_name="Hoàng Văn Lợi").list_order == 6
    assert hoa.history.get().history_user == eusers["admin"]


def test_import_is_all_or_nothing_with_errors_row_by_row(election, eusers):
    client = client_for(eusers["admin"])
    rows = GOOD + [
        [9, "Đỗ Văn Mạnh", 1980, "Nam", "Kinh", "Cán bộ", "Có", "Giới thiệu"],  # row 6
        [2, "Nguyễn Văn An", 1975, "Nam", "Kinh", "Cán bộ", "Có", "Giới thiệu"],  # row 7: already in no. 1
        [1, "Nguyễn Văn Khoa", 1995, "Nam", "Kinh", "Kỹ sư", "Không", "Tự ứng cử"],  # row 8: twice in the file
        ["", "Ma Thị Nga", "năm 90", "Nữ", "Tày", "Y tá", "có lẽ", "Giới thiệu"],  # row 9
    ]
    before = Candidate.objects.count()
    response = client.post(urls(election)[5], {"body": election["body"].pk, "file": xlsx(rows)})
    text = response.content.decode()
    assert response.status_code == 200 and 'data-testid="import-errors"' in text
    assert "Row 6: There is no constituency number 9 in provincial People&#x27;s Council." in text
    assert ("Row 7: Nguyễn Văn An (born 1975) is already a candidate in Đơn vị bầu cử số 1; a person stands in "
            "only one constituency of the same body.") in text
    assert "Row 8: Nguyễn Văn Khoa (born 1995) is already on row 3 of this file" in text
    assert "Row 9: The constituency number is missing." in text
    assert "Row 9: The year of birth “năm 90” is not a year." in text
    assert "Row 9: Party member: write “Có” (yes) or “Không” (no)." in text
    assert "Row 2:" not in text and "Row 4" not in text
    assert Candidate.objects.count() == before  # nothing imported


def test_import_errors_in_vietnamese(election, eusers):
    client = client_for(eusers["admin"], HTTP_ACCEPT_LANGUAGE="vi")
    response = client.post(urls(election)[5], {"body": election["body"].pk,
                                                "file": xlsx([[9, "Đỗ Văn Mạnh", 1980, "Nam", "Kinh", "Cán bộ",
                                                               "Có", "Giới thiệu"]])})
    text = response.content.decode()
    assert "Dòng 2: Không có đơn vị bầu cử số 9" in text


def test_import_refuses_a_file_that_is_not_a_workbook(election, eusers):
    client = client_for(eusers["admin"])
    bogus = SimpleUploadedFile("danh-sach.xlsx", b"not a zip", content_type="application/octet-stream")
    response = client.post(urls(election)[5], {"body": election["body"].pk, "file": bogus})
    assert "is not a valid Excel (.xlsx) file" in response.content.decode()
    empty = client.post(urls(election)[5], {"body": election["body"].pk, "file": xlsx([])})
    assert "The file has no candidate rows under the header." in empty.content.decode()


def test_the_import_service_checks_the_actor(election, eusers):
    row = services.CandidateRow(row=2, constituency_number=1, full_name="Lý Thị Nhung", birth_year=1990,
                                sex="female", ethnicity="Tày", occupation="Y sĩ", is_party_member=True,
                                nomination="nominated")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.import_candidates(actor=eusers["kl_approver"], body=election["body"], rows=[row])
    assert services.import_candidates(actor=eusers["admin"], body=election["body"], rows=[row])[0].pk


# --- Query counts ----------------------------------------------------------------------------

def test_setup_pages_run_a_fixed_number_of_queries(election, eusers, tree, wards):
    """More communes to choose from, voting areas, bodies and structure targets: the same queries."""
    client = client_for(eusers["admin"])
    services.set_structure_target(actor=None, body=election["body"], attribute="women", min_percent=30)

    def measure():
        counts = {}
        for url in urls(election)[:6]:
            with QueryCounter() as q:
                assert client.get(url).status_code == 200, url
            counts[url] = q.count
        return counts

    first = measure()
    for i, attribute in enumerate(["young", "non_party", "ethnic_minority"]):
        create_unit(code=f"ward-{i}", name_vi=f"Phường Mới {i}", kind=UnitKind.WARD, parent=tree.province,
                    valid_from=NEW)
        services.add_voting_area(actor=None, constituency=election["two"], unit=wards["tam_thanh"],
                                 name=f"KVBP mới {i}", voters=500)
        services.set_structure_target(actor=None, body=election["body"], attribute=attribute, min_percent=10 + i)
    services.add_body(actor=None, election=election["election"], kind="national_assembly", unit=tree.province,
                      seats=3)
    assert measure() == first

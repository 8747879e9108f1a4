"""A stored file that went missing never gives a server error (the pack leaves it out and
names it in missing.txt; single files answer 404), and a conference's connection points and
submission rows follow one rule: the organizer's side sees every unit, a participant the
number of points and only its own subtree's rows (docs/security.md)."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from helpers_meetings import docx_file
from mandate.documents.services import create_document
from mandate.meetings import services
from mandate.meetings.drafts import MISSING_LIST
from mandate.meetings.models import ItemKind


def _lose(field_file):
    field_file.storage.delete(field_file.name)


def _zip(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return zipfile.ZipFile(io.BytesIO(body))


def test_pack_leaves_out_a_missing_draft_and_lists_it(client, meeting, item, people):
    other = services.add_item(actor=people["clerk"], meeting=meeting, title="Báo cáo tình hình kinh tế",
                              kind=ItemKind.REPORT, file=docx_file(["Tăng trưởng"], name="bao-cao.docx"))
    lost = item.versions.get()
    _lose(lost.file)
    client.force_login(people["clerk"])
    response = client.get(reverse("meetings:pack", args=[meeting.pk]))
    assert response.status_code == 200
    pack = _zip(response)
    kept = other.versions.get()
    names = pack.namelist()
    assert MISSING_LIST in names and len(names) == 2
    assert any(n.startswith(f"{other.order:02d}_") for n in names)
    listed = pack.read(MISSING_LIST).decode()
    assert f"{item.order:02d}_" in listed and "_v1.docx" in listed and "could not be found" in listed
    assert f"{other.order:02d}_" not in listed
    assert pack.read(next(n for n in names if n != MISSING_LIST)) == kept.file.open("rb").read()
    # The single file answers 404, never a server error.
    assert client.get(reverse("meetings:version_file", args=[lost.pk])).status_code == 404
    assert client.get(reverse("meetings:version_file", args=[kept.pk])).status_code == 200


def test_pack_of_only_missing_drafts_names_them_in_the_users_language(client, meeting, item, people):
    _lose(item.versions.get().file)
    client.force_login(people["clerk"])
    response = client.get(reverse("meetings:pack", args=[meeting.pk]), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    pack = _zip(response)
    assert pack.namelist() == [MISSING_LIST]
    with translation.override("vi"):
        from django.utils.translation import gettext

        heading = gettext("These drafts could not be found on the server and are not in the pack; "
                          "ask the clerk to upload them again:")
    assert pack.read(MISSING_LIST).decode().startswith(heading)


@pytest.fixture
def conference(tree, users):
    resolution = create_document(number="01-NQ/ĐH", title="Nghị quyết Đại hội", issuing_unit=tree.city,
                                 issued_on=datetime.date(2025, 3, 1))
    return services.create_conference(
        actor=users["city_approver"], organizer=tree.city, title="Hội nghị quán triệt Nghị quyết Đại hội",
        held_on=datetime.date(2025, 3, 10), main_hall="Hội trường thành phố", main_hall_attendees=100,
        duty="Xây dựng chương trình hành động", due_on=datetime.date(2025, 4, 10), basis_document=resolution,
        points=[(tree.hoang_dong, 40), (tree.mai_pha, 35), (tree.chi_lang, 50)])


def test_missing_programme_file_answers_404(client, conference, tree, users):
    submission = conference.submissions.get(unit=tree.hoang_dong)
    services.submit_programme(submission, actor=None, number="05-CTr/ĐU", title="Chương trình hành động",
                              issued_on=datetime.date(2025, 4, 1), submitted_on=datetime.date(2025, 4, 1),
                              file=docx_file(["Chương trình"], name="chuong-trinh.docx"))
    submission.refresh_from_db()
    client.force_login(users["hd_reporter"])
    url = reverse("meetings:submission_file", args=[submission.pk])
    assert client.get(url).status_code == 200
    _lose(submission.file)
    assert client.get(url).status_code == 404


OTHERS = ("Mai Pha commune", "Chi Lang ward")


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_participant_sees_the_count_of_points_and_only_its_own_rows(client, conference, tree, users):
    client.force_login(users["hd_reporter"])
    page = client.get(conference.get_absolute_url()).content.decode()
    assert "Hoang Dong commune" in page
    assert not [name for name in OTHERS if name in page]
    assert page.count('data-testid="submission-row"') == 1
    assert 'data-testid="point-count">(3)' in page
    assert 'data-testid="count-waiting">1<' in page or 'data-testid="count-missing">1<' in page
    detail = _api(users["hd_reporter"]).get(f"/api/v1/conferences/{conference.pk}/").json()
    assert [p["unit_name"] for p in detail["points"]] == ["Hoang Dong commune"]
    rows = _api(users["hd_reporter"]).get(f"/api/v1/conference-submissions/?conference={conference.pk}").json()
    assert [r["unit_name"] for r in rows["results"]] == ["Hoang Dong commune"]
    other = conference.submissions.get(unit=tree.mai_pha)
    assert client.get(other.get_absolute_url()).status_code == 404
    assert _api(users["hd_reporter"]).get(f"/api/v1/conference-submissions/{other.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["city_approver", "admin"])
def test_the_organizers_side_sees_every_point_and_every_row(client, conference, users, who):
    client.force_login(users[who])
    page = client.get(conference.get_absolute_url()).content.decode()
    assert all(name in page for name in ("Hoang Dong commune", *OTHERS))
    assert page.count('data-testid="submission-row"') == 3
    detail = _api(users[who]).get(f"/api/v1/conferences/{conference.pk}/").json()
    assert len(detail["points"]) == 3
    rows = _api(users[who]).get(f"/api/v1/conference-submissions/?conference={conference.pk}").json()
    assert len(rows["results"]) == 3


def test_notice_download_before_the_notice_is_issued_answers_404(client, meeting, item, people):
    client.force_login(people["clerk"])
    assert client.get(reverse("meetings:notice", args=[meeting.pk])).status_code == 404

import datetime

from django.core.management import call_command

from mandate.meetings.models import Conclusion, Conference, Meeting, Outcome
from mandate.meetings.queries import follow_up, submission_rows, visible_items
from mandate.tasks.models import Task


def test_demo_meetings_and_conference(db, django_user_model, client):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    m8 = Meeting.objects.get(number=8, held_on=datetime.date(2021, 5, 25))
    outcomes = list(Conclusion.objects.filter(item__meeting=m8).values_list("outcome", flat=True))
    assert outcomes.count(Outcome.CHANGE_ISSUER) == 2
    city = m8.items.get(title__contains="62-NQ/TU")
    assert city.conclusion.outcome == Outcome.RESUBMIT and city.conclusion.resubmit_next_meeting
    revised = city.resubmissions.get()
    assert revised.meeting.number == 9 and revised.issued_document.number == "40-NQ/TU"
    assert m8.notice.number == "195-TB/TU"
    as_of = datetime.date(2026, 11, 30)
    data = follow_up(m8.body, "2020-2025", as_of, django_user_model.objects.get(username="stc-secretary"))
    assert all(n >= 1 for _state, n in data["tasks"]), data["tasks"]
    assert Task.objects.filter(meeting_conclusion__isnull=False, source_document=m8.notice).count() == 5
    # The province viewer is no member: personnel and inspection items stay hidden.
    viewer = django_user_model.objects.get(username="province-viewer")
    assert set(visible_items(viewer).filter(meeting=m8).values_list("kind", flat=True)).isdisjoint(
        {"personnel", "inspection"})
    conference = Conference.objects.get(held_on=datetime.date(2025, 10, 30))
    rows, counts = submission_rows(conference, as_of)
    assert (counts["on_time"], counts["late"], counts["missing"]) == (3, 2, 3)
    client.force_login(django_user_model.objects.get(username="province-admin"))
    for url in [m8.get_absolute_url(), city.get_absolute_url() + "?a=1&b=2", conference.get_absolute_url(),
                f"/meetings/bodies/{m8.body_id}/follow-up/", "/meetings/"]:
        assert client.get(url).status_code == 200, url

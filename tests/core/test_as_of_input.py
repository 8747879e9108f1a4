"""The as-of box takes a day as Vietnamese write it (30/06/2025) or ISO, and shows it in the
reader's language (issue 8, item 4)."""

from django.urls import reverse


def test_as_of_accepts_dd_mm_yyyy_and_shows_it(client, users):
    client.force_login(users["viewer"])
    client.post(reverse("set_language"), {"language": "vi"})
    response = client.get(reverse("orgs:tree"), {"as_of": "30/06/2025"})
    assert response.context["as_of"].isoformat() == "2025-06-30"
    assert 'value="30/06/2025"' in response.content.decode()
    response = client.get(reverse("orgs:tree"), {"as_of": "2024-01-31"})
    assert response.context["as_of"].isoformat() == "2024-01-31"

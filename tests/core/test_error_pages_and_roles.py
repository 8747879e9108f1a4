"""Errors render in the site's layout and language with a way back; /api/ stays JSON; links
a role cannot use are hidden and the server refuses them anyway (issue 8, item 10)."""

import pytest
from django.urls import reverse

from mandate.accounts.models import Role
from mandate.core.testing import make_user


@pytest.fixture
def viewer(tree):
    return make_user("v", tree.province, Role.VIEWER)


def test_forbidden_page_in_layout_and_language(client, viewer):
    client.force_login(viewer)
    for url in (reverse("projects:create"), reverse("movements:create"), reverse("imports:start")):
        response = client.get(url)
        assert response.status_code == 403, url
        html = response.content.decode()
        assert 'data-testid="error-page"' in html and "Not allowed" in html
        assert 'class="topbar"' in html and 'data-testid="error-home"' in html
    client.post(reverse("set_language"), {"language": "vi"})
    html = client.get(reverse("projects:create")).content.decode()
    assert "Không được phép" in html and 'lang="vi"' in html


def test_not_found_page_and_api_json(client, viewer, settings):
    settings.DEBUG = False
    client.force_login(viewer)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode() and 'data-testid="error-home"' in response.content.decode()
    response = client.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")


def test_viewer_does_not_see_links_it_cannot_use(client, viewer):
    client.force_login(viewer)
    html = client.get(reverse("projects:list")).content.decode()
    assert reverse("imports:start") not in html and reverse("projects:create") not in html
    html = client.get(reverse("movements:list")).content.decode()
    assert reverse("movements:create") not in html


def test_api_root_has_a_name(client, viewer):
    client.force_login(viewer)
    html = client.get("/api/v1/", HTTP_ACCEPT="text/html").content.decode()
    assert "Api Root" not in html and "Mandate API" in html

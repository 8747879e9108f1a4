import pytest

from mandate.core.testing import view_as_of

AS_OF = "2024-06-01"  # the small tree's city and communes closed on 2025-07-01


@pytest.fixture
def login_as(client):
    """Log a user in and view Mandate as of a day on which the small tree is open."""

    def _login(user):
        client.force_login(user)
        view_as_of(client, AS_OF)
        return client

    return _login

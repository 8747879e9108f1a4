import pytest

from mandate.elections.testing import build_election, make_election_users, make_wards


@pytest.fixture
def wards(tree):
    return make_wards(tree)


@pytest.fixture
def eusers(users, wards):
    return make_election_users(users, wards)


@pytest.fixture
def election(tree, wards, eusers):
    return build_election(tree, wards, eusers["admin"])

import datetime

import pytest

from mandate.accounts.models import Role
from mandate.core.testing import make_user, small_tree
from mandate.documents.services import create_document


@pytest.fixture(autouse=True)
def english_by_default(settings):
    """Tests read messages in English; the Vietnamese default is tested on its own
    (tests/test_i18n.py) and by the browser tests, whose browser asks for vi-VN."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def tree(db):
    return small_tree()


@pytest.fixture
def users(tree):
    return {
        "admin": make_user("admin", tree.province, Role.ADMINISTRATOR),
        "city_approver": make_user("city-approver", tree.city, Role.APPROVER),
        "hd_reporter": make_user("hd-reporter", tree.hoang_dong, Role.REPORTER),
        "mp_reporter": make_user("mp-reporter", tree.mai_pha, Role.REPORTER),
        "viewer": make_user("viewer", tree.province, Role.VIEWER),
    }


@pytest.fixture
def plan(tree):
    return create_document(number="150-KH/TU", title="Kế hoạch tổ chức các hoạt động kỷ niệm",
                           issuing_unit=tree.city, issued_on=datetime.date(2023, 2, 24))

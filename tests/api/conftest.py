import datetime

import pytest
from rest_framework.test import APIClient

from mandate.accounts.models import Role
from mandate.core.testing import make_user
from mandate.documents.services import create_document
from mandate.targets import services as targets


@pytest.fixture
def api():
    """``api(user)``: a client logged in as ``user`` (session authentication)."""

    def client_for(user=None):
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return client_for


@pytest.fixture
def more_users(tree, users):
    return {
        **users,
        "hd_approver": make_user("hd-approver", tree.hoang_dong, Role.APPROVER),
        "mp_approver": make_user("mp-approver", tree.mai_pha, Role.APPROVER),
        "city_approver_2": make_user("city-approver-2", tree.city, Role.APPROVER),
        "hd_viewer": make_user("hd-viewer", tree.hoang_dong, Role.VIEWER),
    }


@pytest.fixture
def admissions(tree, users, plan):
    """The city's 2023 target of new Party members, as plan 150-KH/TU sets it."""
    return targets.create_target(actor=users["city_approver"], document=plan, org_unit=tree.city,
                                 indicator="Kết nạp đảng viên mới", unit_of_measure="đảng viên",
                                 comparator="at_least", value=230, period="2023")


@pytest.fixture
def mp_plan(tree):
    return create_document(number="12-KH/ĐU", title="Kế hoạch của Đảng ủy xã Mai Pha",
                           issuing_unit=tree.mai_pha, issued_on=datetime.date(2023, 3, 1))


@pytest.fixture
def mp_target(tree, users, mp_plan):
    return targets.create_target(actor=users["city_approver"], document=mp_plan, org_unit=tree.mai_pha,
                                 indicator="Hộ nghèo giảm", unit_of_measure="%", comparator="at_most",
                                 value=2, period="2023")


@pytest.fixture
def submitted():
    """``submitted(target, unit, reporter, value)``: a value entered and submitted through the service."""

    def enter(target, unit, reporter, value, period="2023"):
        return targets.enter_value(actor=reporter, target=target, org_unit=unit, period=period, value=value,
                                   submit=True)

    return enter

import datetime

import pytest

from mandate.accounts.models import Role
from mandate.core.testing import make_user
from mandate.documents.services import create_document
from mandate.movements import services
from mandate.orgs.models import UnitKind

TODAY = datetime.date(2023, 3, 1)  # the small tree's communes closed on 1 July 2025


@pytest.fixture(autouse=True)
def registration_day(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def plan_129(tree):
    return create_document(number="129/KH-UBND", title="Kế hoạch phát động đợt thi đua đặc biệt",
                           issuing_unit=tree.city, issued_on=datetime.date(2023, 2, 20))


@pytest.fixture
def movement(tree, users, plan_129):
    today = TODAY
    return services.launch_movement(
        actor=users["city_approver"], organizer=tree.city, document=plan_129,
        title="Thi đua lập thành tích chào mừng kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh",
        registration_deadline=today + datetime.timedelta(days=10),
        eligible_kinds=[UnitKind.COMMUNE, UnitKind.WARD], occasion="Kỷ niệm 90 năm",
        occasion_date=today + datetime.timedelta(days=60),
    )


@pytest.fixture
def chi_lang_reporter(tree):
    return make_user("cl-reporter", tree.chi_lang, Role.REPORTER)


@pytest.fixture
def register(movement):
    def _register(actor, unit, title="Mở rộng đường trục thôn", days=30, **kwargs):
        return services.register_task(actor=actor, movement=kwargs.pop("movement", movement), unit=unit,
                                      title=title, deadline=TODAY + datetime.timedelta(days=days),
                                      **kwargs)
    return _register

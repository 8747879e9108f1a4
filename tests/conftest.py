import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connections, transaction

from mandate.accounts.models import Role
from mandate.core.testing import make_user, small_tree
from mandate.documents.services import create_document
from mandate.targets.services import approve_value, create_target, enter_value, set_allocation

# A read replica alias mirroring the default database, as settings make it from
# DATABASE_REPLICA_URL (tests/core/test_deployment.py reads from it). Defined here, not in one
# test file, so that every test process has the same databases whichever files it collected.
if "replica" not in connections.settings:
    _default = connections.settings["default"]
    connections.settings["replica"] = {**_default, "TEST": {**_default.get("TEST", {}), "MIRROR": "default"}}


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Tests make users by the hundred and log them in; the production hasher (PBKDF2 with a
    million rounds) would spend a third of a second on each. MD5 is for tests only."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test databases are made from the models (--nomigrations), so what migrations do
    beyond tables is done here: PostgreSQL's unaccent extension (core migration 0002), the
    partitioned value tables (targets migration 0006) and the change-stamping triggers (targets
    migration 0007). The cache table comes from Django's test
    setup, the reference data from post_migrate."""
    from mandate.targets import status_cache
    from mandate.targets.partitions import partition_tables

    with django_db_blocker.unblock():
        for alias in connections:
            connection = connections[alias]
            if connection.vendor == "postgresql" and not connection.settings_dict["TEST"].get("MIRROR"):
                with connection.cursor() as cursor:
                    cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
                partition_tables(connection)
                status_cache.install(connection)


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The whole demo data set, loaded once per test module inside a transaction that is
    rolled back when the module ends. Each test runs in a savepoint inside it (pytest-django's
    ``db``), so what one test writes is gone before the next. Returns what load_demo printed.
    Not for ``transaction=True`` tests: they need a real commit."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = StringIO()
            call_command("load_demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo_loaded(demo_world, db):
    """The demo data set in a test of its own (see demo_world)."""
    return demo_world


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


@pytest.fixture
def season_targets(plan, tree, users):
    """City targets for 2023 the communes report: a share (members, broken down to the three
    units) and an average rate (well rated). Returns (members, well)."""
    admin = users["admin"]
    members = create_target(actor=admin, document=plan, org_unit=tree.city, indicator="Kết nạp đảng viên mới",
                            unit_of_measure="đảng viên", value=100, comparator="at_least", period="2023", sort_order=1)
    for unit, share in ((tree.hoang_dong, 40), (tree.mai_pha, 30), (tree.chi_lang, 30)):
        set_allocation(actor=admin, target=members, org_unit=unit, value=share)
    well = create_target(actor=admin, document=plan, org_unit=tree.city, indicator="Tổ chức đảng xếp loại tốt",
                         unit_of_measure="%", value=90, comparator="at_least", aggregation="average", period="2023",
                         sort_order=2)
    return members, well


@pytest.fixture
def season(season_targets, plan, tree, users):
    """``season_targets`` with a part of the rate (excellent), plus Hoang Dong's first-half
    members approved."""
    members, well = season_targets
    excellent = create_target(actor=users["admin"], document=plan, org_unit=tree.city,
                              indicator="Trong đó: xuất sắc", unit_of_measure="%", value=20, comparator="at_least",
                              aggregation="average", period="2023", parent=well, sort_order=3)
    rv = enter_value(actor=users["hd_reporter"], target=members, org_unit=tree.hoang_dong, period="2023-H1",
                     value=20, submit=True)
    approve_value(rv, actor=users["city_approver"], expected_version=rv.version)
    return {"members": members, "well": well, "excellent": excellent}

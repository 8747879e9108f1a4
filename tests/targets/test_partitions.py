"""Reported values and their history, partitioned by the year of period_end in PostgreSQL
(targets.partitions). The test database gets the partitions from tests/conftest.py as
migration 0006 gives them to a real one; SQLite keeps plain tables."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from mandate.targets.models import ReportedValue
from mandate.targets.partitions import partition_tables
from mandate.targets.services import approve_value, create_target, enter_value

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="partitions are PostgreSQL's")


@pytest.fixture
def term_target(plan, tree, users):
    # A five-year target, so that its values fall in several years' partitions.
    return create_target(actor=users["admin"], document=plan, org_unit=tree.province,
                         indicator="Tỷ lệ hộ dùng nước sạch", unit_of_measure="%", value=98,
                         comparator="at_least", period="2026-2030")


def _partition_of(table: str, pk_column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT tableoid::regclass::text FROM "{table}" WHERE "{pk_column}" = %s', [pk])
        return cursor.fetchone()[0]


@on_postgres
def test_a_value_and_its_history_land_in_their_years_partition(users, term_target, tree):
    value = enter_value(actor=users["admin"], target=term_target, org_unit=tree.department,
                        period="2027-06", value="91,5", submit=True)
    assert _partition_of("targets_reportedvalue", "id", value.pk) == "targets_reportedvalue_y2027"
    history = value.history.latest()
    assert _partition_of("targets_historicalreportedvalue", "history_id",
                         history.history_id) == "targets_historicalreportedvalue_y2027"
    # Read, changed and approved through the parent table as before.
    approve_value(value, actor=users["admin"], expected_version=value.version)
    assert ReportedValue.objects.get(pk=value.pk).state == "approved"
    assert value.history.count() == 2


@on_postgres
def test_the_unique_rule_holds_across_the_partitioned_table(users, term_target, tree):
    enter_value(actor=users["admin"], target=term_target, org_unit=tree.department, period="2028", value=1)
    with pytest.raises(ValidationError) as refused:
        enter_value(actor=users["admin"], target=term_target, org_unit=tree.department, period="2028",
                    value=2)
    assert "Department of Finance already has a value for 2028" in str(refused.value)


@on_postgres
def test_a_new_year_takes_its_rows_over_from_the_default_partition(users, plan, tree):
    far = datetime.date.today().year + 12  # beyond the years made ahead: the default partition
    target = create_target(actor=users["admin"], document=plan, org_unit=tree.province,
                           indicator="Diện tích rừng trồng mới", unit_of_measure="ha", value=500,
                           comparator="at_least", period=str(far))
    value = enter_value(actor=users["admin"], target=target, org_unit=tree.department, period=str(far),
                        value=120)
    assert _partition_of("targets_reportedvalue", "id", value.pk) == "targets_reportedvalue_default"

    out = StringIO()
    call_command("ensure_partitions", until=far, stdout=out)
    assert f"targets_reportedvalue: partition for {far} (1 rows moved from the default)" in out.getvalue()
    assert _partition_of("targets_reportedvalue", "id", value.pk) == f"targets_reportedvalue_y{far}"
    assert ReportedValue.objects.get(pk=value.pk).value == 120
    # Once every year has its partition there is nothing more to do.
    assert partition_tables(until=far) == []


@on_postgres
def test_ids_keep_coming_from_the_tables_own_sequence(users, term_target, tree):
    first = enter_value(actor=users["admin"], target=term_target, org_unit=tree.department,
                        period="2026", value=1)
    second = enter_value(actor=users["admin"], target=term_target, org_unit=tree.province,
                         period="2030", value=1)
    assert second.pk > first.pk
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence('targets_reportedvalue', 'id')")
        assert cursor.fetchone()[0] == "public.targets_reportedvalue_id_seq"


def test_the_embedded_database_keeps_plain_tables():
    if connection.vendor == "postgresql":
        pytest.skip("checked on SQLite")
    assert partition_tables() == []
    out = StringIO()
    call_command("ensure_partitions", stdout=out)
    assert "nothing to do" in out.getvalue()

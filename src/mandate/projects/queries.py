"""Reads for the project pages, the API and the Excel export: one query for the rows and
one for the totals, whatever the number of projects."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import connections

from mandate.accounts.access import visible_units

from .models import InvestmentProject


def visible_projects(user):
    """Projects whose investor lies in the user's subtree."""
    return InvestmentProject.objects.filter(investor__in=visible_units(user))


def project_rows(user, as_of: datetime.date, filterset_qs=None):
    qs = filterset_qs if filterset_qs is not None else visible_projects(user)
    return qs.select_related("investor", "document").with_figures(as_of)


TOTALS_SQL = (
    "SELECT COUNT(*), SUM(planned_capital), SUM(disbursed), "
    "SUM(CASE WHEN at_risk THEN 1 ELSE 0 END), SUM(CASE WHEN is_completed THEN 1 ELSE 0 END) "
    "FROM ({rows}) project_rows"
)


def totals(rows) -> dict:
    """Count, planned capital, disbursed, rate, completed and at risk, in one query over the
    same annotated rows the list shows.

    Written as SQL around the rows' own query: Django 5.2's ``aggregate()`` over these
    annotations prunes some of them from the inner query (Sum inside Coalesce, Count with
    ``filter=``), which SQLite then reads as string literals instead of failing.
    """
    inner = rows.order_by().select_related(None).values("planned_capital", "disbursed", "at_risk", "is_completed")
    sql, params = inner.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(TOTALS_SQL.format(rows=sql), params)
        count, planned, disbursed, at_risk, completed = cursor.fetchone()
    planned = Decimal(str(planned or 0))
    disbursed = Decimal(str(disbursed or 0))
    return {
        "count": count,
        "planned": planned,
        "disbursed": disbursed,
        "rate": float(disbursed * 100 / planned) if planned else 0.0,
        "at_risk": int(at_risk or 0),
        "completed": int(completed or 0),
    }

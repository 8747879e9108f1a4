"""The target list with filters and Excel exports of targets and reported values (issue 8, item 12)."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from mandate.core.testing import QueryCounter
from mandate.targets import services
from mandate.targets.models import Comparator


def _targets(users, plan, tree, n=3):
    made = []
    for i in range(n):
        made.append(services.create_target(actor=users["admin"], document=plan, org_unit=tree.city,
                                           indicator=f"=Chỉ tiêu {i}", unit_of_measure="hộ", value=10,
                                           period="2023", comparator=Comparator.AT_LEAST))
    return made


def test_list_filters_and_exports(client, users, plan, tree):
    targets = _targets(users, plan, tree)
    services.create_target(actor=users["admin"], document=plan, org_unit=tree.department, indicator="Khác",
                           unit_of_measure="%", value=5, period="2024")
    rv = services.enter_value(actor=users["hd_reporter"], target=targets[0], org_unit=tree.hoang_dong,
                              period="2023", value="12.5", submit=True)
    services.approve_value(rv, actor=users["city_approver"], expected_version=rv.version)
    client.force_login(users["admin"])
    page = client.get(reverse("targets:list"), {"unit": tree.city.pk})
    assert page.context["count"] == 3
    page = client.get(reverse("targets:list"), {"period": "2024"})
    assert [r.target.indicator for r in page.context["page"]] == ["Khác"]
    page = client.get(reverse("targets:list"), {"status": "achieved", "document": plan.pk})
    assert [r.target.indicator for r in page.context["page"]] == ["=Chỉ tiêu 0"]

    book = load_workbook(io.BytesIO(client.get(reverse("targets:export"), {"unit": tree.city.pk}).content))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 4 and rows[1][1].startswith("=Chỉ tiêu")
    assert book.active.cell(row=2, column=2).data_type == "s"  # text, never a formula
    book = load_workbook(io.BytesIO(client.get(reverse("targets:values_export")).content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][4] == 12.5 and rows[1][2] == "Hoang Dong commune"


def test_list_query_count_does_not_grow(client, users, plan, tree):
    client.force_login(users["admin"])
    _targets(users, plan, tree, 2)
    with QueryCounter() as few:
        client.get(reverse("targets:list"))
    _targets(users, plan, tree, 10)
    with QueryCounter() as many:
        client.get(reverse("targets:list"))
    assert many.count <= few.count


def test_projects_investor_filter_by_name(client, users, tree):
    client.force_login(users["admin"])
    html = client.get(reverse("projects:list")).content.decode()
    assert "Lang Son city" in html and 'name="investor"' in html

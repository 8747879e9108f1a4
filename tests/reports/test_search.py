"""Search ignores diacritics and case across documents, targets and tasks, within what the
user may see, and is reachable from every page (issue 8, item 11)."""

import datetime

from django.urls import reverse

from mandate.core.search import fold
from mandate.core.testing import QueryCounter
from mandate.documents.services import create_document
from mandate.targets import services as targets
from mandate.targets.models import Comparator
from mandate.tasks.services import assign_task


def test_fold():
    assert fold("  Thành phố  LẠNG Sơn ") == "thanh pho lang son"
    assert fold("Đảng ủy") == "dang uy"


def test_search_finds_without_diacritics_and_respects_visibility(tree, users, plan, client):
    create_document(number="40-NQ/TU", title="Nghị quyết về xây dựng, phát triển thành phố Lạng Sơn",
                    issuing_unit=tree.province, issued_on=datetime.date(2021, 8, 5))
    targets.create_target(actor=users["admin"], document=plan, org_unit=tree.city, indicator="Tỷ lệ hộ nghèo",
                          unit_of_measure="%", value="0.2", period="2023", comparator=Comparator.DECREASE_BY,
                          baseline="2.1")
    assign_task(actor=users["admin"], title="Rà soát hộ nghèo Mai Pha", lead_unit=tree.mai_pha,
                assigning_unit=tree.province, deadline=datetime.date(2026, 12, 31), source_note="Họp giao ban")
    assign_task(actor=users["admin"], title="Rà soát hộ nghèo Sở Tài chính", lead_unit=tree.department,
                assigning_unit=tree.province, deadline=datetime.date(2026, 12, 31), source_note="Họp giao ban")

    client.force_login(users["admin"])
    page = client.get(reverse("search"), {"q": "thanh pho LANG son"})
    assert [d.number for d in page.context["results"].documents] == ["40-NQ/TU"]
    page = client.get(reverse("search"), {"q": "ho ngheo"})
    results = page.context["results"]
    assert [t.indicator for t in results.targets] == ["Tỷ lệ hộ nghèo"]
    assert len(results.tasks) == 2

    client.force_login(users["mp_reporter"])
    with QueryCounter() as queries:
        results = client.get(reverse("search"), {"q": "hộ nghèo"}).context["results"]
    assert [t.title for t in results.tasks] == ["Rà soát hộ nghèo Mai Pha"]  # not the department's
    assert queries.count < 15


def test_every_page_has_the_search_box(users, client):
    client.force_login(users["viewer"])
    for url in (reverse("reports:dashboard"), reverse("tasks:list"), reverse("orgs:tree")):
        html = client.get(url).content.decode()
        assert 'data-testid="site-search"' in html and 'href="/api/v1/docs/"' in html

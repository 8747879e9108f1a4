"""Every list endpoint runs the same number of queries for 3 rows as for 30."""

import pytest

from mandate.core.testing import QueryCounter
from mandate.documents.services import create_document, relate_documents
from mandate.orgs.models import UnitKind
from mandate.orgs.services import create_unit
from mandate.targets import services as targets


@pytest.fixture
def grow(tree, more_users, plan, submitted):
    """``grow(n)`` adds n rows of every kind: villages, documents, targets with approved values."""
    made = {"n": 0}

    def add(n):
        for _ in range(n):
            i = made["n"] = made["n"] + 1
            create_unit(code=f"thon-{i}", name_vi=f"Thôn {i}", kind=UnitKind.VILLAGE, parent=tree.hoang_dong)
            document = create_document(number=f"{i}-KH/UBND", title=f"Kế hoạch số {i}", issuing_unit=tree.city,
                                       year=2023)
            relate_documents(source=document, target=plan, kind="implements")
            target = targets.create_target(actor=more_users["city_approver"], document=document, org_unit=tree.city,
                                           indicator=f"Chỉ tiêu {i}", unit_of_measure="%", value=i, period="2023",
                                           aggregation="average")
            targets.set_allocation(actor=more_users["city_approver"], target=target, org_unit=tree.hoang_dong,
                                   value=i)
            value = submitted(target, tree.hoang_dong, more_users["hd_reporter"], i)
            targets.approve_value(value, actor=more_users["city_approver"], expected_version=value.version)

    return add


@pytest.mark.parametrize("url", ["/api/v1/org-units/", "/api/v1/documents/", "/api/v1/targets/",
                                 "/api/v1/reported-values/"])
def test_list_queries_do_not_grow_with_rows(api, more_users, grow, url):
    client = api(more_users["city_approver"])

    def measure():
        with QueryCounter() as counter:
            response = client.get(url)
        assert response.status_code == 200
        return counter.count, len(response.json()["results"])

    grow(3)
    few, few_rows = measure()
    grow(27)
    many, many_rows = measure()
    assert many_rows >= few_rows + 27
    assert many == few, f"{url}: {few} queries for {few_rows} rows, {many} for {many_rows}"

"""The admin shows documents, targets and values read-only, with constant queries per list."""

import pytest
from django.urls import reverse

from mandate.core.testing import QueryCounter
from mandate.documents.services import create_document
from mandate.targets.services import create_target, enter_value

pytestmark = pytest.mark.django_db

CHANGELISTS = ["admin:documents_directivedocument_changelist", "admin:documents_documentrelation_changelist",
               "admin:targets_target_changelist", "admin:targets_targetallocation_changelist",
               "admin:targets_reportedvalue_changelist"]


def _records(users, tree, plan, start, n):
    for i in range(start, start + n):
        document = create_document(number=f"{i}-KH/TU", title=f"Kế hoạch {i}", issuing_unit=tree.city)
        target = create_target(actor=users["city_approver"], document=document, org_unit=tree.city,
                               indicator=f"Chỉ tiêu {i}", unit_of_measure="hộ", value=10, period="2024")
        enter_value(actor=users["hd_reporter"], target=target, org_unit=tree.hoang_dong, period="2024", value=i)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "x")


def test_changelists_are_read_only_and_flat(client, superuser, users, tree, plan):
    client.force_login(superuser)
    _records(users, tree, plan, 1, 2)
    few = {}
    for name in CHANGELISTS:
        with QueryCounter() as counter:
            assert client.get(reverse(name)).status_code == 200
        few[name] = counter.count
    _records(users, tree, plan, 100, 12)
    for name in CHANGELISTS:
        with QueryCounter() as counter:
            html = client.get(reverse(name)).content.decode()
        assert counter.count == few[name], name
        assert reverse(name.replace("_changelist", "_add")) not in html
    document = plan
    response = client.post(reverse("admin:documents_directivedocument_change", args=[document.pk]),
                           {"number": "1-KH/TU", "title": "Đổi tên"})
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.title != "Đổi tên"

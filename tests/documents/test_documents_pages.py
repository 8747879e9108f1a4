import datetime

import pytest
from django.urls import reverse

from mandate.accounts.models import Role
from mandate.core.testing import QueryCounter, make_user
from mandate.documents.models import DirectiveDocument
from mandate.documents.services import create_document, relate_documents

pytestmark = pytest.mark.django_db


def test_list_searches_by_number_in_any_style(client, login_as, users, plan, tree):
    create_document(number="129/KH-UBND", title="Kế hoạch phát động phong trào", issuing_unit=tree.city)
    login_as(users["viewer"])
    html = client.get(reverse("documents:list"), {"q": "số 150-kh/tu"}).content.decode()
    assert "150-KH/TU" in html and "129/KH-UBND" not in html
    html = client.get(reverse("documents:list"), {"kind": "plan", "year": "2023"}).content.decode()
    assert "150-KH/TU" in html


def test_list_shows_only_visible_documents(client, login_as, users, tree):
    create_document(number="5-KH/ĐU", title="Kế hoạch của xã Mai Pha", issuing_unit=tree.mai_pha)
    create_document(number="37-QĐ/TW", title="Quy định trung ương")
    create_document(number="12/KH-UBND", title="Kế hoạch của thành phố", issuing_unit=tree.city)
    login_as(users["hd_reporter"])
    html = client.get(reverse("documents:list")).content.decode()
    assert "37-QĐ/TW" in html and "12/KH-UBND" in html
    assert "5-KH/ĐU" not in html
    other = DirectiveDocument.objects.get(number="5-KH/ĐU")
    assert client.get(reverse("documents:detail", args=[other.pk])).status_code == 404


def test_detail_shows_parts_relations_both_ways_and_history(client, login_as, users, plan, tree):
    newer = create_document(number="200-KH/TU", title="Kế hoạch thay thế", issuing_unit=tree.city)
    relate_documents(source=newer, target=plan, kind="replaces")
    login_as(users["viewer"])
    html = client.get(reverse("documents:detail", args=[plan.pk])).content.decode()
    assert "replaced by" in html and "200-KH/TU" in html
    assert 'data-testid="document-number-parts"' in html and "<strong>150</strong>" in html
    assert "Replaced" in html and 'data-testid="history"' in html
    html = client.get(reverse("documents:detail", args=[newer.pk])).content.decode()
    assert "replaces" in html and "150-KH/TU" in html


def test_create_malformed_number_keeps_what_was_typed(client, login_as, users, tree):
    login_as(users["city_approver"])
    response = client.post(reverse("documents:create"), {
        "number": "KH/TU", "title": "Một kế hoạch", "issuing_unit": tree.city.pk, "state": "in_force"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "starts with its sequence number" in html
    assert 'value="KH/TU"' in html and "Một kế hoạch" in html
    assert not DirectiveDocument.objects.exists()


def test_create_duplicate_refused_and_good_one_saved(client, login_as, users, plan, tree):
    login_as(users["city_approver"])
    response = client.post(reverse("documents:create"), {
        "number": "số 150-KH/TU", "title": "Trùng", "issuing_unit": tree.city.pk,
        "issued_on": "2023-03-01", "state": "in_force"})
    assert "already recorded" in response.content.decode()
    response = client.post(reverse("documents:create"), {
        "number": "No. 37-QD/TU", "title": "Quyết định", "issuing_unit": tree.city.pk,
        "issued_on": "2023-03-01", "state": "in_force"})
    document = DirectiveDocument.objects.get(title="Quyết định")
    assert response.status_code == 302 and document.kind == "regulation" and document.sequence == 37


def test_central_document_only_by_administrator(client, login_as, users):
    data = {"number": "37-QĐ/TW", "title": "Quy định", "state": "in_force"}
    login_as(users["city_approver"])
    response = client.post(reverse("documents:create"), data)
    assert "Only an administrator" in response.content.decode()
    login_as(users["admin"])
    assert client.post(reverse("documents:create"), data).status_code == 302
    assert DirectiveDocument.objects.filter(issuing_unit__isnull=True).count() == 1


def test_reporter_and_viewer_cannot_create_or_edit(client, login_as, users, plan):
    for name in ("hd_reporter", "viewer"):
        login_as(users[name])
        assert client.get(reverse("documents:create")).status_code == 403
        assert client.post(reverse("documents:edit", args=[plan.pk]), {}).status_code == 403


def test_edit_with_stale_version_is_refused(client, login_as, users, plan, tree):
    login_as(users["city_approver"])
    data = {"number": plan.number, "title": "Tên mới", "issuing_unit": tree.city.pk, "state": "in_force",
            "version": plan.version}
    assert client.post(reverse("documents:edit", args=[plan.pk]), data).status_code == 302
    data["title"] = "Tên cũ hơn"
    response = client.post(reverse("documents:edit", args=[plan.pk]), data)
    assert "Someone else changed this record" in response.content.decode()
    plan.refresh_from_db()
    assert plan.title == "Tên mới"


def test_add_relation_from_page(client, login_as, users, plan, tree):
    other = create_document(number="129/KH-UBND", title="Kế hoạch", issuing_unit=tree.city)
    login_as(users["city_approver"])
    client.post(reverse("documents:relate", args=[other.pk]), {"kind": "implements", "target": plan.pk})
    assert other.relations_out.get().target == plan
    html = client.get(reverse("documents:detail", args=[plan.pk])).content.decode()
    assert "implemented by" in html


def _documents(tree, n, start):
    for i in range(start, start + n):
        create_document(number=f"{i}-KH/TU", title=f"Kế hoạch {i}", issuing_unit=tree.city,
                        issued_on=datetime.date(2023, 1, 1))


def test_list_query_count_does_not_grow(client, login_as, users, tree):
    login_as(users["viewer"])
    _documents(tree, 2, 1)
    with QueryCounter() as few:
        client.get(reverse("documents:list"))
    _documents(tree, 25, 100)
    with QueryCounter() as many:
        assert client.get(reverse("documents:list")).status_code == 200
    assert many.count == few.count


def test_search_finds_numbers_typed_without_diacritics_or_issuer(client, login_as, users, plan, tree):
    create_document(number="37-QĐ/TW", title="Quy định về những điều đảng viên không được làm")
    create_document(number="129/KH-UBND", title="Kế hoạch của ủy ban", issuing_unit=tree.city)
    login_as(users["viewer"])
    html = client.get(reverse("documents:list"), {"q": "37-QD/TW"}).content.decode()
    assert "37-QĐ/TW" in html and "150-KH/TU" not in html and "129/KH-UBND" not in html
    html = client.get(reverse("documents:list"), {"q": "150-KH"}).content.decode()
    assert "150-KH/TU" in html and "37-QĐ/TW" not in html


def test_bad_number_on_edit_shows_on_the_field_and_keeps_the_record(client, login_as, users, plan, tree):
    login_as(users["city_approver"])
    response = client.post(reverse("documents:edit", args=[plan.pk]), {
        "number": "150 KH TU", "title": "Tên khác", "issuing_unit": tree.city.pk, "state": "in_force",
        "version": plan.version})
    html = response.content.decode()
    assert response.status_code == 200 and 'value="150 KH TU"' in html and "Tên khác" in html
    assert "slash" in html or "known style" in html
    plan.refresh_from_db()
    assert plan.number == "150-KH/TU" and plan.title != "Tên khác"


def test_commune_approver_cannot_edit_the_city_document(client, users, plan, tree):
    client.force_login(make_user("hd-approver", tree.hoang_dong, Role.APPROVER))
    assert client.get(reverse("documents:edit", args=[plan.pk])).status_code == 403
    assert client.post(reverse("documents:relate", args=[plan.pk]), {"kind": "implements"}).status_code == 403

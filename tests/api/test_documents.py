"""Directive documents over the API."""

import pytest

from mandate.documents.models import DirectiveDocument


@pytest.fixture
def city(api, more_users):
    return api(more_users["city_approver"])


def test_record_a_document(city, tree):
    response = city.post("/api/v1/documents/", {"number": "129/KH-UBND", "title": "Kế hoạch thực hiện",
                                                "issuing_unit": tree.city.pk, "issued_on": "2023-04-10"},
                         format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["kind_code"], body["issuer_code"], body["year"], body["version"]) == (
        "plan", "KH", "UBND", 2023, 1)
    assert body["issuing_unit"]["id"] == tree.city.pk
    assert body["relations"] == []


def test_number_errors_are_the_services(city, tree, plan):
    response = city.post("/api/v1/documents/", {"number": "KH TU", "title": "X", "issuing_unit": tree.city.pk},
                         format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"number": ["A document number starts with its sequence number, e.g. 150-KH/TU."]}
    response = city.post("/api/v1/documents/", {"number": "150-KH/TU", "title": "Trùng", "issuing_unit": tree.city.pk,
                                                "issued_on": "2023-05-01"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"number": ["Document 150-KH/TU of 2023 by this issuer is already recorded."]}


def test_who_may_record_documents(api, tree, more_users):
    payload = {"number": "05-CT/TW", "title": "Chỉ thị về học tập và làm theo", "issued_on": "2016-05-15"}
    response = api(more_users["city_approver"]).post("/api/v1/documents/", payload, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Only an administrator can record a document without an issuing unit."
    assert api(more_users["admin"]).post("/api/v1/documents/", payload, format="json").status_code == 201
    # A reporter, even of the issuing unit, may not record its documents.
    response = api(more_users["hd_reporter"]).post("/api/v1/documents/", {
        "number": "3-KH/ĐU", "title": "Kế hoạch", "issuing_unit": tree.hoang_dong.pk}, format="json")
    assert response.status_code == 403
    response = api(more_users["hd_approver"]).post("/api/v1/documents/", {
        "number": "3-KH/ĐU", "title": "Kế hoạch", "issuing_unit": tree.hoang_dong.pk}, format="json")
    assert response.status_code == 201
    # A central document is read by everyone, changed by administrators only.
    central = DirectiveDocument.objects.get(number="05-CT/TW")
    assert api(more_users["hd_viewer"]).get(f"/api/v1/documents/{central.pk}/").json()["can_edit"] is False
    response = api(more_users["city_approver"]).patch(f"/api/v1/documents/{central.pk}/",
                                                      {"version": 1, "title": "Đổi"}, format="json")
    assert response.status_code == 403


def test_relations_read_from_both_ends(city, tree, plan):
    created = city.post("/api/v1/documents/", {"number": "20-KH/UBND", "title": "Kế hoạch triển khai",
                                               "issuing_unit": tree.city.pk, "issued_on": "2023-03-01"},
                        format="json").json()
    response = city.post(f"/api/v1/documents/{created['id']}/relations/",
                         {"kind": "implements", "target": plan.pk, "note": "Cụ thể hóa mục 2"}, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["source"], response.json()["target"]) == (created["id"], plan.pk)

    out = city.get(f"/api/v1/documents/{created['id']}/").json()["relations"]
    assert [(r["direction"], r["label"], r["document"]["number"]) for r in out] == [("out", "implements", "150-KH/TU")]
    back = city.get(f"/api/v1/documents/{plan.pk}/").json()["relations"]
    assert [(r["direction"], r["label"], r["document"]["number"]) for r in back] == [
        ("in", "implemented by", "20-KH/UBND")]
    assert city.get(f"/api/v1/documents/{plan.pk}/relations/").json() == back

    again = city.post(f"/api/v1/documents/{created['id']}/relations/", {"kind": "implements", "target": plan.pk},
                      format="json")
    assert again.status_code == 400
    assert again.json()["detail"] == "This relation is already recorded."


def test_replacing_marks_the_old_document_replaced(city, tree, plan):
    new = city.post("/api/v1/documents/", {"number": "151-KH/TU", "title": "Kế hoạch mới",
                                           "issuing_unit": tree.city.pk, "issued_on": "2023-06-01"},
                    format="json").json()
    city.post(f"/api/v1/documents/{new['id']}/relations/", {"kind": "replaces", "target": plan.pk}, format="json")
    body = city.get(f"/api/v1/documents/{plan.pk}/").json()
    assert (body["state"], body["version"]) == ("replaced", 2)


def test_update_with_the_version_read(city, plan):
    url = f"/api/v1/documents/{plan.pk}/"
    response = city.patch(url, {"version": 1, "summary": "Tóm tắt"}, format="json")
    assert response.status_code == 200
    assert (response.json()["summary"], response.json()["version"]) == ("Tóm tắt", 2)
    response = city.patch(url, {"version": 1, "title": "Cũ"}, format="json")
    assert response.status_code == 409
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch tổ chức các hoạt động kỷ niệm"


def test_search_by_number(city, plan):
    found = city.get("/api/v1/documents/", {"q": "150-kh/tu"}).json()["results"]
    assert [d["id"] for d in found] == [plan.pk]
    assert city.get("/api/v1/documents/", {"q": "999-NQ/TU"}).json()["count"] == 0


def test_delete_a_document_recorded_by_mistake(api, city, tree, more_users, plan, admissions):
    mistake = city.post("/api/v1/documents/", {"number": "15-KH/TU", "title": "Nhập nhầm",
                                               "issuing_unit": tree.city.pk}, format="json").json()
    url = f"/api/v1/documents/{mistake['id']}/"
    # The commune reads the city's documents but may not change them.
    assert api(more_users["hd_approver"]).delete(url + "?version=1").status_code == 403
    assert api(more_users["viewer"]).delete(url + "?version=1").status_code == 403
    assert city.delete(url).json()["errors"] == {"version": ["This field is required."]}
    city.patch(url, {"version": 1, "summary": "Sửa"}, format="json")
    assert city.delete(url + "?version=1").status_code == 409
    assert city.delete(url + "?version=2").status_code == 204
    assert not DirectiveDocument.objects.filter(pk=mistake["id"]).exists()
    # A document that targets hang on stays.
    response = city.delete(f"/api/v1/documents/{plan.pk}/?version={plan.version}")
    assert response.status_code == 400
    assert response.json()["detail"] == "150-KH/TU cannot be deleted: targets refer to it."
    assert DirectiveDocument.objects.filter(pk=plan.pk).exists()

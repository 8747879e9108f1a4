"""One test per finding of the security probe (issue 7): each failed before the fix."""

import datetime
import io
import os
import subprocess
import sys

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from mandate.core.testing import docx_bytes, pdf_bytes, view_as_of
from mandate.documents.services import create_document
from mandate.targets import services as targets
from mandate.tasks.services import assign_task, report_progress

PASSWORD = "a-Long-test-pass-42"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def api_for(user):
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def task_with_evidence(tree, users, plan):
    task = assign_task(actor=users["city_approver"], title="Hoàn thành kiểm tra", lead_unit=tree.hoang_dong,
                       deadline=datetime.date(2023, 9, 1), source_document=plan, assigning_unit=tree.city, assigned_on=datetime.date(2023, 3, 1))
    report_progress(task, actor=users["hd_reporter"], expected_version=task.version, percent=30,
                    reported_on=datetime.date(2023, 4, 1),
                    files=[SimpleUploadedFile("Biên bản kiểm tra.pdf", pdf_bytes())])
    return task


# 1. Uploaded files ------------------------------------------------------------------------

def test_evidence_has_an_unguessable_name_and_no_media_url(task_with_evidence, settings):
    evidence = task_with_evidence.reports.get().evidence.get()
    assert evidence.file.name.startswith("evidence/") and "Bi" not in evidence.file.name
    for debug in (True, False):
        settings.DEBUG = debug
        assert Client().get("/media/" + evidence.file.name).status_code in (302, 404)


def test_evidence_is_served_only_within_the_subtree(task_with_evidence, users):
    evidence = task_with_evidence.reports.get().evidence.get()
    url = reverse("tasks:evidence", args=[evidence.pk])
    assert Client().get(url).status_code == 302
    assert logged_in(users["mp_reporter"]).get(url).status_code == 404
    response = logged_in(users["hd_reporter"]).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"] and response["X-Content-Type-Options"] == "nosniff"


def test_documents_carry_a_signed_copy_within_the_same_rules(tree, users):
    client = logged_in(users["city_approver"])
    view_as_of(client, "2023-05-01")  # the small tree's city closed on 1 July 2025
    response = client.post(reverse("documents:create"), {
        "number": "200-KH/TU", "title": "Kế hoạch có bản ký", "issuing_unit": tree.city.pk,
        "issued_on": "2023-05-01", "state": "in_force", "signed_file": SimpleUploadedFile("ban-ky.pdf", pdf_bytes()),
    })
    assert response.status_code == 302, [line for line in response.content.decode().splitlines() if "errorlist" in line]
    from mandate.documents.models import DirectiveDocument

    document = DirectiveDocument.objects.get(number="200-KH/TU")
    assert document.signed_file.name.startswith("documents/") and document.signed_file_name == "ban-ky.pdf"
    url = reverse("documents:signed_file", args=[document.pk])
    preview = client.get(url + "?preview=1")
    assert preview.status_code == 200 and preview["Content-Disposition"].startswith("inline")
    mp_plan = create_document(number="12-KH/ĐU", title="Kế hoạch xã", issuing_unit=tree.mai_pha,
                              signed_file=SimpleUploadedFile("xa.docx", docx_bytes()))
    assert logged_in(users["hd_reporter"]).get(reverse("documents:signed_file", args=[mp_plan.pk])).status_code == 404
    assert api_for(users["hd_reporter"]).get(f"/api/v1/documents/{mp_plan.pk}/file/").status_code == 404
    # Over the API: attach a new copy with the version read; a fake PDF is refused.
    api = api_for(users["city_approver"])
    bad = api.post(f"/api/v1/documents/{document.pk}/file/",
                   {"version": document.version, "file": SimpleUploadedFile("x.pdf", b"%PDF-1.7\n<html>")},
                   format="multipart")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"
    good = api.post(f"/api/v1/documents/{document.pk}/file/",
                    {"version": document.version, "file": SimpleUploadedFile("moi.docx", docx_bytes())},
                    format="multipart")
    assert good.status_code == 200 and good.json()["signed_file_name"] == "moi.docx"


# 2. One visibility rule per object --------------------------------------------------------

def test_a_city_target_is_not_shown_to_a_commune_on_pages_or_api(tree, users, plan):
    target = targets.create_target(actor=users["city_approver"], document=plan, org_unit=tree.city,
                                   indicator="Kết nạp đảng viên", unit_of_measure="người", value=230,
                                   period="2023")
    reporter = users["hd_reporter"]
    assert logged_in(reporter).get(reverse("targets:detail", args=[target.pk])).status_code == 404
    assert api_for(reporter).get(f"/api/v1/targets/{target.pk}/").status_code == 404
    assert logged_in(users["city_approver"]).get(reverse("targets:detail", args=[target.pk])).status_code == 200


# 3. Exports ---------------------------------------------------------------------------------

def test_task_export_writes_formula_like_text_as_text(tree, users, plan):
    assign_task(actor=users["city_approver"], title='=HYPERLINK("http://x.example","bấm")', lead_unit=tree.hoang_dong,
                deadline=datetime.date(2023, 9, 1), source_document=plan, assigning_unit=tree.city, assigned_on=datetime.date(2023, 3, 1))
    client = logged_in(users["city_approver"])
    view_as_of(client, "2023-06-01")
    response = client.get(reverse("tasks:export"))
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)


# 4. Upload limits --------------------------------------------------------------------------

def test_a_body_above_the_limit_is_refused_before_reading(users, settings):
    settings.MAX_REQUEST_BODY = 1024
    response = api_for(users["hd_reporter"]).post("/api/v1/tasks/", {"x": "y" * 4096}, format="json")
    assert response.status_code == 413 and response.json()["code"] == "too_large"


# 5. Login throttling and tokens -------------------------------------------------------------

def test_wrong_passwords_lock_the_login_page_and_the_token_endpoint(users, settings):
    user = users["hd_reporter"]
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": user.username, "password": "wrong-password"})
    locked = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert locked.status_code == 429
    api = APIClient()
    response = api.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}, format="json")
    assert response.status_code in (400, 429) and "token" not in response.json()


def test_tokens_expire_rotate_and_end_with_a_password_change(users, settings):
    user = users["hd_reporter"]
    api = APIClient()
    first = api.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}, format="json").json()
    second = api.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}, format="json").json()
    assert first["token"] != second["token"] and "expires_at" in second
    api.credentials(HTTP_AUTHORIZATION="Token " + first["token"])
    assert api.get("/api/v1/me/").status_code in (401, 403)
    api.credentials(HTTP_AUTHORIZATION="Token " + second["token"])
    assert api.get("/api/v1/me/").status_code == 200
    Token.objects.filter(key=second["token"]).update(created=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert api.get("/api/v1/me/").status_code in (401, 403)
    token = Token.objects.create(user=user)
    user.set_password("another-Long-pass-77")
    user.save()
    assert not Token.objects.filter(pk=token.pk).exists()


def test_password_change_and_reset_pages(users, mailoutbox):
    user = users["hd_reporter"]
    user.email = "hd@example.vn"
    user.save()
    assert logged_in(user).get(reverse("accounts:password_change")).status_code == 200
    response = Client().post(reverse("accounts:password_reset"), {"email": "hd@example.vn"})
    assert response.status_code == 302 and len(mailoutbox) == 1
    assert "/accounts/password-reset/" in mailoutbox[0].body


# 6. No 500s, one error shape --------------------------------------------------------------

@pytest.mark.parametrize("query", ["year=0", "year=99999999999", "limit=9223372036854775808",
                                   "offset=9223372036854775808", "org_unit=99999999999999999999"])
def test_odd_query_parameters_answer_400_or_200(users, query):
    response = api_for(users["hd_reporter"]).get("/api/v1/targets/?" + query)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert isinstance(response.json()["code"], str)


def test_patch_without_version_is_a_clear_400(users, plan):
    response = api_for(users["city_approver"]).patch(f"/api/v1/documents/{plan.pk}/", {}, format="json")
    assert response.status_code == 400 and "version" in response.json()["errors"]


def test_a_value_of_1e17_is_refused(tree, users, plan):
    target = targets.create_target(actor=users["city_approver"], document=plan, org_unit=tree.hoang_dong,
                                   indicator="Thu ngân sách", unit_of_measure="đồng", value=5, period="2023")
    response = api_for(users["hd_reporter"]).post("/api/v1/reported-values/", {
        "target": target.pk, "org_unit": tree.hoang_dong.pk, "period": "2023", "value": 1e17}, format="json")
    assert response.status_code == 400 and "value" in response.json()["errors"]


def test_old_dates_and_huge_notes_are_refused(users, tree):
    api = api_for(users["admin"])
    response = api.post("/api/v1/documents/", {"number": "1-KH/TU", "title": "Cũ", "issued_on": "0001-01-01",
                                               "issuing_unit": tree.city.pk}, format="json")
    assert response.status_code == 400 and "issued_on" in response.json()["errors"]


def test_api_404_is_json_and_pages_404_is_html(users):
    api = api_for(users["hd_reporter"])
    response = api.get("/api/v1/no-such-thing/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found.", "code": "not_found"}
    response = api.post("/api/v1/task-extensions/abc/decide/", {}, format="json")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    page = logged_in(users["hd_reporter"]).get("/no-such-page/")
    assert page.status_code == 404 and "text/html" in page["Content-Type"]


def test_field_named_code_keeps_code_a_string(users):
    response = api_for(users["admin"]).post("/api/v1/org-units/", {}, format="json")
    if response.status_code == 400:
        assert isinstance(response.json()["code"], str)


# 9. Production defaults ---------------------------------------------------------------------

def test_pages_send_a_content_security_policy(users):
    response = logged_in(users["hd_reporter"]).get(reverse("reports:dashboard"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "style=" not in response.content.decode()  # no inline style left


def test_as_of_is_kept_only_from_a_post(users):
    client = logged_in(users["hd_reporter"])
    client.get(reverse("reports:dashboard") + "?as_of=2023-01-01")
    assert "mandate_as_of" not in client.session
    client.post(reverse("set_as_of"), {"as_of": "2023-01-01", "next": "/dashboard/?as_of=2020-01-01"})
    assert client.session["mandate_as_of"] == "2023-01-01"
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(users["hd_reporter"])
    assert csrf_client.post(reverse("set_as_of"), {"as_of": "2022-01-01"}).status_code == 403


def _start(env_extra, tmp_path):
    env = {**os.environ, "MANDATE_VAR_DIR": str(tmp_path), **env_extra}
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "ALLOWED_HOSTS"):
        if name not in env_extra:
            env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "mandate.cli", "check"], capture_output=True, text=True, env=env,
                          timeout=120)


def test_production_needs_allowed_hosts_and_a_real_key(tmp_path):
    good_key = "k3y-" + "aZ9x" * 15
    run = _start({"DEBUG": "0", "SECRET_KEY": good_key}, tmp_path)
    assert run.returncode != 0 and "ALLOWED_HOSTS must be set" in run.stderr
    run = _start({"DEBUG": "0", "SECRET_KEY": "short", "ALLOWED_HOSTS": "mandate.example.vn"}, tmp_path)
    assert run.returncode != 0 and "long random value" in run.stderr


def test_forwarded_proto_is_trusted_only_behind_a_declared_proxy(tmp_path):
    code = "from django.conf import settings; print(getattr(settings, 'SECURE_PROXY_SSL_HEADER', None))"
    env = {**os.environ, "MANDATE_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "mandate.settings"}
    env.pop("TRUSTED_PROXY", None)
    out = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code], env=env,
                         capture_output=True, text=True, timeout=60).stdout
    assert out.strip() == "None"
    out = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code],
                         env={**env, "TRUSTED_PROXY": "1"}, capture_output=True, text=True, timeout=60).stdout
    assert "HTTP_X_FORWARDED_PROTO" in out

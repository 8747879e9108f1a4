"""The job queue: enqueue, progress, result file, retries, access, pages and API."""

import pytest
from django.urls import reverse

from mandate.jobs.models import Job, JobState
from mandate.jobs.registry import JobOutput, job_kind
from mandate.jobs.services import enqueue, run_job

CALLS = {"flaky": 0}


@job_kind("test.file", label="Test file")
def _make_file(job, *, text):
    job.progress(50, "half way")
    return JobOutput(data=text.encode(), filename="kết-quả.txt", summary="one file")


@job_kind("test.flaky", label="Flaky", max_attempts=2)
def _flaky(job):
    CALLS["flaky"] += 1
    if CALLS["flaky"] == 1:
        raise RuntimeError("first attempt fails")
    return "second attempt worked"


@job_kind("test.broken", label="Broken", max_attempts=2)
def _broken(job):
    raise RuntimeError("always fails")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_job_runs_when_the_transaction_commits_and_keeps_its_file(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue("test.file", actor=users["viewer"], params={"text": "Lạng Sơn"})
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.progress_percent == 100 and job.attempts == 1
    assert job.result_name == "kết-quả.txt"
    assert "kết" not in job.result_file.name  # stored under an unguessable name
    with job.result_file.open("rb") as handle:
        assert handle.read().decode() == "Lạng Sơn"


def test_failed_attempt_is_retried_then_succeeds(users, django_capture_on_commit_callbacks):
    CALLS["flaky"] = 0
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue("test.flaky", actor=users["viewer"])
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.attempts == 2 and job.summary == "second attempt worked"


def test_job_fails_after_its_last_attempt(users):
    job = Job.objects.create(kind="test.broken", requested_by=users["viewer"])
    run_job(job.pk)
    run_job(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.attempts == 2 and "always fails" in job.error


def test_unknown_kind_is_refused_by_the_caller(users):
    with pytest.raises(LookupError):
        enqueue("no.such.kind", actor=users["viewer"])


def test_only_the_requester_sees_a_job_on_pages_and_api(client, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue("test.file", actor=users["hd_reporter"], params={"text": "x"})
    client.force_login(users["mp_reporter"])
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert client.get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    client.force_login(users["hd_reporter"])
    page = client.get(reverse("jobs:detail", args=[job.pk]))
    assert page.status_code == 200 and "kết-quả.txt" in page.content.decode()
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"x"
    api = client.get("/api/v1/jobs/").json()
    assert [row["id"] for row in api["results"]] == [job.pk]
    assert api["results"][0]["download_url"] == reverse("jobs:download", args=[job.pk])


def test_job_list_query_count_does_not_grow(client, users, django_assert_max_num_queries):
    client.force_login(users["viewer"])
    for _ in range(3):
        Job.objects.create(kind="test.file", requested_by=users["viewer"], org_unit=users["viewer"].membership.org_unit)
    with django_assert_max_num_queries(8) as few:
        assert client.get(reverse("jobs:list")).status_code == 200
    for _ in range(20):
        Job.objects.create(kind="test.file", requested_by=users["viewer"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("jobs:list")).status_code == 200


def test_reminders_run_as_a_job(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue("tasks.reminders", actor=users["admin"], params={"as_of": "2026-11-30", "days": 7})
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED, job.error
    assert "reminded" in job.summary


def test_precount_runs_as_a_job_and_from_the_command(users, settings, django_capture_on_commit_callbacks):
    from io import StringIO

    settings.LANGUAGE_CODE = "vi"  # the job's summary is written in the site's language

    from django.core.management import CommandError, call_command
    from django.db import connection

    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue("targets.precount_status", actor=users["admin"], params={"day": "2026-12-07"})
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED, job.error
    out = StringIO()
    call_command("precount_status", "--date", "2026-12-07", stdout=out)
    if connection.vendor == "postgresql":
        assert job.summary == "Đã đếm trạng thái của 6 đơn vị cho ngày 07/12/2026.", job.summary
        assert "statuses of 6 units counted" in out.getvalue()
    else:
        assert job.summary.startswith("Không cần đếm trước"), job.summary
        assert "Nothing counted ahead" in out.getvalue()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("precount_status", "--date", "7/12/2026")

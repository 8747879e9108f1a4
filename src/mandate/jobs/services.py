"""Asking for a job, running it, and who may see it."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job, JobState
from .registry import JobOutput, get_kind

log = logging.getLogger(__name__)


def enqueue(kind: str, *, actor=None, org_unit=None, params: dict | None = None) -> Job:
    """Record the job and hand its id to the queue once the current transaction commits."""
    get_kind(kind)  # unknown kinds fail here, in the caller, not later in a worker
    job = Job.objects.create(kind=kind, requested_by=actor if getattr(actor, "pk", None) else None,
                             org_unit=org_unit, params=params or {})
    transaction.on_commit(lambda: _send(job.pk))
    return job


def _send(job_id: int) -> None:
    from .tasks import run_job_task

    run_job_task.enqueue(job_id)


def run_job(job_id: int) -> Job:
    """Run one job; on an error retry it while attempts remain, else mark it failed."""
    job = Job.objects.get(pk=job_id)
    if job.is_done:
        return job
    kind = get_kind(job.kind)
    job.attempts += 1
    job.state = JobState.RUNNING
    job.started_at = job.started_at or timezone.now()
    job.save(update_fields=["attempts", "state", "started_at"])
    try:
        with transaction.atomic():
            output = kind.handler(job, **job.params)
    except Exception as exc:  # a job must never take the worker down
        log.exception("job %s (%s) failed on attempt %s", job.pk, job.kind, job.attempts)
        job.error = f"{type(exc).__name__}: {exc}"[:5000]
        if job.attempts < kind.max_attempts:
            job.state = JobState.QUEUED
            job.message = _("Attempt %(n)s failed; trying again.") % {"n": job.attempts}
            job.save(update_fields=["error", "state", "message"])
            transaction.on_commit(lambda: _send(job.pk))
        else:
            job.state = JobState.FAILED
            job.finished_at = timezone.now()
            job.message = _("The job failed after %(n)s attempts.") % {"n": job.attempts}
            job.save(update_fields=["error", "state", "message", "finished_at"])
        return job
    if isinstance(output, JobOutput):
        job.result_name = output.filename
        job.result_file.save(output.filename, ContentFile(output.data), save=False)
        job.summary = output.summary[:500]
    elif output:
        job.summary = str(output)[:500]
    job.state = JobState.SUCCEEDED
    job.progress_percent = 100
    job.message = ""
    job.finished_at = timezone.now()
    job.save()
    return job


def visible_jobs(user):
    """A person sees the jobs they asked for; a superuser sees all."""
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    if user.is_superuser:
        return Job.objects.all()
    return Job.objects.filter(requested_by=user)


def require_job_visible(user, job: Job) -> None:
    if not visible_jobs(user).filter(pk=job.pk).exists():
        raise PermissionDenied(_("This job was asked for by someone else."))

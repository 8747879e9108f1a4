from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mandate.core.files import UnguessablePath


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """One piece of long work asked for by a person, with its progress and result.

    The queue (django-tasks: run at once in the embedded default, by `mandate db_worker`
    in production) only carries the job's id; everything a person sees is here.
    """

    kind = models.CharField(_("kind"), max_length=80)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="jobs", verbose_name=_("requested by"))
    org_unit = models.ForeignKey("orgs.OrgUnit", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("unit"))
    state = models.CharField(_("state"), max_length=12, choices=JobState.choices, default=JobState.QUEUED)
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    result_file = models.FileField(_("result file"), upload_to=UnguessablePath("jobs"), blank=True, max_length=300)
    result_name = models.CharField(_("file name"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="job_requester_recent")]

    def __str__(self):
        return f"{self.kind_label} #{self.pk}"

    @property
    def kind_label(self):
        from .registry import get_kind

        try:
            return get_kind(self.kind).label
        except LookupError:
            return self.kind

    @property
    def is_done(self) -> bool:
        return self.state in (JobState.SUCCEEDED, JobState.FAILED)

    def progress(self, percent: int, message: str = "") -> None:
        """Called by a handler as it goes; written at once so the page polling it sees it."""
        percent = max(0, min(100, int(percent)))
        Job.objects.filter(pk=self.pk).update(progress_percent=percent, message=str(message)[:300])
        self.progress_percent, self.message = percent, str(message)[:300]

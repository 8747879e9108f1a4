"""Background job kinds of the tasks app."""

import datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.jobs.registry import job_kind

from .reminders import send_reminders


@job_kind("tasks.reminders", label=gettext_lazy("Task reminders"))
def send_reminders_job(job, *, as_of: str, days: int = 7):
    job.progress(5, _("Collecting tasks due soon and overdue"))
    with translation.override(settings.LANGUAGE_CODE):
        run = send_reminders(as_of=datetime.date.fromisoformat(as_of), days=int(days))
    return _("%(sent)s unit(s) reminded, %(skipped)s already reminded today.") % {
        "sent": len(run.sent), "skipped": len(run.skipped_already_sent)}

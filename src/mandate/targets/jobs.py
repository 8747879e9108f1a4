"""Background job kinds of the targets app."""

import datetime

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.jobs.registry import job_kind

from .evaluation import precount_status_counts
from .maintenance import rebuild


@job_kind("targets.rebuild_rollups", label=gettext_lazy("Rebuild the rollups"), max_attempts=2)
def rebuild_rollups_job(job, *, target_ids: list[int] | None = None):
    job.progress(5, _("Recomputing the latest values and the rollups per unit and period"))
    counts = rebuild(target_ids=target_ids)
    return _("%(latest)s latest values, %(units)s unit rollups and %(periods)s period rollups.") % {
        "latest": counts["LatestValue"], "units": counts["UnitRollup"], "periods": counts["UnitPeriodRollup"]}


@job_kind("targets.precount_status", label=gettext_lazy("Count the day's statuses ahead"), max_attempts=2)
def precount_status_job(job, *, day: str):
    job.progress(5, _("Counting the statuses of every unit's targets"))
    on = datetime.date.fromisoformat(day)
    units = precount_status_counts(on)
    with translation.override(settings.LANGUAGE_CODE):  # a worker has no request to take it from
        if not units:
            return _("Nothing counted ahead: this database counts the statuses on each page.")
        return _("Statuses of %(units)s units counted for %(day)s.") % {
            "units": number_format(units, force_grouping=True), "day": date_format(on, "SHORT_DATE_FORMAT")}

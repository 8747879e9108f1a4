"""Background job kinds of the targets app."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.jobs.registry import job_kind

from .maintenance import rebuild


@job_kind("targets.rebuild_rollups", label=gettext_lazy("Rebuild the rollups"), max_attempts=2)
def rebuild_rollups_job(job, *, target_ids: list[int] | None = None):
    job.progress(5, _("Recomputing the latest values and the rollups per unit and period"))
    counts = rebuild(target_ids=target_ids)
    return _("%(latest)s latest values, %(units)s unit rollups and %(periods)s period rollups.") % {
        "latest": counts["LatestValue"], "units": counts["UnitRollup"], "periods": counts["UnitPeriodRollup"]}

"""Background job kinds of the reporting season: the review report in Word or PDF.

A province-wide report reads every target of the province; it runs as a job (immediate in
the demo and tests, a worker in production) and its file stays on the job page with the
date it was produced; the report itself prints the as-of date of its figures."""

from __future__ import annotations

import datetime

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.jobs.registry import JobOutput, job_kind
from mandate.orgs.models import OrgUnit

REVIEW_KIND = "reporting.review"


@job_kind(REVIEW_KIND, label=gettext_lazy("Review report"), max_attempts=2)
def build_review(job, *, unit_id: int, period: str, as_of: str, fmt: str = "docx", language: str = "vi"):
    from .render import render_docx, render_pdf
    from .review import gather

    with translation.override(language):
        unit = OrgUnit.objects.get(pk=unit_id)
        job.progress(10, _("Reading targets, tasks, movements and projects"))
        data = gather(unit, period, datetime.date.fromisoformat(as_of))
        job.progress(60, _("Writing the document"))
        body = render_pdf(data) if fmt == "pdf" else render_docx(data)
        name = f"bao-cao-{slugify(unit.code)}-{period}-{as_of}.{fmt}"
        summary = _("%(unit)s, %(period)s, figures as of %(as_of)s") % {
            "unit": unit.display_name, "period": period, "as_of": datetime.date.fromisoformat(as_of).strftime(
                "%d/%m/%Y")}
        return JobOutput(data=body, filename=name, summary=summary)

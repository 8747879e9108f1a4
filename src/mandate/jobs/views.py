from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from mandate.core.files import serve_file

from .services import visible_jobs


@login_required
def job_list(request):
    jobs = visible_jobs(request.user).select_related("org_unit")[:100]
    return render(request, "jobs/list.html", {"jobs": jobs})


@login_required
def job_detail(request, pk: int):
    job = get_object_or_404(visible_jobs(request.user).select_related("org_unit"), pk=pk)
    template = "jobs/_status.html" if request.htmx else "jobs/detail.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request, pk: int):
    job = get_object_or_404(visible_jobs(request.user), pk=pk, state="succeeded")
    return serve_file(job.result_file, job.result_name)

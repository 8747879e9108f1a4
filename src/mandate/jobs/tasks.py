"""The one queue task: run a Job row by id. Retries are counted on the Job itself."""

from django_tasks import task


@task()
def run_job_task(job_id: int) -> None:
    from .services import run_job

    run_job(job_id)

from django.conf import settings
from django_tasks import task

from zit.core.jobs import job_run


@task(queue_name=settings.TASKS_QUEUE)
def run_job(job_id: int) -> None:
    job_run(job_id)

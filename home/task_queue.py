"""The task queue's health and upkeep (django-tasks with its database backend, `django_tasks_db`).

django-tasks-db's worker marks a task RUNNING when it takes it, and SUCCESSFUL or FAILED when it ends. A
worker killed in between (`kill -9`, an out-of-memory kill, a machine lost) leaves the row RUNNING for ever:
its mail is never sent and never shown as failed. Here:

- `requeue_stale()`: a task RUNNING for more than `TASK_LEASE_SECONDS` (its lease) is given back to the
  queue (READY, to run now); one that has already been taken `TASK_MAX_CLAIMS` times without ending is
  marked FAILED instead (a task that kills its worker would otherwise kill every worker in turn). The worker
  (`manage.py run_worker`) does it when it starts and every minute; `manage.py requeue_stale_tasks` does it
  from cron or a systemd timer. No task of the portal runs for long: a mail waits at most `EMAIL_TIMEOUT`.
- `requeue_worker_tasks(worker_id)`: the tasks a worker was running when it lost the database, given back
  at once when it reconnects (they are not running any more).
- `oldest_ready_age()`: seconds the oldest task ready to run has waited (the health endpoint's queue check).

A task given back runs again: a mail whose worker died after the mail server accepted it and before the
row was marked is sent twice (delivery is at least once; the window is a few milliseconds).
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)


def _give_back(rows, now):
    """Give `rows` (RUNNING, locked) back to the queue, or fail those taken too often. Returns the counts."""
    requeued = failed = 0
    for row in rows:
        if len(row.worker_ids) >= settings.TASK_MAX_CLAIMS:
            row.status = TaskResultStatus.FAILED
            row.finished_at = now
            row.exception_class_path = "home.task_queue.WorkerLost"
            row.traceback = f"The task was taken {len(row.worker_ids)} times and never finished."
            row.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
            failed += 1
        else:
            row.status = TaskResultStatus.READY
            row.started_at = None
            if row.run_after != get_date_max():
                row.run_after = now
            row.save(update_fields=["status", "started_at", "run_after"])
            requeued += 1
    return requeued, failed


def requeue_stale(now=None):
    """Give back to the queue the tasks whose lease has run out. Returns (requeued, failed)."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=settings.TASK_LEASE_SECONDS)
    with transaction.atomic():
        rows = list(
            DBTaskResult.objects.select_for_update(skip_locked=True).filter(
                status=TaskResultStatus.RUNNING, started_at__lt=limit
            )
        )
        requeued, failed = _give_back(rows, now)
    if requeued or failed:
        logger.warning("Tasks whose worker was lost: %s given back to the queue, %s failed", requeued, failed)
    return requeued, failed


def requeue_worker_tasks(worker_id, now=None):
    """Give back the tasks that worker `worker_id` was running (it lost them with its database connection)."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = [
            row
            for row in DBTaskResult.objects.select_for_update(skip_locked=True).filter(status=TaskResultStatus.RUNNING)
            if row.worker_ids and row.worker_ids[-1] == worker_id
        ]
        return _give_back(rows, now)


def oldest_ready_age(now=None):
    """Seconds the oldest task that is ready to run now has been waiting (0 when none waits). A deferred
    task (a retry) waits from its `run_after`, not from when it was queued."""
    now = now or timezone.now()
    ready = DBTaskResult.objects.ready()
    candidates = [
        ready.filter(run_after=get_date_max()).aggregate(oldest=Min("enqueued_at"))["oldest"],
        ready.exclude(run_after=get_date_max()).aggregate(oldest=Min("run_after"))["oldest"],
    ]
    candidates = [value for value in candidates if value is not None]
    return max(0.0, (now - min(candidates)).total_seconds()) if candidates else 0.0

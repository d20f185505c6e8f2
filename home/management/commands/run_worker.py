"""The task worker for production: django-tasks-db's worker, made to survive what stops it.

`manage.py db_worker` exits on a database outage of a second or more (the OperationalError is re-raised),
and a task whose worker is killed stays RUNNING for ever. This command runs the same worker, and:

- when the database is unreachable, waits and tries again (1, 2, 4… seconds, at most 30), logging one
  warning when the outage starts and one when it ends; the tasks it was running are given back to the queue;
- writes a task's outcome even if the database goes away just after the task ran (it waits for the database
  rather than losing the result, so a sent mail is not sent again);
- gives back to the queue the tasks of lost workers (`home.task_queue.requeue_stale`) when it starts and
  every minute.

A supervisor (systemd `Restart=always`, the Procfile's platform, compose's `restart:`) restarts it if it
dies all the same. A hung mail server cannot hold it: `EMAIL_TIMEOUT` bounds each send.
"""

import contextlib
import logging
import time

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.utils.crypto import get_random_string

from django_tasks_db.compat import TaskContext, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker

from home.task_queue import requeue_stale, requeue_worker_tasks

logger = logging.getLogger("home.worker")

DATABASE_ERRORS = (OperationalError, InterfaceError)
MAX_BACKOFF = 30
SWEEP_EVERY = 60
# How long the outcome of a task that ran is kept trying to be written while the database is away.
PERSIST_FOR = 300


def _reset_connections():
    for connection in connections.all():
        with contextlib.suppress(Exception):  # a dead connection may fail to close: dropped all the same
            connection.close()


class ResilientWorker(Worker):
    def run_task(self, db_task_result):
        try:
            self.running_task = True
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            try:
                if task.takes_context:
                    value = task.call(TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs)
                else:
                    value = task.call(*task_result.args, **task_result.kwargs)
            except DATABASE_ERRORS:
                # The database went away during the task: it did not really fail, it runs again later.
                raise
            except Exception as error:
                self._persist(db_task_result.set_failed, error)
            else:
                self._persist(db_task_result.set_successful, value)
            try:
                task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
            except Exception:
                logger.exception("task_finished handlers failed")
        finally:
            self.running_task = False
            self._run_tasks += 1

    @staticmethod
    def _persist(write, value):
        deadline = time.monotonic() + PERSIST_FOR
        delay = 0.5
        while True:
            try:
                return write(value)
            except DATABASE_ERRORS:
                if time.monotonic() > deadline:
                    raise
                _reset_connections()
                time.sleep(delay)
                delay = min(delay * 2, MAX_BACKOFF)


class Command(BaseCommand):
    help = "Travailleur de la file de tâches (e-mails, index) qui survit aux pannes de la base de données."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Secondes entre deux regards sur la file vide.")
        parser.add_argument("--queue-name", default="default")
        parser.add_argument("--backend", default="default", dest="backend_name")
        parser.add_argument("--worker-id", default=None)

    def handle(self, *args, interval, queue_name, backend_name, worker_id, verbosity, **options):
        tasks_logger = logging.getLogger("django_tasks_db")
        tasks_logger.setLevel(logging.DEBUG if verbosity > 1 else logging.WARNING)
        worker_id = worker_id or get_random_string(32)
        worker = ResilientWorker(
            queue_names=queue_name.split(","),
            interval=0,
            batch=True,  # one round at a time: the loop below sweeps and waits between rounds
            backend_name=backend_name,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        logger.warning("Task worker %s started", worker_id[:8])
        down_since = None
        backoff = 1
        last_sweep = 0.0
        while worker.running:
            try:
                close_old_connections()
                if down_since is not None or time.monotonic() - last_sweep > SWEEP_EVERY:
                    if down_since is not None:
                        requeue_worker_tasks(worker_id)
                    requeue_stale()
                    last_sweep = time.monotonic()
                if down_since is not None:
                    logger.warning(
                        "Database reachable again after %.0f s: the task worker goes on", time.monotonic() - down_since
                    )
                    down_since, backoff = None, 1
                worker.run()
            except DATABASE_ERRORS as error:
                if down_since is None:
                    down_since = time.monotonic()
                    logger.warning(
                        "Database unreachable (%s): the task worker waits and tries again", type(error).__name__
                    )
                _reset_connections()
                time.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)
                continue
            if worker.running:
                time.sleep(interval)

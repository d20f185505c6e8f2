"""Give back to the queue the tasks whose worker was lost (see home/task_queue.py); run it from cron or the
systemd timer in deploy/, every few minutes."""

from django.core.management.base import BaseCommand

from home.task_queue import requeue_stale


class Command(BaseCommand):
    help = "Remet dans la file les tâches dont le travailleur a disparu (RUNNING depuis plus que TASK_LEASE_SECONDS)."

    def handle(self, *args, **options):
        requeued, failed = requeue_stale()
        self.stdout.write(f"{requeued} tâche(s) remise(s) dans la file, {failed} marquée(s) en échec.")

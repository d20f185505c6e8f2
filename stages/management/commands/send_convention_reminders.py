"""Reminder to whoever has not signed a convention yet (run it once a day, see docs/stages.md); none once
the stage week has started."""

from django.core.management.base import BaseCommand

from stages.signatures import send_reminders


class Command(BaseCommand):
    help = "Relance les parties qui n'ont pas encore signé une convention de stage, jusqu'au début du stage."

    def handle(self, *args, **options):
        self.stdout.write(f"Relances mises en file d'envoi : {send_reminders()}.")

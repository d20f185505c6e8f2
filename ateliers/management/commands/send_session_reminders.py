"""Daily reminder of tomorrow's sessions (run it once a day, e.g. at 17:00, see docs/ateliers.md)."""

from django.core.management.base import BaseCommand

from ateliers.reminders import send_reminders


class Command(BaseCommand):
    help = "Envoie le rappel de la veille aux élèves qui ont une place aux séances de demain (une seule fois)."

    def handle(self, *args, **options):
        self.stdout.write(f"Rappels mis en file d'envoi : {send_reminders()}.")

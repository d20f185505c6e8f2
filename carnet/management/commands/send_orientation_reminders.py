"""Daily reminder of the orientation calendar's steps due within a week (run it once a day, see docs/carnet.md)."""

from django.core.management.base import BaseCommand

from carnet.reminders import send_reminders


class Command(BaseCommand):
    help = "Envoie aux élèves et à leurs parents le rappel des étapes de l'orientation de la semaine (une seule fois)."

    def handle(self, *args, **options):
        self.stdout.write(f"Rappels mis en file d'envoi : {send_reminders()}.")

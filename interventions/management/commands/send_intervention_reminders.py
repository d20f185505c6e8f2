"""Daily reminders of the workshop requests left waiting (run it once a day, see docs/ateliers.md)."""

from django.core.management.base import BaseCommand

from interventions.reminders import send_reminders


class Command(BaseCommand):
    help = "Relance l'intervenant, le professeur ou l'équipe quand une demande d'intervention attend leur réponse."

    def handle(self, *args, **options):
        self.stdout.write(f"Relances mises en file d'envoi : {send_reminders()}.")

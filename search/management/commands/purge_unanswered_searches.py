from django.conf import settings
from django.core.management.base import BaseCommand

from search.unanswered import purge


class Command(BaseCommand):
    help = (
        "Efface les recherches sans résultat et les comptes des recherches avec résultats plus anciens que "
        "SEARCH_UNANSWERED_MONTHS mois (à lancer chaque jour)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None, help="Durée de conservation en mois.")

    def handle(self, *args, months=None, **options):
        months = settings.SEARCH_UNANSWERED_MONTHS if months is None else months
        deleted = purge(months)
        self.stdout.write(f"Semaines de recherches effacées : {deleted} (conservation : {months} mois).")

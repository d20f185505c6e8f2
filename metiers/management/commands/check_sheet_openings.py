"""List the live sheets whose opening text may describe another job (`metiers.opening_check`)."""

from django.core.management.base import BaseCommand

from metiers.models import MetierPage
from metiers.opening_check import doubtful_sheets


class Command(BaseCommand):
    help = (
        "Vérifie le texte d'ouverture de chaque fiche métier : liste celles dont le texte nomme un autre métier "
        "que le titre (à relire par l'équipe ; rien n'est modifié)."
    )

    def handle(self, *args, **options):
        sheets = MetierPage.objects.live().filter(locale__language_code="fr").order_by("title")
        total = sheets.count()
        doubtful = doubtful_sheets(sheets)
        for result in doubtful:
            self.stdout.write(f"{result.sheet.title} (id {result.sheet.pk}) : le texte parle de « {result.named_job} »")
        self.stdout.write(f"{len(doubtful)} fiche(s) à relire sur {total}.")

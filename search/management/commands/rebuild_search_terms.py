from django.core.management.base import BaseCommand

from search import terms
from search.models import SearchTerm


class Command(BaseCommand):
    help = "Reconstruit le dictionnaire de la recherche (intitulés, autres noms, mots courants des fiches métiers)."

    def handle(self, *args, **options):
        terms.rebuild(force=True)
        self.stdout.write(f"Dictionnaire de recherche : {SearchTerm.objects.count()} termes.")

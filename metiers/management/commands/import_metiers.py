"""Import or refresh the métier sheets from the ROME 4.0 and Onisep files (see `metiers.importer`)."""

from django.core.management.base import BaseCommand, CommandError

from home.caching import after_bulk_load
from metiers.importer import CatalogueError, CatalogueImporter, data_dir
from metiers.models import MetiersIndexPage


class Command(BaseCommand):
    help = (
        "Importe les fiches métiers (ROME 4.0 et Onisep) sous la page index des métiers. "
        "Relancer la commande met à jour les données importées sans toucher aux champs modifiés par l'équipe."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data",
            default=str(data_dir()),
            help="Dossier des fichiers de données (par défaut : %(default)s).",
        )
        parser.add_argument("--skip-index", action="store_true", help="Ne met pas à jour l'index de recherche.")

    def handle(self, *args, data, skip_index=False, **options):
        index_page = MetiersIndexPage.objects.order_by("path").first()
        if index_page is None:
            raise CommandError(
                "Aucune page index des métiers : créez-la d'abord dans l'administration, sous l'accueil."
            )
        try:
            report = CatalogueImporter(index_page, data, update_search_index=not skip_index).run()
        except CatalogueError as error:
            raise CommandError(f"Import refusé, rien n'a été modifié. {error}") from error
        after_bulk_load()  # planner statistics on PostgreSQL, cached pages forgotten
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Import des fiches métiers terminé."))

"""Yearly anonymisation of pupils whose school year has ended (run it each September, see docs/accounts.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts import rights


class Command(BaseCommand):
    help = (
        "Anonymise les élèves dont l'année scolaire est finie depuis plus de N mois (12 par défaut), "
        "les comptes de parents restés sans enfant, et supprime les codes d'activation inutilisables."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=getattr(settings, "ANONYMISE_PUPILS_AFTER_MONTHS", 12),
            help="Mois écoulés depuis la fin de l'année scolaire (12 par défaut).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Compte sans rien modifier.")

    def handle(self, *args, months, dry_run, **options):
        counts = rights.anonymise_old_pupils(months, dry_run=dry_run)
        prefix = "À anonymiser" if dry_run else "Anonymisés"
        self.stdout.write(
            f"{prefix} : {counts['pupils']} élève(s), {counts['parents']} parent(s) ; "
            f"codes supprimés : {counts['codes']}."
        )

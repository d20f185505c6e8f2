"""Reading and checking the data folder: every file is read and checked before the database is touched."""

import csv
import json
import re
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_DATA_DIR = Path(settings.BASE_DIR) / "data" / "metiers"
ROME_CODE = re.compile(r"^[A-N]\d{4}$")

# Columns each file must have: a file without them is refused before anything is written.
CSV_FILES = {
    "fiches": (
        "rome_fiches_metiers.csv",
        {
            "code_rome",
            "libelle_rome",
            "code_rome_parent",
            "fiche_historique",
            "code_grand_domaine",
            "code_domaine_professionnel",
            "riasec_majeur",
            "riasec_mineur",
            "definition",
            "acces_metier",
        },
    ),
    "appellations": (
        "rome_appellations.csv",
        {
            "code_ogr",
            "code_rome",
            "libelle_appellation_long",
            "libelle_appellation_court",
            "classification",
            "peu_usite",
        },
    ),
    "grands_domaines": ("rome_grands_domaines.csv", {"code_grand_domaine", "libelle_grand_domaine"}),
    "domaines": (
        "rome_domaines_professionnels.csv",
        {"code_domaine_professionnel", "libelle_domaine_professionnel", "code_grand_domaine"},
    ),
    "centres": (
        "rome_centres_interet.csv",
        {"code_centre_interet", "libelle_centre_interet", "definition_centre_interet"},
    ),
    "fiches_centres": ("rome_fiches_centres_interet.csv", {"code_centre_interet", "code_rome"}),
    "secteurs": (
        "rome_secteurs_activite.csv",
        {"code_secteur", "libelle_secteur", "definition_secteur", "code_secteur_parent"},
    ),
    "fiches_secteurs": ("rome_fiches_secteurs_activite.csv", {"code_secteur", "code_rome"}),
    "contextes": (
        "rome_contextes_travail.csv",
        {"code_ogr", "libelle_cont_travail", "libelle_type_cont_trav"},
    ),
    "fiches_contextes": ("rome_fiches_contextes_travail.csv", {"code_rome", "code_ogr"}),
    "competences": ("rome_competences.csv", {"code_ogr", "type", "libelle"}),
    "fiches_competences": ("rome_fiches_competences_cles.csv", {"code_rome", "code_ogr", "coeur_metier"}),
    "mobilites": ("rome_mobilites.csv", {"code_rome", "code_rome_cible", "numero_ordre"}),
}
ONISEP_FILE = "onisep_fiches_metiers.json"
ONISEP_KEYS = {
    "identifiant",
    "libelle_feminin",
    "libelle_masculin",
    "url_onisep",
    "synonymes",
    "codes_rome",
    "niveau_acces_min",
    "formations_min_requise",
    "centres_interet",
    "accroche_metier",
    "nature_travail",
    "competences",
    "acces_metier",
}


class CatalogueError(Exception):
    """The data folder cannot be imported: a file is missing or malformed. Nothing was changed."""


def read_csv(folder, name, columns):
    """The rows of one CSV file as dicts; refuses a missing file, column or field, or a non-UTF-8 file."""
    path = Path(folder) / name
    if not path.is_file():
        raise CatalogueError(_("Fichier manquant : %(path)s") % {"path": path})
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, strict=True)
            missing = columns - set(reader.fieldnames or [])
            if missing:
                raise CatalogueError(
                    _("%(path)s : colonnes manquantes (%(columns)s).")
                    % {"path": path, "columns": ", ".join(sorted(missing))}
                )
            rows = []
            for number, row in enumerate(reader, start=1):
                if None in row or None in row.values():
                    raise CatalogueError(
                        _("%(path)s, enregistrement %(number)d : nombre de colonnes incorrect.")
                        % {"path": path, "number": number}
                    )
                rows.append(row)
    except UnicodeDecodeError as error:
        raise CatalogueError(
            _("%(path)s n'est pas un fichier UTF-8 (%(error)s).") % {"path": path, "error": error}
        ) from error
    except csv.Error as error:
        raise CatalogueError(_("%(path)s : CSV mal formé (%(error)s).") % {"path": path, "error": error}) from error
    return rows


def read_onisep(folder):
    """The Onisep métiers (a JSON list of objects), each checked for the keys the import reads."""
    path = Path(folder) / ONISEP_FILE
    if not path.is_file():
        raise CatalogueError(_("Fichier manquant : %(path)s") % {"path": path})
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CatalogueError(_("%(path)s : JSON mal formé (%(error)s).") % {"path": path, "error": error}) from error
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise CatalogueError(_("%(path)s : une liste de métiers est attendue.") % {"path": path})
    for number, item in enumerate(data, start=1):
        missing = ONISEP_KEYS - set(item)
        if missing:
            raise CatalogueError(
                _("%(path)s, métier %(number)d : clés manquantes (%(keys)s).")
                % {"path": path, "number": number, "keys": ", ".join(sorted(missing))}
            )
    return data


def load_catalogue(folder):
    """Read and check every file. Raises CatalogueError before the database is touched."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CatalogueError(_("Dossier de données introuvable : %(path)s") % {"path": folder})
    data = {key: read_csv(folder, name, columns) for key, (name, columns) in CSV_FILES.items()}
    data["onisep"] = read_onisep(folder)
    for number, row in enumerate(data["fiches"], start=1):
        if not ROME_CODE.match(row["code_rome"]) or not ROME_CODE.match(row["code_rome_parent"]):
            raise CatalogueError(
                _("%(file)s, enregistrement %(number)d : code ROME invalide « %(code)s ».")
                % {"file": CSV_FILES["fiches"][0], "number": number, "code": row["code_rome"]}
            )
    if not any(row["fiche_historique"] == "O" for row in data["fiches"]):
        raise CatalogueError(_("%(file)s : aucune fiche historique.") % {"file": CSV_FILES["fiches"][0]})
    for number, row in enumerate(data["appellations"], start=1):
        if not row["code_ogr"].isdigit():
            raise CatalogueError(
                _("%(file)s, enregistrement %(number)d : code OGR invalide « %(code)s ».")
                % {"file": CSV_FILES["appellations"][0], "number": number, "code": row["code_ogr"]}
            )
    return data

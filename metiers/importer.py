"""Import the ROME 4.0 (France Travail) and Onisep catalogue into métier sheets.

What becomes what
-----------------
* One sheet (`MetierPage`) per **historic ROME fiche** (`fiche_historique = O`: 532 sheets).
* The **finer ROME 4.0 fiches** (1052) are not pages: each becomes part of its historic sheet. Its title
  and all its appellations are attached to the sheet as `Appellation` rows and listed in the sheet's
  alternative names; its centres d'intérêt and sectors are added to the sheet's. Why: a pupil of 13
  looks for « boulanger », not for « chef boulanger » as a separate, text-less page next to it; the finer
  fiches carry no Onisep text; their titles still lead to the right sheet through search, and the sheet
  lists them as « spécialités ».
* **Every ROME appellation** (13 120) is attached to the sheet of its fiche's historic code.
* **Onisep métiers** are matched by ROME code (their `codes_rome` are ROME V3 codes, i.e. historic codes).
  When several métiers point to one sheet, the one whose title is closest to the ROME title (and that
  points to that sheet only, if any) provides the texts (hook, work, qualities, access, level,
  formations); every matched métier adds its names, synonyms and centres d'intérêt and a link to
  onisep.fr. Malformed codes (the source has `A15` on `MET.323`) are skipped with a warning.

Idempotence and staff edits
---------------------------
Sheets are found by ROME code, appellations by OGR code, domains and sectors by code, centres d'intérêt
by their France Travail or Onisep code. Imported fields are ordinary fields that staff may edit in the
admin. For each sheet, `import_snapshot` keeps the value the import last wrote in each field; on the next
run a field is updated only if its current value still equals that snapshot. A field whose value differs
was edited by staff: it is left alone and reported as kept. A sheet that exists without a snapshot
(created by staff) keeps every non-empty field. Snippet names follow the same rule (`source_name`).
Skills, work contexts, appellations and Onisep links are owned by the import (they are not in the edit
form) and always follow the data. Sheets that disappear from the data are reported, never deleted.

Speed
-----
Pages are created with bulk inserts straight into the tree (paths computed as treebeard would), without a
revision per page: a page with no revision is edited and published normally in the admin. Updates use
`bulk_update`. The whole run is one transaction: a missing or malformed file stops it before any change.
"""

import csv
import difflib
import html
import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .models import (
    AccessLevel,
    Appellation,
    CentreInteret,
    DomaineProfessionnel,
    GrandDomaine,
    MetierPage,
    MetierPageCentreInteret,
    MetierRelation,
    Secteur,
)

DEFAULT_DATA_DIR = Path(settings.BASE_DIR) / "data" / "metiers"
ROME_CODE = re.compile(r"^[A-N]\d{4}$")
HOOK_MAX_LENGTH = 600

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

# Onisep's « niveau d'accès minimum » on the national scale of `AccessLevel`.
ONISEP_LEVELS = {
    "sans diplôme": AccessLevel.NONE,
    "3e": AccessLevel.NONE,
    "diplôme national du brevet": AccessLevel.NONE,
    "cap ou équivalent": AccessLevel.CAP,
    "cap ou équivalent + 1 an": AccessLevel.CAP,
    "bac ou équivalent": AccessLevel.BAC,
    "bac + 1": AccessLevel.BAC_2,
    "bac + 2": AccessLevel.BAC_2,
    "bac + 3": AccessLevel.BAC_3,
    "bac + 4": AccessLevel.BAC_3,
    "bac + 5": AccessLevel.BAC_5,
    "bac + 6": AccessLevel.BAC_5,
    "bac + 7": AccessLevel.BAC_5,
    "bac + 8": AccessLevel.BAC_8,
    "bac + 9 et plus": AccessLevel.BAC_8,
}
CONTEXT_TYPE_ORDER = [
    "Horaires et durée du travail",
    "Lieux et déplacements",
    "Conditions de travail et risques professionnels",
    "Types de structures",
    "Publics spécifiques",
    "Statut d'emploi",
]
SKILL_KIND_ORDER = {"savoir_faire": 0, "savoir": 1, "savoir_etre": 2}

# Fields the import fills and staff may edit; compared with `import_snapshot` before each update.
SCALAR_FIELDS = [
    "title",
    "title_masculine",
    "title_feminine",
    "alternative_names",
    "introduction",
    "tasks",
    "work_description",
    "qualities",
    "access_level",
    "access_summary",
    "access_details",
    "formations",
    "riasec_major",
    "riasec_minor",
    "grand_domaine_id",
    "domaine_professionnel_id",
]
RELATION_FIELDS = ["sectors", "centres_interet", "related"]
# Fields owned by the import: always set from the data.
IMPORT_ONLY_FIELDS = ["skills", "work_contexts", "onisep_links"]


class CatalogueError(Exception):
    """The data folder cannot be imported: a file is missing or malformed. Nothing was changed."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_fields: list = field(default_factory=list)  # (ROME code, field) left as staff edited them
    not_in_data: list = field(default_factory=list)  # sheets whose code the data no longer has
    appellations: dict = field(default_factory=lambda: {"created": 0, "updated": 0, "deleted": 0})
    snippets: dict = field(default_factory=dict)  # verbose name -> {"created", "updated", "kept"}
    onisep_matched: int = 0
    warnings: list = field(default_factory=list)
    seconds: float = 0.0

    def lines(self):
        """The report, in French, one line at a time (used by the command and the demo)."""
        yield _("Fiches : %(created)d créées, %(updated)d mises à jour, %(unchanged)d inchangées.") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        yield _("Appellations : %(created)d créées, %(updated)d mises à jour, %(deleted)d supprimées.") % (
            self.appellations
        )
        for name, counts in self.snippets.items():
            yield _(
                "%(name)s : %(created)d créés, %(updated)d mis à jour, %(kept)d renommés par l'équipe et gardés."
            ) % {
                "name": name,
                **counts,
            }
        yield _("Métiers Onisep rattachés à une fiche : %(count)d.") % {"count": self.onisep_matched}
        if self.kept_fields:
            yield _("Champs modifiés par l'équipe, gardés tels quels : %(count)d (%(sample)s).") % {
                "count": len(self.kept_fields),
                "sample": ", ".join(f"{code}.{name}" for code, name in self.kept_fields[:10]),
            }
        if self.not_in_data:
            yield _("Fiches absentes des données, laissées en place : %(codes)s.") % {
                "codes": ", ".join(self.not_in_data[:20])
            }
        for warning in self.warnings[:20]:
            yield _("Attention : %(warning)s") % {"warning": warning}
        if len(self.warnings) > 20:
            yield _("… et %(count)d autres avertissements.") % {"count": len(self.warnings) - 20}
        yield _("Durée : %(seconds).1f s.") % {"seconds": self.seconds}


# Reading and checking the files ---------------------------------------------------------------------
def read_csv(folder, name, columns):
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


# Text helpers ----------------------------------------------------------------------------------------
def plain_text(fragment):
    return re.sub(r"\s+", " ", html.unescape(strip_tags(fragment or ""))).strip()


def truncate_words(text, limit):
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def onisep_html(fragment):
    """Onisep HTML, with its h3–h5 headings as h3: on a sheet they sit under the section's h2."""
    fragment = (fragment or "").strip()
    return re.sub(r"<(/?)h[3-6]>", r"<\1h3>", fragment)


def lines_as_list(text):
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return ""
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def capitalise(text):
    text = (text or "").strip()
    return text[:1].upper() + text[1:]


def split_genders(title):
    """« Conducteur / Conductrice d'engins agricoles » -> masculine and feminine titles."""
    if " / " not in title:
        return title, title
    left, right = title.split(" / ", 1)
    right_words = right.split(" ")
    tail = right_words[len(left.split(" ")) :]
    return " ".join([left, *tail]), right


# The import -----------------------------------------------------------------------------------------
class CatalogueImporter:
    """Builds the sheets under `index_page` from the files in `folder`. See the module docstring."""

    def __init__(self, index_page, folder=None, update_search_index=True):
        self.index_page = index_page
        self.folder = Path(folder or DEFAULT_DATA_DIR)
        self.update_search_index = update_search_index
        self.report = ImportReport()
        self.touched = []  # ids of the sheets created or updated, to index for search

    def run(self):
        started = time.perf_counter()
        data = load_catalogue(self.folder)
        with transaction.atomic():
            self.sync_classifications(data)
            records = self.build_records(data)
            pages = self.sync_pages(records)
            self.sync_appellations(data, pages)
        if self.update_search_index:
            self.reindex()
        self.report.seconds = time.perf_counter() - started
        return self.report

    # Classifications (snippets) --------------------------------------------------------------------
    def _sync_named(self, model, incoming, extra_fields=()):
        """Create or update snippets by code. `incoming` maps code -> dict of field values.

        The name follows the data unless staff renamed the snippet; other fields follow the data.
        Returns the snippets by code and the counts of created, updated and kept (renamed) ones."""
        existing = {obj.code: obj for obj in model.objects.all()}
        created, updated, kept = [], [], 0
        for code, values in incoming.items():
            obj = existing.get(code)
            if obj is None:
                created.append(model(code=code, source_name=values["name"], **values))
                continue
            changed = False
            if obj.renamed_by_staff or (not obj.source_name and obj.name != values["name"]):
                kept += 1
            elif obj.name != values["name"] or obj.source_name != values["name"]:
                obj.name = obj.source_name = values["name"]
                changed = True
            for name in extra_fields:
                if getattr(obj, name) != values[name]:
                    setattr(obj, name, values[name])
                    changed = True
            if changed:
                updated.append(obj)
        model.objects.bulk_create(created)
        if updated:
            model.objects.bulk_update(updated, ["name", "source_name", *extra_fields])
        counts = {"created": len(created), "updated": len(updated), "kept": kept}
        return {obj.code: obj for obj in model.objects.all()}, counts

    def _count(self, model, counts):
        key = str(model._meta.verbose_name_plural).capitalize()
        previous = self.report.snippets.get(key, {"created": 0, "updated": 0, "kept": 0})
        self.report.snippets[key] = {
            "created": previous["created"] + counts["created"],
            "updated": previous["updated"] + counts["updated"],
            "kept": max(previous["kept"], counts["kept"]),
        }

    def sync_classifications(self, data):
        self.grands_domaines, counts = self._sync_named(
            GrandDomaine,
            {row["code_grand_domaine"]: {"name": row["libelle_grand_domaine"]} for row in data["grands_domaines"]},
        )
        self._count(GrandDomaine, counts)
        self.domaines, counts = self._sync_named(
            DomaineProfessionnel,
            {
                row["code_domaine_professionnel"]: {
                    "name": row["libelle_domaine_professionnel"],
                    "grand_domaine_id": self.grands_domaines[row["code_grand_domaine"]].pk,
                }
                for row in data["domaines"]
                if row["code_grand_domaine"] in self.grands_domaines
            },
            extra_fields=["grand_domaine_id"],
        )
        self._count(DomaineProfessionnel, counts)
        # Sectors in two passes: top-level ones first, so that sub-sectors can point to them.
        top = {
            row["code_secteur"]: self._sector_values(row, {})
            for row in data["secteurs"]
            if not row["code_secteur_parent"]
        }
        known, counts = self._sync_named(Secteur, top, extra_fields=["description", "parent_id"])
        self._count(Secteur, counts)
        subs = {
            row["code_secteur"]: self._sector_values(row, known)
            for row in data["secteurs"]
            if row["code_secteur_parent"] in known
        }
        self.secteurs, counts = self._sync_named(Secteur, {**top, **subs}, extra_fields=["description", "parent_id"])
        self._count(Secteur, counts)
        self.sync_interests(data)

    @staticmethod
    def _sector_values(row, known):
        parent = known.get(row["code_secteur_parent"])
        return {
            "name": row["libelle_secteur"],
            "description": row["definition_secteur"].strip(),
            "parent_id": parent.pk if parent else None,
        }

    def sync_interests(self, data):
        """France Travail's and Onisep's centres d'intérêt, merged where their wording is the same."""
        existing = list(CentreInteret.objects.all())
        by_rome = {tag.rome_code: tag for tag in existing if tag.rome_code}
        by_onisep = {tag.onisep_id: tag for tag in existing if tag.onisep_id}
        by_name = {tag.name.casefold(): tag for tag in existing}
        slugs = {tag.slug for tag in existing}
        created, updated, kept = [], {}, 0  # updated: id(tag) -> tag (unsaved tags are not hashable)

        def upsert(name, description, rome_code="", onisep_id=""):
            nonlocal kept
            tag = by_rome.get(rome_code) if rome_code else by_onisep.get(onisep_id)
            tag = tag or by_name.get(name.casefold())
            before = (tag.name, tag.source_name, tag.rome_code, tag.onisep_id, tag.description) if tag else None
            if tag is None:
                tag = CentreInteret(name=name, source_name=name, description=description)
                tag.slug = self._unique_slug(tag.slugify(name), slugs)
                created.append(tag)
            elif tag.renamed_by_staff:
                kept += 1
            elif rome_code or not tag.rome_code:
                # France Travail's wording wins over Onisep's for a tag both share.
                tag.name = tag.source_name = name
            by_name[name.casefold()] = tag
            if rome_code:
                tag.rome_code = rome_code
                by_rome[rome_code] = tag
            if onisep_id:
                tag.onisep_id = onisep_id
                by_onisep[onisep_id] = tag
            if description and not tag.description:
                tag.description = description
            if (
                before
                and tag.pk
                and before != (tag.name, tag.source_name, tag.rome_code, tag.onisep_id, tag.description)
            ):
                updated[id(tag)] = tag

        for row in data["centres"]:
            upsert(
                row["libelle_centre_interet"],
                row["definition_centre_interet"].strip(),
                rome_code=row["code_centre_interet"],
            )
        onisep_interests = {}
        for metier in data["onisep"]:
            for item in metier["centres_interet"] or []:
                if isinstance(item, dict) and item.get("id") and item.get("libelle"):
                    onisep_interests[item["id"]] = capitalise(item["libelle"])
        for onisep_id, name in sorted(onisep_interests.items()):
            upsert(name, "", onisep_id=onisep_id)

        CentreInteret.objects.bulk_create(created)
        updated = list(updated.values())
        if updated:
            CentreInteret.objects.bulk_update(updated, ["name", "source_name", "rome_code", "onisep_id", "description"])
        self._count(CentreInteret, {"created": len(created), "updated": len(updated), "kept": kept})
        tags = list(CentreInteret.objects.all())
        self.interests_by_rome = {tag.rome_code: tag.pk for tag in tags if tag.rome_code}
        self.interests_by_onisep = {tag.onisep_id: tag.pk for tag in tags if tag.onisep_id}

    @staticmethod
    def _unique_slug(slug, taken, suffix=""):
        slug = slug or "fiche"
        candidates = [slug, f"{slug}-{suffix}"] if suffix else [slug]
        candidate = next((c for c in candidates if c not in taken), None)
        number = 2
        while candidate is None or candidate in taken:
            candidate, number = f"{slug}-{number}", number + 1
        taken.add(candidate)
        return candidate

    # What each sheet should hold ---------------------------------------------------------------------
    def match_onisep(self, data, historic):
        matches = defaultdict(list)
        for metier in data["onisep"]:
            codes = metier["codes_rome"] if isinstance(metier["codes_rome"], list) else []
            for code in codes:
                if not isinstance(code, str) or not ROME_CODE.match(code):
                    self.report.warnings.append(
                        _("code ROME mal formé « %(code)s » sur le métier Onisep %(id)s, ignoré.")
                        % {"code": code, "id": metier["identifiant"]}
                    )
                elif code not in historic:
                    self.report.warnings.append(
                        _("code ROME inconnu « %(code)s » sur le métier Onisep %(id)s, ignoré.")
                        % {"code": code, "id": metier["identifiant"]}
                    )
                else:
                    matches[code].append(metier)
        self.report.onisep_matched = len({m["identifiant"] for metiers in matches.values() for m in metiers})
        return matches

    @staticmethod
    def primary_onisep(metiers, masculine):
        """The Onisep métier whose texts the sheet shows: the closest title, dedicated métiers first."""

        def score(metier):
            similarity = difflib.SequenceMatcher(
                None, (metier.get("libelle_masculin") or "").casefold(), masculine.casefold()
            ).ratio()
            return (len(metier["codes_rome"]) == 1, similarity)

        return max(metiers, key=score) if metiers else None

    def build_records(self, data):
        fiches = {row["code_rome"]: row for row in data["fiches"]}
        historic = {code: row for code, row in fiches.items() if row["fiche_historique"] == "O"}
        group_of = {
            code: row["code_rome_parent"] for code, row in fiches.items() if row["code_rome_parent"] in historic
        }
        onisep = self.match_onisep(data, historic)

        appellations = defaultdict(list)
        for row in data["appellations"]:
            if row["code_rome"] in group_of:
                appellations[group_of[row["code_rome"]]].append(row)
        sectors, interests = defaultdict(set), defaultdict(set)
        sector_code_by_pk = {sector.pk: code for code, sector in self.secteurs.items()}
        for row in data["fiches_secteurs"]:
            sector = self.secteurs.get(row["code_secteur"])
            if row["code_rome"] in group_of and sector is not None:
                sectors[group_of[row["code_rome"]]].add(sector.code)
                if sector.parent_id in sector_code_by_pk:
                    sectors[group_of[row["code_rome"]]].add(sector_code_by_pk[sector.parent_id])
        for row in data["fiches_centres"]:
            tag = self.interests_by_rome.get(row["code_centre_interet"])
            if row["code_rome"] in group_of and tag:
                interests[group_of[row["code_rome"]]].add(tag)
        competences = {row["code_ogr"]: row for row in data["competences"]}
        skills = defaultdict(list)
        for row in data["fiches_competences"]:
            item = competences.get(row["code_ogr"])
            if row["code_rome"] in historic and item:
                skills[row["code_rome"]].append(
                    {"label": item["libelle"], "kind": item["type"], "core": row["coeur_metier"] == "Principale"}
                )
        contexts = {row["code_ogr"]: row for row in data["contextes"]}
        work_contexts = defaultdict(lambda: defaultdict(list))
        for row in data["fiches_contextes"]:
            item = contexts.get(row["code_ogr"])
            if row["code_rome"] in historic and item:
                work_contexts[row["code_rome"]][item["libelle_type_cont_trav"]].append(item["libelle_cont_travail"])
        mobilities = defaultdict(list)
        for row in data["mobilites"]:
            target = group_of.get(row["code_rome_cible"])
            if row["code_rome"] in historic and target and target != row["code_rome"]:
                order = int(row["numero_ordre"]) if row["numero_ordre"].isdigit() else 999
                mobilities[row["code_rome"]].append((order, target))

        records = {}
        for code, row in historic.items():
            masculine, feminine = split_genders(row["libelle_rome"])
            metiers = onisep[code]
            primary = self.primary_onisep(metiers, masculine)
            names = []
            for item in sorted(
                appellations[code], key=lambda r: (r["code_rome"] != code, r["libelle_appellation_long"])
            ):
                names += [item["libelle_appellation_long"], item["libelle_appellation_court"]]
            for metier in metiers:
                names += [
                    metier.get("libelle_masculin"),
                    metier.get("libelle_feminin"),
                    *(metier.get("synonymes") or []),
                ]
            seen = {row["libelle_rome"].casefold(), masculine.casefold(), feminine.casefold()}
            alternative = []
            for name in names:
                name = capitalise(name)
                if name and name.casefold() not in seen:
                    seen.add(name.casefold())
                    alternative.append(name)
            level = None
            if primary and isinstance(primary.get("niveau_acces_min"), dict):
                level = ONISEP_LEVELS.get((primary["niveau_acces_min"].get("libelle") or "").strip().casefold())
            interest_ids = set(interests[code])
            for metier in metiers:
                for item in metier["centres_interet"] or []:
                    if isinstance(item, dict) and item.get("id") in self.interests_by_onisep:
                        interest_ids.add(self.interests_by_onisep[item["id"]])
            definition_lines = [line for line in row["definition"].splitlines() if line.strip()]
            hook = plain_text(primary["accroche_metier"]) if primary else ""
            hook = truncate_words(hook or (definition_lines[0] if definition_lines else ""), HOOK_MAX_LENGTH)
            grand_domaine = self.grands_domaines.get(row["code_grand_domaine"])
            domaine = self.domaines.get(row["code_domaine_professionnel"])
            related = []
            for _order, target in sorted(mobilities[code]):
                if target not in related:
                    related.append(target)
            records[code] = {
                "title": row["libelle_rome"].strip()[:255],
                "title_masculine": masculine[:255],
                "title_feminine": feminine[:255],
                "alternative_names": "\n".join(alternative),
                "introduction": hook,
                "tasks": lines_as_list(row["definition"]),
                "work_description": onisep_html(primary["nature_travail"]) if primary else "",
                "qualities": onisep_html(primary["competences"]) if primary else "",
                "access_level": int(level) if level else None,
                "access_summary": "\n".join(line.strip() for line in row["acces_metier"].splitlines() if line.strip()),
                "access_details": onisep_html(primary["acces_metier"]) if primary else "",
                "formations": "\n".join(
                    item["libelle"]
                    for item in (primary.get("formations_min_requise") or [] if primary else [])
                    if isinstance(item, dict) and item.get("libelle")
                ),
                "riasec_major": row["riasec_majeur"] if row["riasec_majeur"] in "RIASEC" else "",
                "riasec_minor": row["riasec_mineur"] if row["riasec_mineur"] in "RIASEC" else "",
                "grand_domaine_id": grand_domaine.pk if grand_domaine else None,
                "domaine_professionnel_id": domaine.pk if domaine else None,
                "sectors": sorted(sectors[code]),
                "centres_interet": sorted(interest_ids),
                "related": related,
                "skills": sorted(
                    skills[code], key=lambda s: (not s["core"], SKILL_KIND_ORDER.get(s["kind"], 9), s["label"])
                ),
                "work_contexts": [
                    {"type": kind, "items": sorted(work_contexts[code][kind])}
                    for kind in sorted(
                        work_contexts[code],
                        key=lambda k: CONTEXT_TYPE_ORDER.index(k) if k in CONTEXT_TYPE_ORDER else 99,
                    )
                ],
                "onisep_links": [
                    {
                        "id": m["identifiant"],
                        "name": capitalise(m.get("libelle_masculin")),
                        "url": m.get("url_onisep") or "",
                    }
                    for m in sorted(metiers, key=lambda m: m is not primary)
                ],
            }
        return records

    # Pages ---------------------------------------------------------------------------------------
    def current_relations(self):
        """Sectors (codes), centres d'intérêt (tag ids) and related sheets (codes) of every sheet."""
        current = defaultdict(lambda: {"sectors": [], "centres_interet": [], "related": []})
        through = MetierPage.sectors.through
        for page_id, code in through.objects.values_list("metierpage_id", "secteur__code"):
            current[page_id]["sectors"].append(code)
        for page_id, tag_id in MetierPageCentreInteret.objects.values_list("content_object_id", "tag_id"):
            current[page_id]["centres_interet"].append(tag_id)
        for page_id, code in MetierRelation.objects.order_by("page_id", "sort_order", "pk").values_list(
            "page_id", "target__rome_code"
        ):
            current[page_id]["related"].append(code)
        for values in current.values():
            values["sectors"].sort()
            values["centres_interet"].sort()
        return current

    def sync_pages(self, records):
        existing = {page.rome_code: page for page in MetierPage.objects.all()}
        relations = self.current_relations()
        now = timezone.now()
        to_create, to_update, update_fields = [], [], set()
        relation_changes = {name: {} for name in RELATION_FIELDS}

        for code, record in records.items():
            page = existing.get(code)
            if page is None:
                to_create.append((code, record))
                continue
            snapshot = dict(page.import_snapshot or {})
            changed = False
            for name in SCALAR_FIELDS + RELATION_FIELDS:
                new = record[name]
                current = relations[page.pk][name] if name in RELATION_FIELDS else getattr(page, name)
                if self._edited_by_staff(name, current, new, snapshot):
                    self.report.kept_fields.append((code, name))
                    continue
                snapshot[name] = new
                if current != new:
                    changed = True
                    if name in RELATION_FIELDS:
                        relation_changes[name][page.pk] = new
                    else:
                        setattr(page, name, new)
                        update_fields.add(name)
                        if name == "title":
                            page.draft_title = new
                            update_fields.add("draft_title")
            for name in IMPORT_ONLY_FIELDS:
                if getattr(page, name) != record[name]:
                    setattr(page, name, record[name])
                    update_fields.add(name)
                    changed = True
            if snapshot != page.import_snapshot:
                page.import_snapshot = snapshot
                changed = True
            if changed:
                page.imported_at = now
                to_update.append(page)
                self.touched.append(page.pk)
            else:
                self.report.unchanged += 1

        if to_update:
            MetierPage.objects.bulk_update(
                to_update, sorted(update_fields | {"import_snapshot", "imported_at"}), batch_size=100
            )
        self.report.updated = len(to_update)
        self.report.not_in_data = sorted(
            code for code, page in existing.items() if code not in records and page.import_snapshot
        )

        created = self.create_pages(to_create, now)
        self.report.created = len(created)
        self.touched += [page.pk for page in created]
        pages = {**existing, **{page.rome_code: page for page in created}}
        pk_by_code = {code: page.pk for code, page in pages.items()}
        for page in created:
            record = records[page.rome_code]
            for name in RELATION_FIELDS:
                relation_changes[name][page.pk] = record[name]
        self.write_relations(relation_changes, pk_by_code)
        return pages

    @staticmethod
    def _edited_by_staff(name, current, new, snapshot):
        """True when the current value is not what the import last wrote (or, never imported, is set)."""
        if name in snapshot:
            return current != snapshot[name]
        return current not in (None, "", []) and current != new

    def create_pages(self, items, now):
        """Insert new sheets under the index page in bulk, computing their tree paths as treebeard does."""
        if not items:
            return []
        index = Page.objects.get(pk=self.index_page.pk)  # fresh path and numchild
        content_type = ContentType.objects.get_for_model(MetierPage)
        last_path = (
            Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        position = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
        taken = set(
            Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).values_list("slug", flat=True)
        )
        pages = []
        for code, record in items:
            position += 1
            slug = self._unique_slug(slugify(record["title_masculine"])[:80], taken, suffix=code.lower())
            values = {name: record[name] for name in SCALAR_FIELDS + IMPORT_ONLY_FIELDS}
            snapshot = {name: record[name] for name in SCALAR_FIELDS + RELATION_FIELDS}
            pages.append(
                MetierPage(
                    rome_code=code,
                    slug=slug,
                    draft_title=record["title"],
                    content_type=content_type,
                    path=Page._get_path(index.path, index.depth + 1, position),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    locale_id=index.locale_id,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    import_snapshot=snapshot,
                    imported_at=now,
                    **values,
                )
            )
        # Django refuses bulk_create on a multi-table child model: insert the wagtailcore_page rows
        # first, then the metiers_metierpage rows pointing to them.
        Page.objects.bulk_create(pages, batch_size=200)
        for page in pages:
            page.page_ptr_id = page.id
        using = router.db_for_write(MetierPage)
        fields = MetierPage._meta.local_concrete_fields
        batch = max(1, connections[using].ops.bulk_batch_size(fields, pages))
        for start in range(0, len(pages), batch):
            MetierPage._base_manager.using(using)._insert(pages[start : start + batch], fields=fields, using=using)
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
        # As treebeard's add_child does: the caller's index object must not keep a stale child count,
        # or saving it later (publishing the index) would make its sheets unreachable.
        self.index_page.numchild = Page.objects.values_list("numchild", flat=True).get(pk=index.pk)
        return pages

    def write_relations(self, changes, pk_by_code):
        through = MetierPage.sectors.through
        sector_pk = {code: obj.pk for code, obj in self.secteurs.items()}
        if changes["sectors"]:
            through.objects.filter(metierpage_id__in=list(changes["sectors"])).delete()
            through.objects.bulk_create(
                [
                    through(metierpage_id=page_id, secteur_id=sector_pk[code])
                    for page_id, codes in changes["sectors"].items()
                    for code in codes
                    if code in sector_pk
                ],
                batch_size=500,
            )
        if changes["centres_interet"]:
            MetierPageCentreInteret.objects.filter(content_object_id__in=list(changes["centres_interet"])).delete()
            MetierPageCentreInteret.objects.bulk_create(
                [
                    MetierPageCentreInteret(content_object_id=page_id, tag_id=tag_id)
                    for page_id, tag_ids in changes["centres_interet"].items()
                    for tag_id in tag_ids
                ],
                batch_size=500,
            )
        if changes["related"]:
            MetierRelation.objects.filter(page_id__in=list(changes["related"])).delete()
            MetierRelation.objects.bulk_create(
                [
                    MetierRelation(page_id=page_id, target_id=pk_by_code[code], sort_order=order)
                    for page_id, codes in changes["related"].items()
                    for order, code in enumerate(code for code in codes if code in pk_by_code)
                ],
                batch_size=500,
            )

    # Appellations ----------------------------------------------------------------------------------
    def sync_appellations(self, data, pages):
        fiches = {row["code_rome"]: row["code_rome_parent"] for row in data["fiches"]}
        pk_by_code = {code: page.pk for code, page in pages.items()}
        incoming = {}
        for row in data["appellations"]:
            page_id = pk_by_code.get(fiches.get(row["code_rome"]))
            if page_id is None:
                continue
            incoming[int(row["code_ogr"])] = {
                "page_id": page_id,
                "fiche_code": row["code_rome"],
                "label": row["libelle_appellation_long"].strip()[:255],
                "short_label": row["libelle_appellation_court"].strip()[:255],
                "is_main_title": row["classification"] == "PRINCIPALE",
                "rarely_used": row["peu_usite"] == "O",
            }
        existing = {item.code_ogr: item for item in Appellation.objects.all()}
        created, updated = [], []
        for code_ogr, values in incoming.items():
            item = existing.get(code_ogr)
            if item is None:
                created.append(Appellation(code_ogr=code_ogr, **values))
            elif any(getattr(item, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(item, name, value)
                updated.append(item)
        Appellation.objects.bulk_create(created, batch_size=1000)
        if updated:
            Appellation.objects.bulk_update(updated, list(next(iter(incoming.values()))), batch_size=500)
        obsolete = [code for code in existing if code not in incoming]
        if obsolete:
            Appellation.objects.filter(code_ogr__in=obsolete).delete()
        self.report.appellations = {"created": len(created), "updated": len(updated), "deleted": len(obsolete)}

    # Search index ----------------------------------------------------------------------------------
    def reindex(self):
        """Bulk inserts and updates send no signal: index the sheets they touched in one go."""
        if not self.touched:
            return
        backend = get_search_backend()
        for start in range(0, len(self.touched), 200):
            batch = list(MetierPage.objects.filter(pk__in=self.touched[start : start + 200]))
            backend.add_bulk(MetierPage, batch)

"""What each sheet should hold: one record (a dict of field values) per historic ROME fiche.

Reads only the files and the classifications; writes nothing. See the package docstring for what becomes
what (finer fiches folded into their historic sheet, Onisep métiers matched by ROME code).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext as _

from home.text import split_genders

from ..models import AccessLevel
from .files import ROME_CODE
from .text import capitalise, lines_as_list, onisep_html, plain_text, truncate_words

HOOK_MAX_LENGTH = 600
FAMILY_TEXT_LENGTH = 220

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


@dataclass
class Sources:
    """The rows of every file, grouped by the historic ROME code of the sheet they belong to."""

    onisep: dict
    appellations: dict
    sectors: dict
    interests: dict
    skills: dict
    work_contexts: dict
    mobilities: dict


def build_records(data, classifications, report):
    """ROME code -> the field values of its sheet (scalar fields, relations and import-only fields)."""
    fiches = {row["code_rome"]: row for row in data["fiches"]}
    historic = {code: row for code, row in fiches.items() if row["fiche_historique"] == "O"}
    group_of = {code: row["code_rome_parent"] for code, row in fiches.items() if row["code_rome_parent"] in historic}
    sources = Sources(
        onisep=match_onisep(data, historic, report),
        appellations=_appellations(data, group_of),
        sectors=_sectors(data, group_of, classifications.sectors),
        interests=_interests(data, group_of, classifications.interests_by_rome),
        skills=_skills(data, historic),
        work_contexts=_work_contexts(data, historic),
        mobilities=_mobilities(data, historic, group_of),
    )
    records = {code: build_record(code, row, sources, classifications) for code, row in historic.items()}
    for record in records.values():
        source = record.pop("text_source")
        report.text_sources[source] = report.text_sources.get(source, 0) + 1
    return records


def match_onisep(data, historic, report):
    """Historic ROME code -> the Onisep métiers that point to it; bad codes become warnings."""
    matches = defaultdict(list)
    for metier in data["onisep"]:
        codes = metier["codes_rome"] if isinstance(metier["codes_rome"], list) else []
        for code in codes:
            if not isinstance(code, str) or not ROME_CODE.match(code):
                report.warnings.append(
                    _("code ROME mal formé « %(code)s » sur le métier Onisep %(id)s, ignoré.")
                    % {"code": code, "id": metier["identifiant"]}
                )
            elif code not in historic:
                report.warnings.append(
                    _("code ROME inconnu « %(code)s » sur le métier Onisep %(id)s, ignoré.")
                    % {"code": code, "id": metier["identifiant"]}
                )
            else:
                matches[code].append(metier)
    report.onisep_matched = len({m["identifiant"] for metiers in matches.values() for m in metiers})
    return matches


NAME_STOP_WORDS = frozenset({"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou"})


def name_words(name):
    """The meaningful words of a name, folded (case, accents, punctuation, plural -s/-x and small words
    aside): « Chef de fabrication des industries graphiques » -> {"chef", "fabrication", "industrie",
    "graphique"}, as « Chef de fabrication en industrie graphique »."""
    words = (word for word in slugify(name or "").split("-") if word and word not in NAME_STOP_WORDS)
    return frozenset(word[:-1] if len(word) > 3 and word[-1] in "sx" else word for word in words)


def onisep_names(metier):
    return [name for name in (metier.get("libelle_masculin"), metier.get("libelle_feminin")) if name]


def name_match(metier, titles, appellations):
    """How well an Onisep métier's own names match the sheet's names: 3 the same name as the sheet's title,
    2 all its words in the title (« infirmier » in « Infirmier en soins généraux (IDE) »), 1 the same as or
    inside one of the sheet's appellations, 0 none (« infirmier humanitaire » on the IDE sheet)."""
    best = 0
    for words in (name_words(name) for name in onisep_names(metier)):
        if not words:
            continue
        if any(words == title for title in titles):
            return 3
        if any(words <= title for title in titles):
            best = max(best, 2)
        elif any(words <= appellation for appellation in appellations):
            best = max(best, 1)
    return best


def primary_onisep(metiers, titles, appellations=()):
    """The Onisep métier whose texts describe the sheet's own job: one whose name matches the sheet's names
    (see `name_match`), the best match first, then a métier dedicated to this sheet, then the most specific
    name. None when no métier's name matches: the sheet then shows ROME's definition."""
    titles = [name_words(name) for name in titles if name_words(name)]
    appellations = [name_words(name) for name in appellations if name_words(name)]

    def score(metier):
        specific = max((len(name_words(name)) for name in onisep_names(metier)), default=0)
        return (name_match(metier, titles, appellations), len(metier["codes_rome"]) == 1, specific)

    ranked = [(score(metier), metier) for metier in metiers]
    ranked = [(value, metier) for value, metier in ranked if value[0] > 0]
    return max(ranked, key=lambda item: item[0])[1] if ranked else None


# Grouping the rows by sheet ----------------------------------------------------------------------------
def _appellations(data, group_of):
    appellations = defaultdict(list)
    for row in data["appellations"]:
        if row["code_rome"] in group_of:
            appellations[group_of[row["code_rome"]]].append(row)
    return appellations


def _sectors(data, group_of, sectors_by_code):
    """Sector codes of each sheet, with the parent sector of each sub-sector."""
    sectors = defaultdict(set)
    sector_code_by_pk = {sector.pk: code for code, sector in sectors_by_code.items()}
    for row in data["fiches_secteurs"]:
        sector = sectors_by_code.get(row["code_secteur"])
        if row["code_rome"] in group_of and sector is not None:
            sectors[group_of[row["code_rome"]]].add(sector.code)
            if sector.parent_id in sector_code_by_pk:
                sectors[group_of[row["code_rome"]]].add(sector_code_by_pk[sector.parent_id])
    return sectors


def _interests(data, group_of, interests_by_rome):
    interests = defaultdict(set)
    for row in data["fiches_centres"]:
        tag = interests_by_rome.get(row["code_centre_interet"])
        if row["code_rome"] in group_of and tag:
            interests[group_of[row["code_rome"]]].add(tag)
    return interests


def _skills(data, historic):
    competences = {row["code_ogr"]: row for row in data["competences"]}
    skills = defaultdict(list)
    for row in data["fiches_competences"]:
        item = competences.get(row["code_ogr"])
        if row["code_rome"] in historic and item:
            skills[row["code_rome"]].append(
                {"label": item["libelle"], "kind": item["type"], "core": row["coeur_metier"] == "Principale"}
            )
    return skills


def _work_contexts(data, historic):
    contexts = {row["code_ogr"]: row for row in data["contextes"]}
    work_contexts = defaultdict(lambda: defaultdict(list))
    for row in data["fiches_contextes"]:
        item = contexts.get(row["code_ogr"])
        if row["code_rome"] in historic and item:
            work_contexts[row["code_rome"]][item["libelle_type_cont_trav"]].append(item["libelle_cont_travail"])
    return work_contexts


def _mobilities(data, historic, group_of):
    mobilities = defaultdict(list)
    for row in data["mobilites"]:
        target = group_of.get(row["code_rome_cible"])
        if row["code_rome"] in historic and target and target != row["code_rome"]:
            order = int(row["numero_ordre"]) if row["numero_ordre"].isdigit() else 999
            mobilities[row["code_rome"]].append((order, target))
    return mobilities


# One sheet ---------------------------------------------------------------------------------------------
def build_record(code, row, sources, classifications):
    """The field values of the sheet of historic fiche `row`."""
    masculine, feminine = split_genders(row["libelle_rome"])
    metiers = sources.onisep[code]
    appellation_names = [
        name
        for item in sources.appellations[code]
        for name in (item["libelle_appellation_long"], item["libelle_appellation_court"])
    ]
    primary = primary_onisep(metiers, [row["libelle_rome"], masculine, feminine], appellation_names)
    grand_domaine = classifications.grands_domaines.get(row["code_grand_domaine"])
    domaine = classifications.domaines.get(row["code_domaine_professionnel"])
    return {
        "title": row["libelle_rome"].strip()[:255],
        "title_masculine": masculine[:255],
        "title_feminine": feminine[:255],
        "alternative_names": "\n".join(
            _alternative_names(code, row, masculine, feminine, sources.appellations[code], metiers)
        ),
        **_texts(row, primary),
        "riasec_major": row["riasec_majeur"] if row["riasec_majeur"] in "RIASEC" else "",
        "riasec_minor": row["riasec_mineur"] if row["riasec_mineur"] in "RIASEC" else "",
        "grand_domaine_id": grand_domaine.pk if grand_domaine else None,
        "domaine_professionnel_id": domaine.pk if domaine else None,
        "sectors": sorted(sources.sectors[code]),
        "centres_interet": sorted(_interest_ids(sources.interests[code], metiers, classifications)),
        "related": _related(sources.mobilities[code]),
        "skills": sorted(
            sources.skills[code], key=lambda s: (not s["core"], SKILL_KIND_ORDER.get(s["kind"], 9), s["label"])
        ),
        "work_contexts": _ordered_contexts(sources.work_contexts[code]),
        # The primary métier first; the others are « Métiers de la même famille », each with its own short text.
        "onisep_links": [
            {
                "id": m["identifiant"],
                "name": capitalise(m.get("libelle_masculin")),
                "url": m.get("url_onisep") or "",
                "primary": m is primary,
                "text": ""
                if m is primary
                else truncate_words(plain_text(m.get("accroche_metier") or ""), FAMILY_TEXT_LENGTH),
            }
            for m in sorted(metiers, key=lambda m: (m is not primary, capitalise(m.get("libelle_masculin"))))
        ],
        "text_source": "onisep" if primary else "rome",
    }


def _alternative_names(code, row, masculine, feminine, appellations, metiers):
    """Every appellation and Onisep name or synonym, once each, minus the sheet's own titles."""
    names = []
    for item in sorted(appellations, key=lambda r: (r["code_rome"] != code, r["libelle_appellation_long"])):
        names += [item["libelle_appellation_long"], item["libelle_appellation_court"]]
    for metier in metiers:
        names += [metier.get("libelle_masculin"), metier.get("libelle_feminin"), *(metier.get("synonymes") or [])]
    seen = {row["libelle_rome"].casefold(), masculine.casefold(), feminine.casefold()}
    alternative = []
    for name in names:
        name = capitalise(name)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            alternative.append(name)
    return alternative


def _texts(row, primary):
    """The hook, the tasks and, from the primary Onisep métier if any, the descriptive texts."""
    definition_lines = [line for line in row["definition"].splitlines() if line.strip()]
    hook = plain_text(primary["accroche_metier"]) if primary else ""
    hook = truncate_words(hook or (definition_lines[0] if definition_lines else ""), HOOK_MAX_LENGTH)
    level = None
    if primary and isinstance(primary.get("niveau_acces_min"), dict):
        level = ONISEP_LEVELS.get((primary["niveau_acces_min"].get("libelle") or "").strip().casefold())
    return {
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
    }


def _interest_ids(rome_interests, metiers, classifications):
    interest_ids = set(rome_interests)
    for metier in metiers:
        for item in metier["centres_interet"] or []:
            if isinstance(item, dict) and item.get("id") in classifications.interests_by_onisep:
                interest_ids.add(classifications.interests_by_onisep[item["id"]])
    return interest_ids


def _related(mobilities):
    related = []
    for _order, target in sorted(mobilities):
        if target not in related:
            related.append(target)
    return related


def _ordered_contexts(contexts):
    return [
        {"type": kind, "items": sorted(contexts[kind])}
        for kind in sorted(contexts, key=lambda k: CONTEXT_TYPE_ORDER.index(k) if k in CONTEXT_TYPE_ORDER else 99)
    ]

"""Domains, sectors and centres d'intérêt: the snippets and tags the sheets point to, synced by code.

A name follows the data unless staff renamed the snippet (`renamed_by_staff`, or a name that differs
from `source_name`); other fields always follow the data.

Centres d'intérêt: France Travail and Onisep each have their list, and a dozen of Onisep's say the same as
one of France Travail's in other words (« Je veux m'occuper d'enfants » / « Je souhaite m'occuper
d'enfants »): the listing showed both. `INTEREST_MERGES` maps each such Onisep centre to the France Travail
one it joins (the mapping is kept here, reviewed by hand: wording alone cannot decide); the sheets of the
Onisep centre get the France Travail tag, and a tag left from an earlier import without any sheet is
removed (`retire_merged_interests`).
"""

from dataclasses import dataclass

from ..models import CentreInteret, DomaineProfessionnel, GrandDomaine, MetierPageCentreInteret, Secteur
from .text import capitalise, unique_slug

# Onisep centre d'intérêt id -> the France Travail centre (code) it duplicates.
INTEREST_MERGES = {
    "T-IDEO2.4815": "21",  # Je veux m'occuper d'enfants -> Je souhaite m'occuper d'enfants
    "T-IDEO2.4828": "17",  # Je veux m'occuper d'animaux -> J'aime m'occuper des animaux
    "T-IDEO2.4808": "11",  # Je veux faire respecter la loi -> J'aime faire respecter la loi, les règles
    "T-IDEO2.4825": "29",  # Je me passionne pour les nouvelles technologies -> Je suis passionné·e par…
    "T-IDEO2.4826": "25",  # J'aime les sensations fortes -> Je suis amateur / amatrice de sensations fortes
    "T-IDEO2.4821": "8",  # J'aime communiquer -> J'aime communiquer, convaincre
    "T-IDEO2.4816": "15",  # J'aime jongler avec les chiffres -> J'aime manier les chiffres
    "T-IDEO2.4824": "9",  # J'aime la nature -> J'aime être au contact de la nature
    "T-IDEO2.4805": "20",  # Je veux protéger la planète -> Je souhaite contribuer à la protection de l'environnement
    "T-IDEO2.4814": "18",  # J'aime organiser, gérer -> J'aime organiser, planifier
    "T-IDEO2.4829": "30",  # Je rêve d'un métier artistique -> Je suis un / une artiste
    "T-IDEO2.4806": "14",  # Je veux travailler de mes mains -> J'aime le travail manuel
    "T-IDEO2.4809": "13",  # J'aime bouger -> J'aime l'activité physique
}


@dataclass
class Classifications:
    """What the records step needs: snippets by code, tag ids by France Travail or Onisep code."""

    grands_domaines: dict
    domaines: dict
    sectors: dict
    interests_by_rome: dict
    interests_by_onisep: dict


def sync_classifications(data, report):
    """Create or update every domain, sector and centre d'intérêt; returns them as `Classifications`."""
    grands_domaines = sync_named(
        GrandDomaine,
        {row["code_grand_domaine"]: {"name": row["libelle_grand_domaine"]} for row in data["grands_domaines"]},
        report,
    )
    domaines = sync_named(
        DomaineProfessionnel,
        {
            row["code_domaine_professionnel"]: {
                "name": row["libelle_domaine_professionnel"],
                "grand_domaine_id": grands_domaines[row["code_grand_domaine"]].pk,
            }
            for row in data["domaines"]
            if row["code_grand_domaine"] in grands_domaines
        },
        report,
        extra_fields=["grand_domaine_id"],
    )
    sectors = sync_sectors(data, report)
    interests = sync_interests(data, report)
    interests_by_rome = {tag.rome_code: tag.pk for tag in interests if tag.rome_code}
    interests_by_onisep = {tag.onisep_id: tag.pk for tag in interests if tag.onisep_id}
    for onisep_id, rome_code in INTEREST_MERGES.items():
        if rome_code in interests_by_rome:
            interests_by_onisep[onisep_id] = interests_by_rome[rome_code]
    return Classifications(
        grands_domaines=grands_domaines,
        domaines=domaines,
        sectors=sectors,
        interests_by_rome=interests_by_rome,
        interests_by_onisep=interests_by_onisep,
    )


def sync_named(model, incoming, report, extra_fields=()):
    """Create or update snippets by code. `incoming` maps code -> dict of field values.

    The name follows the data unless staff renamed the snippet; other fields follow the data.
    Adds the counts to the report; returns the snippets by code."""
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
    report.add_snippet_counts(model, {"created": len(created), "updated": len(updated), "kept": kept})
    return {obj.code: obj for obj in model.objects.all()}


def sync_sectors(data, report):
    """Sectors in two passes: top-level ones first, so that sub-sectors can point to them."""
    top = {row["code_secteur"]: _sector_values(row, {}) for row in data["secteurs"] if not row["code_secteur_parent"]}
    known = sync_named(Secteur, top, report, extra_fields=["description", "parent_id"])
    subs = {
        row["code_secteur"]: _sector_values(row, known)
        for row in data["secteurs"]
        if row["code_secteur_parent"] in known
    }
    return sync_named(Secteur, {**top, **subs}, report, extra_fields=["description", "parent_id"])


def _sector_values(row, known):
    parent = known.get(row["code_secteur_parent"])
    return {
        "name": row["libelle_secteur"],
        "description": row["definition_secteur"].strip(),
        "parent_id": parent.pk if parent else None,
    }


class _InterestMerger:
    """France Travail's and Onisep's centres d'intérêt, merged where their wording is the same."""

    FIELDS = ("name", "source_name", "rome_code", "onisep_id", "description")

    def __init__(self):
        existing = list(CentreInteret.objects.all())
        self.by_rome = {tag.rome_code: tag for tag in existing if tag.rome_code}
        self.by_onisep = {tag.onisep_id: tag for tag in existing if tag.onisep_id}
        self.by_name = {tag.name.casefold(): tag for tag in existing}
        self.slugs = {tag.slug for tag in existing}
        self.created, self.updated, self.kept = [], {}, 0  # updated: id(tag) -> tag (unsaved tags are not hashable)

    def upsert(self, name, description, rome_code="", onisep_id=""):
        tag = self.by_rome.get(rome_code) if rome_code else self.by_onisep.get(onisep_id)
        tag = tag or self.by_name.get(name.casefold())
        before = self._state(tag) if tag else None
        if tag is None:
            tag = CentreInteret(name=name, source_name=name, description=description)
            tag.slug = unique_slug(tag.slugify(name), self.slugs)
            self.created.append(tag)
        elif tag.renamed_by_staff:
            self.kept += 1
        elif rome_code or not tag.rome_code:
            # France Travail's wording wins over Onisep's for a tag both share.
            tag.name = tag.source_name = name
        self.by_name[name.casefold()] = tag
        if rome_code:
            tag.rome_code = rome_code
            self.by_rome[rome_code] = tag
        if onisep_id:
            tag.onisep_id = onisep_id
            self.by_onisep[onisep_id] = tag
        if description and not tag.description:
            tag.description = description
        if before and tag.pk and before != self._state(tag):
            self.updated[id(tag)] = tag

    def _state(self, tag):
        return tuple(getattr(tag, name) for name in self.FIELDS)

    def save(self, report):
        CentreInteret.objects.bulk_create(self.created)
        updated = list(self.updated.values())
        if updated:
            CentreInteret.objects.bulk_update(updated, list(self.FIELDS))
        report.add_snippet_counts(
            CentreInteret, {"created": len(self.created), "updated": len(updated), "kept": self.kept}
        )


def sync_interests(data, report):
    """Create or update the centres d'intérêt of both sources; returns every tag."""
    merger = _InterestMerger()
    for row in data["centres"]:
        merger.upsert(
            row["libelle_centre_interet"],
            row["definition_centre_interet"].strip(),
            rome_code=row["code_centre_interet"],
        )
    onisep_interests = {}
    for metier in data["onisep"]:
        for item in metier["centres_interet"] or []:
            if isinstance(item, dict) and item.get("id") and item.get("libelle"):
                onisep_interests[item["id"]] = capitalise(item["libelle"])
    rome_codes = {row["code_centre_interet"] for row in data["centres"]}
    for onisep_id, name in sorted(onisep_interests.items()):
        if INTEREST_MERGES.get(onisep_id) in rome_codes:
            continue  # joins its France Travail twin (INTEREST_MERGES)
        merger.upsert(name, "", onisep_id=onisep_id)
    merger.save(report)
    return list(CentreInteret.objects.all())


def retire_merged_interests(report):
    """Remove the tags of merged Onisep centres (left by an earlier import) once no sheet uses them."""
    leftovers = CentreInteret.objects.filter(onisep_id__in=list(INTEREST_MERGES), rome_code="")
    unused = leftovers.exclude(pk__in=MetierPageCentreInteret.objects.values("tag_id"))
    report.interests_merged = len(INTEREST_MERGES)
    report.interests_retired, _details = unused.delete()

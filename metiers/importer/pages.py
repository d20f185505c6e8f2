"""Writing the sheets: update the existing ones field by field, insert the new ones in bulk, then their
relations (sectors, centres d'intérêt, related sheets) and appellations, and index them for search.

A field is updated only while its value is still the one the import last wrote (`import_snapshot`):
a value staff changed is kept and reported. See the package docstring.
"""

from collections import defaultdict

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from ..models import Appellation, MetierPage, MetierPageCentreInteret, MetierRelation
from .text import unique_slug
from .tree import bulk_add_children

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


class PageWriter:
    """Applies the records to the sheets under `index_page`; `touched` lists the ids it wrote."""

    def __init__(self, index_page, sectors, report):
        self.index_page = index_page
        self.sectors = sectors
        self.report = report
        self.touched = []
        self.now = timezone.now()

    def sync_pages(self, records):
        """Update, create and relate every sheet; returns the sheets by ROME code."""
        existing = {page.rome_code: page for page in MetierPage.objects.all()}
        relations = current_relations()
        to_create, to_update, update_fields = [], [], set()
        relation_changes = {name: {} for name in RELATION_FIELDS}
        for code, record in records.items():
            page = existing.get(code)
            if page is None:
                to_create.append((code, record))
            elif self._update(page, record, relations[page.pk], relation_changes, update_fields):
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

        created = self.create_pages(to_create)
        self.report.created = len(created)
        self.touched += [page.pk for page in created]
        pages = {**existing, **{page.rome_code: page for page in created}}
        for page in created:
            for name in RELATION_FIELDS:
                relation_changes[name][page.pk] = records[page.rome_code][name]
        self.write_relations(relation_changes, {code: page.pk for code, page in pages.items()})
        return pages

    def _update(self, page, record, relations, relation_changes, update_fields):
        """Set on `page` what changed in the data and staff left alone; True if anything changed."""
        snapshot = dict(page.import_snapshot or {})
        changed = False
        for name in SCALAR_FIELDS + RELATION_FIELDS:
            new = record[name]
            current = relations[name] if name in RELATION_FIELDS else getattr(page, name)
            if edited_by_staff(name, current, new, snapshot):
                self.report.kept_fields.append((page.rome_code, name))
                continue
            snapshot[name] = new
            if current == new:
                continue
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
            page.imported_at = self.now
        return changed

    def create_pages(self, items):
        """Insert new sheets, published, as the last children of the index page."""
        if not items:
            return []
        index = self.index_page
        taken = set(Page.objects.get(pk=index.pk).get_children().values_list("slug", flat=True))
        pages = []
        for code, record in items:
            slug = unique_slug(slugify(record["title_masculine"])[:80], taken, suffix=code.lower())
            pages.append(
                MetierPage(
                    rome_code=code,
                    slug=slug,
                    draft_title=record["title"],
                    locale_id=index.locale_id,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=self.now,
                    last_published_at=self.now,
                    import_snapshot={name: record[name] for name in SCALAR_FIELDS + RELATION_FIELDS},
                    imported_at=self.now,
                    **{name: record[name] for name in SCALAR_FIELDS + IMPORT_ONLY_FIELDS},
                )
            )
        return bulk_add_children(index, pages)

    def write_relations(self, changes, pk_by_code):
        """Replace the sectors, centres d'intérêt and related sheets of the sheets in `changes`."""
        through = MetierPage.sectors.through
        sector_pk = {code: obj.pk for code, obj in self.sectors.items()}
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

    def reindex(self):
        """Bulk inserts and updates send no signal: index the sheets they touched in one go."""
        if not self.touched:
            return
        backend = get_search_backend()
        for start in range(0, len(self.touched), 200):
            batch = list(MetierPage.objects.filter(pk__in=self.touched[start : start + 200]))
            backend.add_bulk(MetierPage, batch)


def current_relations():
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


def edited_by_staff(name, current, new, snapshot):
    """True when the current value is not what the import last wrote (or, never imported, is set)."""
    if name in snapshot:
        return current != snapshot[name]
    return current not in (None, "", []) and current != new


def sync_appellations(data, pages, report):
    """Every ROME appellation, attached to the sheet of its fiche's historic code, by OGR code."""
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
    report.appellations = {"created": len(created), "updated": len(updated), "deleted": len(obsolete)}

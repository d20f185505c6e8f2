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
  186 sheets gather several Onisep métiers: the texts (hook, work, qualities, access, level, formations)
  come from the one whose own name matches the sheet's names (`records.name_match`: the sheet's title
  first, then its appellations; small words and plurals aside), so that the « Infirmier / Infirmière en
  soins généraux » sheet opens on the nurse, not on the humanitarian nurse. When no métier bears one of
  the sheet's names, the sheet shows ROME's definition and no Onisep text. The other métiers are shown
  as « Métiers de la même famille », each with its own name and short text (`onisep_links`). Every
  matched métier adds its names, synonyms and centres d'intérêt. The report counts the sheets of each
  source. Malformed codes (the source has `A15` on `MET.323`) are skipped with a warning.

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
Pages are created with bulk inserts straight into the tree (`tree.bulk_add_children`, the one place that
uses treebeard's and Django's private APIs), without a revision per page: a page with no revision is
edited and published normally in the admin. Updates use `bulk_update`. The whole run is one transaction:
a missing or malformed file stops it before any change.

Modules, one per step
---------------------
* `files`: read and check the data folder (`load_catalogue`, `CatalogueError`).
* `classifications`: domains, sectors and centres d'intérêt (snippets and tags), by code.
* `records`: what each sheet should hold, computed from the files (`build_records`).
* `pages`: write the sheets, their relations and appellations; `tree`: the bulk insert into the page tree.
* `report`: the counts and warnings shown at the end (`ImportReport`).
* `catalogue`: `CatalogueImporter`, which runs the steps in order in one transaction.
"""

from .catalogue import CatalogueImporter
from .files import DEFAULT_DATA_DIR, CatalogueError, data_dir, load_catalogue
from .report import ImportReport

__all__ = [
    "DEFAULT_DATA_DIR",
    "CatalogueError",
    "CatalogueImporter",
    "ImportReport",
    "data_dir",
    "load_catalogue",
]

"""`CatalogueImporter`: the import's steps in order, in one transaction (see the package docstring)."""

import time
from pathlib import Path

from django.db import transaction

from .classifications import retire_merged_interests, sync_classifications
from .files import data_dir, load_catalogue
from .pages import PageWriter, sync_appellations
from .records import build_records
from .report import ImportReport


class CatalogueImporter:
    """Builds the sheets under `index_page` from the files in `folder`; `run()` returns the report."""

    def __init__(self, index_page, folder=None, update_search_index=True):
        self.index_page = index_page
        self.folder = Path(folder or data_dir())
        self.update_search_index = update_search_index
        self.report = ImportReport()

    def run(self):
        started = time.perf_counter()
        data = load_catalogue(self.folder)  # raises CatalogueError before anything is written
        with transaction.atomic():
            classifications = sync_classifications(data, self.report)
            records = build_records(data, classifications, self.report)
            writer = PageWriter(self.index_page, classifications.sectors, self.report)
            pages = writer.sync_pages(records)
            self.sync_appellations(data, pages)
            retire_merged_interests(self.report)
        if self.update_search_index:
            writer.reindex()
        self.report.seconds = time.perf_counter() - started
        return self.report

    def sync_appellations(self, data, pages):
        sync_appellations(data, pages, self.report)

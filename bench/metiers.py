"""Render time and SQL query count of the métiers catalogue: the listing without and with each facet, and
sheets; optionally the catalogue import itself.

It reads the database the portal is configured with (DATABASE_URL, else the SQLite db.sqlite3 that
`make run` fills) and writes nothing to it: `--import` runs the import inside a transaction that is rolled
back. The query counts must not depend on the number of sheets, tags or appellations; compare the
figures of two versions on the same machine (bench/README.md).

    .venv/bin/python bench/metiers.py [-n 20] [--warmup 2] [--import]
"""

import argparse
import statistics
import sys
import time

from startup import setup_django  # bench/startup.py (this folder is first on sys.path)

setup_django()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from metiers.importer import CatalogueImporter  # noqa: E402
from metiers.listing import MetierListing  # noqa: E402
from metiers.models import Appellation, CentreInteret, MetierPage, MetiersIndexPage  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--requests", type=int, default=20, help="requests measured per URL (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="requests made first and not measured (default 2)")
    parser.add_argument("--import", dest="run_import", action="store_true", help="also time the import (rolled back)")
    return parser.parse_args()


def measure(client, url, requests, warmup):
    for _ in range(warmup):
        client.get(url)
    times, queries, status = [], [], None
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        queries.append(len(captured.captured_queries))
        status = response.status_code
    low, high = min(queries), max(queries)
    return [
        str(status),
        f"{statistics.median(times):.1f}",
        f"{min(times):.1f}",
        f"{max(times):.1f}",
        str(low) if low == high else f"{low}–{high}",
    ]


def listing_urls(index):
    """The listing bare, with the most used value of each facet, all facets together, a later page, a sort."""
    listing = MetierListing(index, QueryDict())
    chosen = {}
    for name, facet in listing.facets.items():
        best = max(facet.options, key=lambda option: option.count, default=None)
        if best is not None and best.count:
            chosen[name] = best
    base = index.url
    urls = [("liste, sans filtre", base)]
    for name, option in chosen.items():
        urls.append((f"liste, {name} = {option.label[:30]} ({option.count})", f"{base}?{name}={option.value}"))
    combined = MetierListing(index, QueryDict(f"interet={chosen['interet'].value}")) if "interet" in chosen else None
    if combined is not None:
        params = QueryDict(mutable=True)
        for name, facet in combined.facets.items():
            best = max(facet.options, key=lambda option: option.count, default=None)
            if best is not None and best.count:
                params[name] = best.value
        urls.append(("liste, quatre filtres", f"{base}?{params.urlencode()}"))
    urls.append(("liste, page 2, tri par niveau", f"{base}?tri=niveau&page=2"))
    return urls


def sheet_urls():
    sheets = MetierPage.objects.live().annotate(names=Count("appellations")).order_by("-names", "path")
    largest = sheets.first()
    smallest = sheets.last()
    rows = []
    if largest is not None:
        rows.append((f"fiche la plus riche ({largest.rome_code}, {largest.names} appellations)", largest.url))
    if smallest is not None and smallest.pk != largest.pk:
        rows.append((f"fiche la plus courte ({smallest.rome_code}, {smallest.names} appellations)", smallest.url))
    return rows


def time_import(index):
    with transaction.atomic():
        start = time.perf_counter()
        report = CatalogueImporter(index).run()
        seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    print(f"\nImport du catalogue (annulé ensuite) : {seconds:.1f} s")
    for line in report.lines():
        print(f"  {line}")


def main():
    args = parse_args()
    index = MetiersIndexPage.objects.live().order_by("path").first()
    if index is None:
        sys.exit("Aucune page index des métiers publiée : lancez `manage.py load_demo` (ou `make run`) d'abord.")
    print(
        f"{args.requests} requêtes mesurées par URL après {args.warmup} d'échauffement ; "
        f"base {connection.vendor} « {connection.settings_dict['NAME']} » ; DEBUG désactivé."
    )
    print(
        f"Catalogue : {MetierPage.objects.live().count()} fiches, {Appellation.objects.count()} appellations, "
        f"{CentreInteret.objects.count()} centres d'intérêt."
    )
    client = Client()
    headers = ["URL mesurée", "HTTP", "médiane ms", "min ms", "max ms", "requêtes SQL"]
    lines = [[label, *measure(client, url, args.requests, args.warmup)] for label, url in listing_urls(index)]
    lines += [[label, *measure(client, url, args.requests, args.warmup)] for label, url in sheet_urls()]
    widths = [max(len(row[i]) for row in [headers, *lines]) for i in range(len(headers))]
    for row in [headers, ["-" * width for width in widths], *lines]:
        print("  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
    if args.run_import:
        time_import(index)


if __name__ == "__main__":
    main()

"""The JSON API next to the HTML pages: requests per second, CPU time per request and SQL queries for the
sheet list, one sheet and search, then the query count of a list of 20 sheets for several page sizes.

Reads the database the portal is configured with (DATABASE_URL, else db.sqlite3 after `make run`); writes
nothing. The API's rate limit is lifted for the run. Figures compare two versions on one machine.

    .venv/bin/python bench/api.py [-n 30]
"""

import argparse
import sys
import time

from startup import setup_django  # bench/startup.py (this folder is first on sys.path)

setup_django()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from metiers.models import MetierPage, MetiersIndexPage  # noqa: E402

settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": "1000000/m", "search_page": "1000000/m"}


def measure(client, url, requests):
    client.get(url)  # warm caches
    queries = 0
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        queries = len(captured.captured_queries)
    wall, cpu = time.perf_counter() - wall_start, time.process_time() - cpu_start
    return response.status_code, requests / wall, cpu / requests * 1000, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--requests", type=int, default=30)
    args = parser.parse_args()
    index = MetiersIndexPage.objects.live().public().filter(locale__language_code="fr").first()
    sheet = MetierPage.objects.live().public().filter(locale__language_code="fr").order_by("path").first()
    if index is None or sheet is None:
        sys.exit("Pas de catalogue publié : lancez d'abord `make run` (ou load_demo).")
    rows = [
        ("liste des fiches", index.url, "/api/v3/metiers/?page_size=20"),
        ("une fiche", sheet.url, f"/api/v3/metiers/{sheet.rome_code}/"),
        ("recherche « boulanger »", "/fr/recherche/?q=boulanger", "/api/v3/recherche/?q=boulanger"),
    ]
    client = Client()
    print(f"{'':26} {'':5} {'HTTP':>4} {'req/s':>7} {'CPU ms/req':>11} {'SQL':>4}")
    for label, html_url, api_url in rows:
        for kind, url in (("HTML", html_url), ("API", api_url)):
            status, rate, cpu, queries = measure(client, url, args.requests)
            print(f"{label:26} {kind:5} {status:>4} {rate:7.1f} {cpu:11.1f} {queries:>4}")
    print("\nListe de fiches par l'API : requêtes SQL selon la taille de page")
    for size in (1, 5, 20, 50):
        status, _rate, _cpu, queries = measure(client, f"/api/v3/metiers/?page_size={size}", 1)
        print(f"  page_size={size:<3} HTTP {status}  {queries} requêtes SQL")


if __name__ == "__main__":
    main()

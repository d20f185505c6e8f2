"""CPU milliseconds and SQL queries of a page seen for the first time: a cold sheet, a cold guidance article,
a filtered listing at an address never asked, and the listing and home page rendered with the page cache off
(what a logged-in visitor gets).

The process is warm (one sheet, one article and the listing rendered first: imports, templates, the menu,
the glossary read into the cache), then each of N sheets and N articles never requested before is asked
once: what a visitor pays when, among 532 sheets, they open one nobody opened since the last change. The
figure is this process's CPU time (`time.process_time`: user + system, not wall time, so other processes on
the machine do not inflate it), median and slowest, and the queries of each request.

    .venv/bin/python bench/cold.py [-n 20]
    DATABASE_URL=postgres://… .venv/bin/python bench/cold.py
"""

import argparse
import statistics
import time

from startup import setup_django  # bench/startup.py (this folder is first on sys.path)

setup_django()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from wagtail.models import Locale  # noqa: E402

from metiers.models import MetierPage, MetiersIndexPage  # noqa: E402
from orientation.models import GuidanceArticlePage  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--pages", type=int, default=20, help="cold pages measured per type (default 20)")
    parser.add_argument("--repeat", type=int, default=20, help="requests of the uncached listing (default 20)")
    return parser.parse_args()


def once(client, url):
    with CaptureQueriesContext(connection) as captured:
        start = time.process_time()
        response = client.get(url)
        cpu = (time.process_time() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    return cpu, len(captured.captured_queries)


def summary(label, results):
    cpu = [c for c, _q in results]
    queries = sorted({q for _c, q in results})
    shown = str(queries[0]) if len(queries) == 1 else f"{queries[0]}–{queries[-1]}"
    print(f"{label:<34} {len(results):>3}  {statistics.median(cpu):>8.1f}  {max(cpu):>8.1f}  {shown:>8}")


def main():
    args = parse_args()
    settings.PAGE_CACHE = {**getattr(settings, "PAGE_CACHE", {}), "ENABLED": False}
    cache.clear()
    french = Locale.objects.get(language_code="fr")
    sheets = list(MetierPage.objects.live().public().filter(locale=french).order_by("path")[: args.pages + 1])
    articles = list(GuidanceArticlePage.objects.live().public().filter(locale=french).order_by("path"))
    articles = articles[: args.pages + 1]
    listing = MetiersIndexPage.objects.live().filter(locale=french).first()
    client = Client()
    # Warm the process: imports, templates, the menu, the glossary, routing of the listing.
    for url in (sheets[0].url, articles[0].url, listing.url, "/fr/"):
        client.get(url)
        client.get(url)
    print(f"base {connection.vendor} « {connection.settings_dict['NAME']} », CPU ms du processus (process_time)")
    print(f"{'page':<34} {'n':>3}  {'médiane':>8}  {'max':>8}  {'SQL':>8}")
    summary("Fiche métier, première visite", [once(client, page.url) for page in sheets[1:]])
    summary("Fiche métier, déjà vue", [once(client, page.url) for page in sheets[1:]])
    summary("Article, première visite", [once(client, page.url) for page in articles[1:]])
    summary("Article, déjà vu", [once(client, page.url) for page in articles[1:]])
    words = sorted({page.title.split()[0].lower() for page in sheets[1:]})
    summary("Liste filtrée, adresse jamais vue", [once(client, f"{listing.url}?q={word}") for word in words])
    summary("Liste des métiers (sans cache page)", [once(client, listing.url) for _ in range(args.repeat)])
    summary("Accueil (sans cache page)", [once(client, "/fr/") for _ in range(args.repeat)])


if __name__ == "__main__":
    main()

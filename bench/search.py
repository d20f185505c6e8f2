"""Relevance and latency of the site search over the full catalogue.

Reads `search/relevance/queries.csv`, the held-out set `search/relevance/heldout.csv` and the intent set
`bench/queries_intent.csv` (what pupils type, with the ROME codes of the sheets expected; the last two were written
before any tuning, the last one of wishes and familiar words, issue 29) and prints, per set,
recall@5 (share of queries with an expected sheet in the first five results), MRR (mean of 1/rank of the first
expected sheet, 0 when not in the first 20), the share of queries with an empty result page, the queries that
miss, the peak memory of the process with the concept index loaded, and the latency of the whole search (the
same work as the search page: visibility, dictionary, full text, blend, facets, one page of results) and of the
autocomplete, as p50/p95 over repeated runs. Nothing is written except the term dictionary, rebuilt first if
the catalogue changed.

Run it on the database the portal uses (DATABASE_URL, else db.sqlite3), after `make run` or, for another
database, `manage.py migrate && manage.py load_demo`:

    .venv/bin/python bench/search.py [-n 5] [--warmup 1]
    DATABASE_URL=postgres://root@127.0.0.1:5432/search_bench .venv/bin/python bench/search.py
"""

import argparse
import csv
import os
import statistics
import time
from pathlib import Path

from startup import ROOT, setup_django  # bench/startup.py (this folder is first on sys.path)

setup_django()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from wagtail.models import Locale  # noqa: E402

from home.text import fold  # noqa: E402
from metiers.models import MetierPage  # noqa: E402
from search import concepts, terms  # noqa: E402
from search.engine import SiteSearch  # noqa: E402
from search.models import SearchTerm  # noqa: E402
from search.text import trigrams  # noqa: E402
from search.views import suggest  # noqa: E402

QUERIES = ROOT / "search" / "relevance" / "queries.csv"
HELD_OUT = ROOT / "search" / "relevance" / "heldout.csv"
INTENT = ROOT / "bench" / "queries_intent.csv"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=5, help="timed runs of the whole query set (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    parser.add_argument(
        "--queries", nargs="+", default=[str(QUERIES), str(HELD_OUT), str(INTENT)], help="CSVs of query,kind,expected"
    )
    return parser.parse_args()


def load_queries(path):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [(row["query"], row["kind"], set(row["expected"].split())) for row in rows]


def run_search(query, user, locale):
    search = SiteSearch(QueryDict(mutable=True) | {"q": [query]}, user, locale)
    search.page_obj  # noqa: B018 (the page of results is part of the work)
    return search


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def peak_memory_mb():
    """The process's peak resident memory (the language resources loaded), in MB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def relevance(path, queries, user, locale, codes):
    hits, reciprocal, misses, empty, fallback = 0, [], [], [], []
    by_kind = {}
    for query, kind, expected in queries:
        search = run_search(query, user, locale)
        if not search.results_ids:
            # Nothing of its own: the page shows the closest sheets by sound and spelling (and the interests).
            (fallback if search.closest else empty).append(query)
        ranked = [codes.get(page_id) for page_id in search.results_ids[:20]]
        rank = next((position + 1 for position, code in enumerate(ranked) if code in expected), None)
        hit = rank is not None and rank <= 5
        hits += hit
        reciprocal.append(1 / rank if rank else 0.0)
        total, found = by_kind.get(kind, (0, 0))
        by_kind[kind] = (total + 1, found + hit)
        if not hit:
            misses.append((query, kind, sorted(expected), rank, [code or "·" for code in ranked[:5]]))
    print(f"\nRelevance over {len(queries)} queries of {Path(path).name}")
    print(f"  recall@5  {hits / len(queries):.1%}  ({hits}/{len(queries)})")
    print(f"  MRR       {statistics.mean(reciprocal):.3f}")
    print(f"  no result, closest sheets shown  {len(fallback)}{': ' if fallback else ''}{', '.join(fallback)}")
    print(
        f"  empty result page  {len(empty) / len(queries):.1%}  ({len(empty)}){': ' if empty else ''}{', '.join(empty)}"
    )
    print("  by kind   " + ", ".join(f"{kind} {found}/{total}" for kind, (total, found) in sorted(by_kind.items())))
    for query, kind, expected, rank, top in misses:
        print(
            f"  miss: « {query} » ({kind}) expected {' '.join(expected)}, rank {rank or '>20'}, top 5: {' '.join(top)}"
        )


def latency(args, queries, user, locale):
    request = RequestFactory().get("/fr/recherche/autocomplete/")
    request.user = user
    for _ in range(args.warmup):
        for query, _kind, _expected in queries:
            run_search(query, user, locale)
            suggest(request, fold(query), locale)
    # Wall time, and the CPU time of this process (the database's own work is not in it): on a machine shared
    # with other work, the second says what the search costs here whatever the load.
    times = {"search": [], "autocomplete": [], "search CPU": [], "autocomplete CPU": []}
    per_query = {}
    for _ in range(args.runs):
        for query, _kind, _expected in queries:
            start, cpu = time.perf_counter(), time.process_time()
            run_search(query, user, locale)
            elapsed = (time.perf_counter() - start) * 1000
            times["search"].append(elapsed)
            times["search CPU"].append((time.process_time() - cpu) * 1000)
            per_query[query] = max(per_query.get(query, 0), elapsed)
            prefix = fold(query)[: max(3, len(fold(query)) // 2)]
            start, cpu = time.perf_counter(), time.process_time()
            suggest(request, prefix, locale)
            times["autocomplete"].append((time.perf_counter() - start) * 1000)
            times["autocomplete CPU"].append((time.process_time() - cpu) * 1000)
    print(f"\nLatency over {args.runs} runs of {len(queries)} queries (ms); load average {os.getloadavg()[0]:.1f}")
    for label, values in times.items():
        print(
            f"  {label:<17} p50 {statistics.median(values):6.1f}   p95 {percentile(values, 0.95):6.1f}"
            f"   max {max(values):6.1f}"
        )
    slowest = sorted(per_query.items(), key=lambda item: -item[1])[:3]
    print("  slowest searches: " + ", ".join(f"« {query} » {elapsed:.0f}" for query, elapsed in slowest))


def main():
    args = parse_args()
    query_sets = [(path, load_queries(path)) for path in args.queries]
    locale = Locale.get_default()
    user = AnonymousUser()
    sheets = MetierPage.objects.live().count()
    started = time.perf_counter()
    rebuilt = terms.rebuild()
    build_time = time.perf_counter() - started
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']}), {sheets} live sheets")
    print(f"Term dictionary: {SearchTerm.objects.count()} terms{f', rebuilt in {build_time:.1f} s' if rebuilt else ''}")
    print(f"Search backend: {settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']}")
    if sheets < 500:
        print("Warning: fewer than 500 sheets; load the full catalogue (manage.py load_demo) for real figures.")
    before = peak_memory_mb()
    started = time.perf_counter()
    concepts.get_index()
    print(f"Concept index built in {time.perf_counter() - started:.1f} s")
    codes = dict(MetierPage.objects.values_list("pk", "rome_code"))
    for path, queries in query_sets:
        relevance(path, queries, user, locale, codes)
    if args.runs:
        latency(args, [row for _path, rows in query_sets for row in rows], user, locale)
    print(f"\nPeak memory of the process: {peak_memory_mb():.0f} MB (before the concept index: {before:.0f} MB)")
    cached = trigrams.cache_info()
    print(
        f"Trigram cache: {cached.currsize} strings (bound {cached.maxsize}), {cached.hits} hits, {cached.misses} misses"
    )


if __name__ == "__main__":
    main()

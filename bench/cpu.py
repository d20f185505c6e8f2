"""CPU milliseconds per request of the gunicorn workers, per page type, uncached and from the anonymous page
cache, next to a hashed static file; and the SQL queries of each page.

Starts gunicorn twice (2 sync workers, production settings, the page cache off then on, the shared cache in
Redis), requests each URL N times one after the other, and reads the workers' user + system CPU time from
the kernel's per-process accounting (/proc/<pid>/stat) before and after: unlike wall time, the figure does
not grow when other processes share the machine. The client (this script) is not counted.

    REDIS_URL=redis://127.0.0.1:6379/7 .venv/bin/python bench/cpu.py [-n 200] [--port 8117]
    DATABASE_URL=postgres://… REDIS_URL=… .venv/bin/python bench/cpu.py

It reads the database of `make run` (or DATABASE_URL), runs `collectstatic` once (the hashed static file)
and empties the Redis database of REDIS_URL before each server (the bench's own; never a production one).
"""

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from render import ANONYMOUS, representative_pages  # noqa: E402 (sets Django up)

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
EXTRA_URLS = [
    ("Accueil", "/fr/"),
    ("Recherche", "/fr/recherche/?q=boulanger"),
    ("Liste filtrée", "/fr/metiers/?q=cuisine"),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--requests", type=int, default=200, help="requests per URL and mode (default 200)")
    parser.add_argument("--port", type=int, default=8117)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", metavar="TEXT", help="measure only the URLs that contain TEXT (and the static file)")
    return parser.parse_args()


def urls():
    rows = [(label, page.url) for label, audience, page, _note in representative_pages() if audience == ANONYMOUS]
    return rows + EXTRA_URLS


def static_url():
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def query_counts(rows):
    """Queries of a warm request rendered in this process, the page cache off (what a miss costs)."""
    settings.PAGE_CACHE = {**settings.PAGE_CACHE, "ENABLED": False}
    client = Client()
    counts = {}
    for _label, url in rows:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts[url] = len(captured.captured_queries)
    return counts


def worker_cpu_ms(master_pid):
    """User + system CPU of the master's children (the workers), in milliseconds."""
    total = 0
    for pid in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total * 1000 / CLOCK_TICKS


def get(base, url, client=[0]):  # noqa: B006 (a counter kept between calls)
    """GET from a new client address each time (X-Forwarded-For, the server trusts this one proxy): the search
    page's rate limit is per address, and 300 pupils are not one client."""
    client[0] += 1
    address = f"10.{client[0] // 65536 % 256}.{client[0] // 256 % 256}.{client[0] % 256}"
    request = urllib.request.Request(base + url, headers={"X-Forwarded-For": address})  # noqa: S310
    with urllib.request.urlopen(request) as response:  # noqa: S310 (our own local server)
        response.read()
        return response.status, response.headers.get("X-Page-Cache")


def start_server(args, page_cache):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PAGE_CACHE": "true" if page_cache else "false",
        "TRUSTED_PROXY_COUNT": "1",
    }
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi",
        f"--workers={args.workers}",
        f"--bind=127.0.0.1:{args.port}",
        "--no-control-socket",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    base = f"http://127.0.0.1:{args.port}"
    for _ in range(120):
        try:
            get(base, "/robots.txt")
            return server, base
        except OSError:
            time.sleep(0.5)
    server.kill()
    sys.exit("gunicorn did not start")


def measure(args, rows, page_cache):
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    server, base = start_server(args, page_cache)
    results = {}
    try:
        for _label, url in rows:
            for _ in range(5):  # warm-up: every worker renders it, fills the caches
                get(base, url)
            # The static file costs about one clock tick (10 ms) per ten requests: ask it five times more.
            count = args.requests * (5 if url.startswith("/static/") else 1)
            before = worker_cpu_ms(server.pid)
            states = set()
            for _ in range(count):
                status, state = get(base, url)
                states.add(state)
            results[url] = ((worker_cpu_ms(server.pid) - before) / count, status, states)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return results


def main():
    args = parse_args()
    if not os.environ.get("REDIS_URL"):
        sys.exit("REDIS_URL est requis (une base Redis propre au bench, ex. redis://127.0.0.1:6379/7).")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
        },
        check=True,
    )
    rows = [row for row in urls() if not args.only or args.only in row[1]]
    counts = query_counts(rows)
    static = ("Fichier statique haché", static_url())
    uncached = measure(args, [*rows, static], page_cache=False)
    cached = measure(args, [*rows, static], page_cache=True)
    static_ms = uncached[static[1]][0]

    print(
        f"{args.requests} requêtes par URL et par mode, gunicorn {args.workers} workers sync, "
        f"base {connection.vendor}, cache Redis ; CPU des workers (utime + stime du noyau) par requête."
    )
    headers = ["page", "URL", "SQL", "CPU ms", "× statique", "CPU ms en cache", "× statique", "cache"]
    lines = []
    for label, url in [*rows, static]:
        cpu, status, _states = uncached[url]
        cpu_cached, _status, states = cached[url]
        lines.append(
            [
                label if status == 200 else f"{label} (HTTP {status})",
                url,
                str(counts.get(url, "–")),
                f"{cpu:.1f}",
                f"{cpu / static_ms:.0f}",
                f"{cpu_cached:.1f}",
                f"{cpu_cached / static_ms:.1f}",
                ",".join(sorted(state or "–" for state in states)),
            ]
        )
    widths = [max(len(row[i]) for row in [headers, *lines]) for i in range(len(headers))]
    for row in [headers, ["-" * width for width in widths], *lines]:
        print("  ".join(cell.rjust(widths[i]) if 2 <= i <= 6 else cell.ljust(widths[i]) for i, cell in enumerate(row)))


if __name__ == "__main__":
    main()

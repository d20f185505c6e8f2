"""Login peak: what a log-in costs with the production password hasher, and how long a class waits when
30 pupils press « Se connecter » at the same second.

The hasher is the one of the base settings (Django's PBKDF2-SHA256, 1,000,000 iterations in Django 5.2):
kept strong on purpose, since a leaked database must not give pupils' passwords away. A log-in is almost
only that hash, so its cost is measured alone (`check_password`), then a class of 30 is hashed at once by a
pool of processes as many as the app servers' workers (--workers, 4 by default: two gunicorn instances of 2
workers): p50/p95/max of the time each pupil waits. The capacity plan in docs/performance.md follows.

    .venv/bin/python bench/logins.py [--workers 4] [--class-size 30]
"""

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import check_password, get_hasher, make_password  # noqa: E402

PASSWORD = "xylophone-kiwi-wombat-8431"  # noqa: S105 (a throw-away password, hashed here only)


def one_login(encoded):
    """CPU seconds of one password check (the machine may be shared: wall time would count the others)."""
    started = time.process_time()
    if not check_password(PASSWORD, encoded):
        raise SystemExit("password check failed")
    return time.process_time() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4, help="app server workers (processes)")
    parser.add_argument("--class-size", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=10, help="log-ins timed one by one")
    args = parser.parse_args()
    hasher = get_hasher()
    print(
        f"Hasher: {hasher.algorithm}, {getattr(hasher, 'iterations', '?')} iterations "
        f"(settings.PASSWORD_HASHERS[0]: {getattr(settings, 'PASSWORD_HASHERS', ['default'])[0]})"
    )
    print(f"Machine: {os.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.1f}")
    encoded = make_password(PASSWORD)
    alone = sorted(one_login(encoded) for _ in range(args.repeat))
    cost = statistics.median(alone)
    print(f"One log-in (password check): median {cost * 1000:.0f} ms of CPU, min {alone[0] * 1000:.0f} ms")

    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        list(pool.map(one_login, [encoded] * args.workers))  # processes started and warm
        started = time.perf_counter()
        futures = [pool.submit(one_login, encoded) for _ in range(args.class_size)]
        waits = []
        for future in futures:
            future.result()
            waits.append(time.perf_counter() - started)
    waits.sort()
    p95 = waits[max(0, int(0.95 * len(waits)) - 1)]
    print(
        f"A class of {args.class_size} at once on {args.workers} workers (wall clock, at this machine's load): "
        f"p50 {statistics.median(waits):.2f} s, p95 {p95:.2f} s, last {waits[-1]:.2f} s"
    )
    cores = min(args.workers, os.cpu_count() or 1)
    ideal = sorted((i // cores + 1) * cost for i in range(args.class_size))
    print(
        f"The same on {cores} idle cores (from the CPU cost): p95 {ideal[max(0, int(0.95 * len(ideal)) - 1)]:.2f} s, "
        f"last {ideal[-1]:.2f} s"
    )
    collège = 600
    per_second = collège / 300
    print(
        f"A collège of {collège} pupils within 5 minutes: {per_second:.1f} log-ins/s x {cost:.2f} s = "
        f"{per_second * cost:.2f} CPU cores busy hashing"
    )


if __name__ == "__main__":
    main()

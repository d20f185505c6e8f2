"""Grow the database of `make run` (or DATABASE_URL) to a named size, reproducibly: `demo.growth`.

    .venv/bin/python bench/grow.py association           # + 1,300 pupils, 80 sessions, 359 places, ~1,000 requests
    .venv/bin/python bench/grow.py departement           # + 25,000 pupils in 130 collèges, 3,000 places (long)
    DATABASE_URL=postgres://… .venv/bin/python bench/grow.py association --seed 1

Run it on a copy of the demo (`load_demo` first), never on a database with real people: it adds thousands of
made-up accounts. The same size and seed on the same starting database give the same rows; growing twice adds
twice (the names carry the number of collèges already there). Then `bench/render.py` (query counts of every
page and « Mon espace » of every role), `bench/cold.py` and `bench/cpu.py` measure at that size;
docs/performance.md has the figures.
"""

import argparse
import sys
import time

from startup import setup_django  # bench/startup.py (this folder is first on sys.path)

setup_django()

from django.db import connection  # noqa: E402

from demo.growth import SIZES, grow  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", choices=sorted(SIZES), help="what to add (demo adds nothing)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    name = connection.settings_dict["NAME"]
    if connection.vendor == "postgresql" and "prod" in str(name):
        sys.exit(f"Refusé : « {name} » ressemble à une base de production.")
    size = SIZES[args.size]
    print(
        f"base {connection.vendor} « {name} » : + {size.pupils} élèves, {size.sessions} séances, "
        f"{size.places} places de stage (graine {args.seed})"
    )
    start, cpu = time.perf_counter(), time.process_time()
    added = grow(size, seed=args.seed)
    print(
        f"ajouté : {added} en {time.perf_counter() - start:.0f} s "
        f"({time.process_time() - cpu:.0f} s de CPU de ce processus)"
    )


if __name__ == "__main__":
    main()

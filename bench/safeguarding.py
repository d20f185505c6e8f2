"""Figures of the safeguarding filter (`safeguarding`) on its corpus (tests/data/safeguarding/): disguised
contact details caught / total (all, and by kind), ordinary sentences wrongly held / total, and the time to
check a text (median per text of the corpus, and a long worst-case text).

Every channel between an adult and a pupil calls the same `safeguarding.find`, so one figure holds for all
of them; tests/test_safeguarding_channels.py runs the corpus through each channel's own code path.

It touches no database.

    .venv/bin/python bench/safeguarding.py [--show]
"""

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list what is missed and what is wrongly held")
    args = parser.parse_args()

    import django

    django.setup()
    import safeguarding
    from tests.safeguarding_corpus import caught, ordinary

    disguised, plain = caught(), ordinary()
    missed = [(kind, text) for kind, text in disguised if not safeguarding.find(text)]
    wrong_kind = [(kind, text) for kind, text in disguised if kind not in safeguarding.kinds(text)]
    held = [text for text in plain if safeguarding.find(text)]
    by_kind, caught_by_kind = Counter(kind for kind, _ in disguised), Counter()
    for kind, text in disguised:
        if safeguarding.find(text):
            caught_by_kind[kind] += 1

    timings = []
    for text in [text for _, text in disguised] + plain:
        start = time.perf_counter()
        safeguarding.find(text)
        timings.append(time.perf_counter() - start)
    long_text = " ".join(plain) * 3
    start = time.perf_counter()
    safeguarding.find(long_text)
    long_time = time.perf_counter() - start
    dotted = "a." * 10_000
    start = time.perf_counter()
    safeguarding.find(dotted)
    dotted_time = time.perf_counter() - start

    print(f"Disguised contact details caught: {len(disguised) - len(missed)} / {len(disguised)}")
    for kind in safeguarding.KINDS:
        print(f"  {kind:8} {caught_by_kind[kind]} / {by_kind[kind]}")
    print(f"Caught as the expected kind: {len(disguised) - len(wrong_kind)} / {len(disguised)}")
    print(f"Ordinary sentences wrongly held: {len(held)} / {len(plain)}")
    print(f"Time per corpus text: median {statistics.median(timings) * 1000:.2f} ms, max {max(timings) * 1000:.1f} ms")
    print(f"A text of {len(long_text)} characters: {long_time * 1000:.0f} ms")
    print(f"« a.a.a… » of {len(dotted)} characters: {dotted_time * 1000:.0f} ms")
    if args.show:
        for kind, text in missed:
            print(f"MISSED  {kind}: {text}")
        for kind, text in wrong_kind:
            print(f"KIND    {kind}: {text} -> {sorted(safeguarding.kinds(text))}")
        for text in held:
            print(f"HELD    {text} -> {[(f.kind, f.text) for f in safeguarding.find(text)]}")


if __name__ == "__main__":
    main()

"""Stages: the bulk matching of one collège (300 requests, 400 seats) and the matching console.

Builds, inside a transaction that is rolled back at the end, a collège whose 300 pupils each have one to
three wishes among the métier sheets in the database, and 200 validated places (two seats each, 400 seats)
spread over Seine-Saint-Denis and Paris; then prints the bulk matching's time and outcome (placed on
wish 1, 2, 3, unplaced) and the console's render time and SQL query count for one request. Nothing stays
in the database. Needs métier sheets (`make run` or `manage.py load_demo` first).

    .venv/bin/python bench/stages.py [--requests 300] [--places 200] [-n 10]
"""

import argparse
import random
import statistics
import sys
import time

from startup import setup_django  # bench/startup.py (this folder is first on sys.path)

setup_django()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.factories import ConsentedPupilFactory, SchoolClassFactory, SchoolFactory, StaffFactory  # noqa: E402
from metiers.models import MetierPage  # noqa: E402
from stages import matching  # noqa: E402
from stages.factories import (  # noqa: E402
    STAGE_MONDAY,
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    StageRequestFactory,
    StageWeekFactory,
)
from stages.models import StageRequest, Wish  # noqa: E402

COMMUNES = ["93066", "93008", "93001", "93005", "93048", "93045", "93070", "93010", "93027", "75056", "92026"]


class Rollback(Exception):
    pass


def build(requests, places, rng):
    sheets = list(MetierPage.objects.live().filter(locale__language_code="fr").values_list("pk", flat=True))
    if not sheets:
        sys.exit("Aucune fiche métier : lancez d'abord `make run` ou `manage.py load_demo`.")
    school = SchoolFactory(commune="Saint-Denis")
    week = StageWeekFactory(school=school, starts_on=STAGE_MONDAY)
    for number in range(places):
        place = PlaceFactory(host=HostOrganisationFactory(commune_code=rng.choice(COMMUNES)))
        place.sheets.set(rng.sample(sheets, k=min(len(sheets), rng.choice([1, 1, 2]))))
        PlaceWeekFactory(place=place, starts_on=STAGE_MONDAY, seats=2)
        if number % 50 == 0:
            print(f"  … {number} places", flush=True)
    classes = [SchoolClassFactory(school=school) for _ in range(12)]
    for number in range(requests):
        pupil = ConsentedPupilFactory(school_class=classes[number % len(classes)], consent_given=True)
        stage_request = StageRequestFactory(pupil=pupil, week=week, travel_minutes=rng.choice([30, 45, 60]))
        for rank, sheet in enumerate(rng.sample(sheets, k=min(len(sheets), rng.choice([1, 2, 3]))), start=1):
            Wish.objects.create(request=stage_request, rank=rank, sheet_id=sheet)
    return school


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--places", type=int, default=200, help="places of two seats each")
    parser.add_argument("-n", type=int, default=10, help="console requests to time")
    args = parser.parse_args()
    rng = random.Random(13)
    try:
        with transaction.atomic():
            print(f"Construction : {args.requests} demandes, {args.places} places de 2 sièges…", flush=True)
            school = build(args.requests, args.places, rng)
            waiting = list(
                StageRequest.objects.filter(week__school=school)
                .select_related("week__school")
                .prefetch_related("wishes")
            )
            start = time.perf_counter()
            plan = matching.bulk_plan(waiting)
            elapsed = time.perf_counter() - start
            outcome = plan.outcome(len(waiting))
            print(f"\nAffectation groupée ({connection.vendor}) : {elapsed:.2f} s")
            for key in ("voeu_1", "voeu_2", "voeu_3", "sans_place", "meme_fiche", "meme_domaine", "meme_centre"):
                print(f"  {key:<11} {outcome[key]:>4}  ({100 * outcome[key] / len(waiting):.0f} %)")

            client = Client()
            client.force_login(StaffFactory())
            url = reverse("stages:console_request", args=[waiting[0].pk])
            times, queries = [], []
            for _ in range(args.n + 2):
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - start)
                queries.append(len(captured))
                if response.status_code != 200:
                    sys.exit(f"La console répond {response.status_code}.")
            times, queries = times[2:], queries[2:]
            print(
                f"\nConsole (une demande, {args.places} places candidates) : médiane {statistics.median(times) * 1000:.0f} ms, "
                f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms, {min(queries)}–{max(queries)} requêtes SQL"
            )
            raise Rollback
    except Rollback:
        print("\n(Tout a été annulé : rien n'est resté dans la base.)")


if __name__ == "__main__":
    main()

"""Concurrency bench of the workshop sign-ups: many pupils press « Je m'inscris » at the same second.

Creates a 30-seat session and 200 pupils who may take part, then fires one sign-up request per pupil (and
a second one for every tenth pupil: a double tap) from a pool of threads, each with its own database
connection, through Django's test Client (the whole middleware stack and the real view). Prints the seats
taken, the waiting list, the duplicates and the errors, then deletes what it created.

Run it on PostgreSQL (SQLite serialises writers, so it proves nothing there):

    DATABASE_URL=postgres://root@127.0.0.1:5432/wt12 .venv/bin/python bench/ateliers_concurrency.py

Exit status 1 unless exactly 30 seats are taken, nobody holds two places and no request failed: `.ci/run`
runs it as a check (a count, not a timing).
"""

import argparse
import datetime
import sys
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

from startup import setup_django  # bench/startup.py (this folder is first on sys.path)

setup_django()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.models import Locale, Site  # noqa: E402

from accounts.models import ConsentRecord, School, SchoolClass, User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from ateliers.models import AgendaIndexPage, EventPage, Session, SignUp  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pupils", type=int, default=200)
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--workers", type=int, default=40, help="threads, each with a database connection")
    return parser.parse_args()


def setup(pupil_count, seats, tag):
    home = Site.objects.get(is_default_site=True).root_page
    agenda = AgendaIndexPage.objects.child_of(home).first()
    created_agenda = agenda is None
    if created_agenda:
        agenda = AgendaIndexPage(title="Agenda (banc d'essai)", slug=f"agenda-{tag}", locale=Locale.get_default())
        home.add_child(instance=agenda)
    event = EventPage(title=f"Banc d'essai {tag}", slug=f"banc-{tag}", locale=agenda.locale)
    agenda.add_child(instance=event)
    start = timezone.now() + datetime.timedelta(days=30)
    session = Session.objects.create(
        page=event, starts_at=start, ends_at=start + datetime.timedelta(hours=2), capacity=seats, place="Bench"
    )
    school = School.objects.create(name=f"Collège banc {tag}", uai=f"B{tag[:7].upper()}", commune="Bench")
    school_class = SchoolClass.objects.create(school=school, level="3e", name="3e Z", school_year="2026-2027")
    password = make_password("banc-d-essai-2026")
    pupils = User.objects.bulk_create(
        User(
            identifier=f"banc-{tag}-{n}",
            first_name="Élève",
            last_name=str(n),
            password=password,
            school_class=school_class,
        )
        for n in range(pupil_count)
    )
    Group.objects.get(name=Role.PUPIL).user_set.add(*pupils)
    ConsentRecord.objects.bulk_create(
        ConsentRecord(pupil=p, decision="given", method="link", text_version="banc", decided_by_name="Banc")
        for p in pupils
    )
    return agenda if created_agenda else None, event, session, school, pupils


def fire(session, pupils, workers):
    url = reverse("ateliers:signup", args=[session.pk])
    clients = {}
    for pupil in pupils:
        client = Client()
        client.force_login(pupil)
        clients[pupil.pk] = client
    presses = [pupil.pk for pupil in pupils] + [pupil.pk for pupil in pupils[::10]]  # every tenth taps twice
    barrier = threading.Barrier(workers)
    statuses = []
    lock = threading.Lock()

    def press(index_and_pk):
        index, pk = index_and_pk
        if index < workers:
            barrier.wait()  # the first wave starts at the same instant
        try:
            status = clients[pk].post(url).status_code
        except Exception as error:
            status = f"exception {type(error).__name__}"
        finally:
            connection.close()
        with lock:
            statuses.append(status)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(press, enumerate(presses)))
    return len(presses), statuses


def main():
    args = parse_args()
    if connection.vendor != "postgresql":
        print("Warning: not PostgreSQL; SQLite serialises writers, the figures prove little.")
    tag = uuid.uuid4().hex[:8]
    agenda, event, session, school, pupils = setup(args.pupils, args.seats, tag)
    try:
        requests, statuses = fire(session, pupils, args.workers)
        session.refresh_from_db()
        active = SignUp.objects.filter(session=session).exclude(status="cancelled")
        confirmed = active.filter(status="confirmed").count()
        waiting = active.filter(status="waiting").count()
        duplicates = active.values("pupil").annotate(n=Count("pk")).filter(n__gt=1).count()
        errors = [s for s in statuses if s != 302]
        print(f"Database: {connection.vendor}; {len(pupils)} pupils, {requests} requests, {args.workers} threads")
        print(f"Seats: {args.seats}")
        print(f"Seats taken (confirmed sign-ups): {confirmed}  (session counter: {session.seats_taken})")
        print(f"Waiting list: {waiting}")
        print(f"Duplicates (pupils with two active sign-ups): {duplicates}")
        print(f"Errors (responses other than a redirect): {len(errors)} {sorted(set(map(str, errors)))}")
        ok = (
            confirmed == args.seats == session.seats_taken
            and waiting == len(pupils) - args.seats
            and not duplicates
            and not errors
        )
        print("OK" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        event.delete()
        User.objects.filter(pk__in=[p.pk for p in pupils]).delete()
        school.delete()
        if agenda is not None:
            agenda.delete()


if __name__ == "__main__":
    sys.exit(main())

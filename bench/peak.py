# ruff: noqa: S603, S607 (a bench that starts its own servers: fixed commands, no outside input)
"""The peak: every pupil of the association logs in and signs up to a workshop within minutes, on the
production stack; p50/p95/max of each step, errors, the CPU one pupil costs, every mail delivered once.

The stack is the fault drill's (bench/faults.py): its own PostgreSQL cluster (schema copied from
SOURCE_DATABASE_URL or DATABASE_URL, else migrated), Redis, a local SMTP server, two app servers (gunicorn,
2 workers each, production settings) and the task worker, on loopback. The bench creates --pupils pupils with
consent in classes of 30 and one 30-seat session per class, then --clients virtual pupils at once (threads)
take the pupils one by one: open the log-in page, log in, open « Mon espace », sign up to their class's
session, open « Mon espace » again. No fault is injected.

It prints the time each step took (p50, p95, max), the answers other than 200/302, the sign-ups and seats,
the CPU seconds the app workers and PostgreSQL spent per pupil (read from /proc, so other work on a shared
machine does not count), the confirmation mails delivered, and a capacity plan: how many cores of app
server a collège (or the association) logging in within 5 minutes needs at that cost.

    SOURCE_DATABASE_URL=postgres://root@127.0.0.1:5432/<a migrated database> \\
        .venv/bin/python bench/peak.py [--pupils 1300] [--clients 60]

Exit status 1 on an error answer, a lost or duplicated sign-up or mail, or seats that differ from sign-ups.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import faults

PYTHON = faults.PYTHON
CLASS_SIZE = 30
TICKS = os.sysconf("SC_CLK_TCK")


def setup_data(pupil_count):
    """Pupils with consent in classes of 30, one 30-seat session per class (distinct days: no clash)."""
    faults.django_setup()
    import datetime

    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.urls import reverse
    from django.utils import timezone

    from wagtail.models import Locale, Site

    from accounts.models import ConsentRecord, School, SchoolClass, User
    from accounts.roles import Role
    from ateliers.models import AgendaIndexPage, EventPage, Session

    home = Site.objects.get(is_default_site=True).root_page
    agenda = AgendaIndexPage.objects.child_of(home).first()
    if agenda is None:
        agenda = AgendaIndexPage(title="Agenda", slug="agenda-pic", locale=Locale.get_default())
        home.add_child(instance=agenda)
    event = EventPage(title="Forum des métiers (pic de connexions)", slug="pic-connexions", locale=agenda.locale)
    agenda.add_child(instance=event)
    event.save_revision().publish()
    school = School.objects.create(name="Collège du pic", uai="0000002X", commune="Loopback")
    password = make_password(faults.PUPIL_PASSWORD)  # the production hasher, once for all
    start = timezone.now() + datetime.timedelta(days=30)
    pupils, signup_urls = [], {}
    for index in range(0, pupil_count, CLASS_SIZE):
        school_class = SchoolClass.objects.create(
            school=school, level="3e", name=f"3e {index // CLASS_SIZE + 1}", school_year="2026-2027"
        )
        begins = start + datetime.timedelta(days=index // CLASS_SIZE)
        session = Session.objects.create(
            page=event, starts_at=begins, ends_at=begins + datetime.timedelta(hours=2), capacity=CLASS_SIZE
        )
        members = User.objects.bulk_create(
            User(
                identifier=f"pic-{n}",
                email=f"pic{n}@exercice.test",
                first_name="Élève",
                last_name=str(n),
                password=password,
                school_class=school_class,
            )
            for n in range(index, min(index + CLASS_SIZE, pupil_count))
        )
        pupils += members
        for member in members:
            signup_urls[member.identifier] = reverse("ateliers:signup", args=[session.pk])
    Group.objects.get(name=Role.PUPIL).user_set.add(*pupils)
    ConsentRecord.objects.bulk_create(
        ConsentRecord(pupil=p, decision="given", method="link", text_version="pic", decided_by_name="Banc")
        for p in pupils
    )
    print(json.dumps({"event": event.pk, "signup_urls": signup_urls, "public_paths": ["/fr/", event.url]}))


def check_data(event_pk):
    faults.django_setup()
    from django.db.models import Count, Sum

    from django_tasks_db.models import DBTaskResult

    from ateliers.models import Session, SignUp

    sessions = Session.objects.filter(page_id=event_pk)
    active = SignUp.objects.filter(session__in=sessions).exclude(status="cancelled")
    print(
        json.dumps(
            {
                "seats_taken": sessions.aggregate(n=Sum("seats_taken"))["n"] or 0,
                "confirmed": active.filter(status="confirmed").count(),
                "waiting": active.filter(status="waiting").count(),
                "duplicates": active.values("pupil").annotate(n=Count("pk")).filter(n__gt=1).count(),
                "signed_up_emails": list(active.values_list("pupil__email", flat=True)),
                "tasks": dict(
                    Counter(
                        DBTaskResult.objects.filter(task_path="accounts.emails.send_email").values_list(
                            "status", flat=True
                        )
                    )
                ),
            }
        )
    )


def cpu_seconds(pids):
    """utime + stime of these processes, from /proc (a process gone since counts nothing)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / TICKS


class CpuSampler(threading.Thread):
    """The CPU of processes that come and go (PostgreSQL backends close after CONN_MAX_AGE): each process's
    last reading, every half second, so a backend gone before the end still counts what it spent."""

    def __init__(self, list_pids):
        super().__init__(daemon=True)
        self.list_pids, self.seen, self.running = list_pids, {}, True
        self.sample()
        self.start_total = self.total()

    def sample(self):
        for pid in self.list_pids():
            self.seen[pid] = cpu_seconds([pid]) or self.seen.get(pid, 0)

    def total(self):
        return sum(self.seen.values())

    def run(self):
        while self.running:
            self.sample()
            time.sleep(0.5)

    def spent(self):
        self.running = False
        self.sample()
        return self.total() - self.start_total


def children(pid):
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in out]


def app_workers(stack):
    return [pid for name in ("web0", "web1") for pid in children(stack.processes[name].pid)]


def postgres_backends(stack):
    postmaster = int((stack.pgdata / "postmaster.pid").read_text().split()[0])
    return children(postmaster)


class Peak(faults.Traffic):
    def __init__(self, stack, data):
        super().__init__(stack, {**data, "pupils": list(data["signup_urls"])})
        self.journeys = []

    def pupil(self):
        while True:
            with self.lock:
                identifier = self.pupils.pop() if self.pupils else None
            if identifier is None:
                return
            began = time.time()
            cookies = {}
            page = self.call("1. page de connexion", "GET", "/fr/compte/connexion/", cookies)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text) if page is not None else None
            if token is None:
                continue
            logged_in = self.call(
                "2. connexion",
                "POST",
                "/fr/compte/connexion/",
                cookies,
                {"csrfmiddlewaretoken": token.group(1), "username": identifier, "password": faults.PUPIL_PASSWORD},
            )
            if logged_in is None or logged_in.status_code != 302:
                continue
            self.call("3. mon espace", "GET", "/fr/compte/mon-espace/", cookies)
            self.call(
                "4. inscription",
                "POST",
                self.data["signup_urls"][identifier],
                cookies,
                {"csrfmiddlewaretoken": cookies.get("csrftoken", "")},
            )
            self.call("5. mon espace", "GET", "/fr/compte/mon-espace/", cookies)
            with self.lock:
                self.journeys.append(time.time() - began)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pupils", type=int, default=1300)
    parser.add_argument("--clients", type=int, default=60, help="pupils pressing at the same time")
    parser.add_argument("--college", type=int, default=600, help="pupils of one collège, for the capacity plan")
    args = parser.parse_args()
    source = os.environ.get("SOURCE_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    folder = tempfile.mkdtemp(prefix="peak-")
    stack = faults.Stack(folder)
    began = time.time()
    failures = []
    try:
        data = stack.start_all(source, __file__, args.pupils)
        traffic = Peak(stack, data)
        traffic.warm_up()
        print(f"Stack up and warmed in {time.time() - began:.0f} s; {args.pupils} pupils, {args.clients} at once")
        workers = app_workers(stack)
        cpu_web = cpu_seconds(workers)
        postgres = CpuSampler(lambda: postgres_backends(stack))
        postgres.start()
        t0 = time.time()
        threads = [threading.Thread(target=traffic.pupil) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.time() - t0
        web_spent = cpu_seconds(app_workers(stack)) - cpu_web
        pg_spent = postgres.spent()
        if sorted(app_workers(stack)) != sorted(workers):
            failures.append("an app worker was restarted during the peak (its CPU is not counted)")

        deadline = time.time() + 600
        while time.time() < deadline:
            state = json.loads(
                stack.run(PYTHON, __file__, "--check", str(data["event"]), capture_output=True, text=True).stdout
            )
            if not state["tasks"].get("READY") and not state["tasks"].get("RUNNING"):
                break
            time.sleep(3)
        drained = time.time() - t0 - elapsed
        mails = (
            [json.loads(line) for line in stack.mail_log.read_text().splitlines()] if stack.mail_log.exists() else []
        )
        received = defaultdict(int)
        for mail in mails:
            for to in mail["to"]:
                received[to] += 1
        expected = set(state["signed_up_emails"])
        lost = [email for email in expected if not received.get(email)]
        doubled = [email for email, n in received.items() if n > 1]

        records = traffic.records
        done = len(traffic.journeys)
        print(
            f"\n{done} of {args.pupils} pupils logged in and signed up in {elapsed:.0f} s "
            f"({done / elapsed:.1f} per second); {len(records)} requests"
        )
        print(f"{'step':<22} {'n':>6} {'p50':>8} {'p95':>8} {'max':>8}")
        for kind in sorted({r[2] for r in records}):
            times = [r[1] - r[0] for r in records if r[2] == kind]
            print(
                f"{kind:<22} {len(times):>6} {statistics.median(times):>7.2f}s {percentile(times, 0.95):>7.2f}s "
                f"{max(times):>7.2f}s"
            )
        print(
            f"{'whole journey':<22} {done:>6} {statistics.median(traffic.journeys):>7.2f}s "
            f"{percentile(traffic.journeys, 0.95):>7.2f}s {max(traffic.journeys):>7.2f}s"
        )
        errors = Counter(r[3] for r in records if r[3] not in (200, 302))
        print(f"Answers other than 200/302: {dict(errors) or 'none'}")
        print(
            f"Sign-ups: {state['confirmed']} confirmed, {state['waiting']} waiting, seats taken {state['seats_taken']}, "
            f"duplicates {state['duplicates']}"
        )
        print(
            f"Mails: {len(expected)} caused, {len(mails)} delivered, lost {len(lost)}, twice {len(doubled)}; "
            f"queue drained {drained:.0f} s after the last pupil"
        )
        per_pupil = web_spent / max(done, 1)
        print(
            f"CPU: app workers {web_spent:.0f} s = {per_pupil * 1000:.0f} ms per pupil (log-in page, log-in, "
            f"« Mon espace » twice, sign-up); PostgreSQL {pg_spent:.0f} s = {pg_spent / max(done, 1) * 1000:.0f} ms "
            f"per pupil; machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
        )
        print("Capacity plan at that cost (app servers only, cores fully busy):")
        for who, count in ((f"a collège of {args.college}", args.college), ("the association", args.pupils)):
            cores = count * per_pupil / 300
            print(f"  {who} logging in and signing up within 5 minutes: {cores:.1f} cores of app server")

        if errors:
            failures.append(f"error answers {dict(errors)}")
        if done != args.pupils:
            failures.append(f"{args.pupils - done} pupils did not get through")
        if state["duplicates"] or state["confirmed"] != state["seats_taken"]:
            failures.append("seats differ from confirmed sign-ups, or duplicates")
        if lost or doubled:
            failures.append(f"mails lost {len(lost)}, delivered twice {len(doubled)}")
        print(f"\nBench: {time.time() - began:.0f} s in all")
    finally:
        stack.close()
        shutil.rmtree(folder, ignore_errors=True)
    print("OK" if not failures else "FAILED: " + "; ".join(failures))
    return 0 if not failures else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--setup"]:
        setup_data(int(sys.argv[2]))
    elif sys.argv[1:2] == ["--check"]:
        check_data(int(sys.argv[2]))
    else:
        sys.exit(main())

# ruff: noqa: S603, S607 (a drill that starts its own servers: fixed commands, no outside input)
"""Fault drill: the production stack on loopback, under mixed traffic, while Redis, PostgreSQL, the mail
server, an app worker and the task worker fail in turn. Counts what was lost, duplicated and served.

It starts, in a temporary folder and on free loopback ports: its own PostgreSQL cluster (initdb, as the
`postgres` user; the schema copied from SOURCE_DATABASE_URL or DATABASE_URL when given, else migrated),
Redis, a local SMTP server (aiosmtpd) that writes down every message, two app servers (gunicorn, 2 workers
each, the production settings with plain static files: bench/faults_settings.py) and the task worker
(`manage.py run_worker`). Clients (threads) then run for --duration seconds: anonymous pages, pupils who
log in, open « Mon espace », sign up to a 30-seat workshop session (every tenth taps twice) and reset
passwords. Meanwhile:

    Redis stopped (then started again), PostgreSQL restarted, the SMTP server frozen (SIGSTOP) then stopped
    (then started again), one app worker killed (kill -9), the task worker killed (kill -9, restarted
    as its supervisor would).

Then it waits for the mail queue to drain and prints: seats taken = confirmed sign-ups, duplicates, every
mail the clients caused delivered exactly once, the share of requests answered during each fault, the
slowest request during the SMTP freeze, and the time to recover. Exit status 1 on a lost or duplicated
sign-up or mail, or a share under the goals (Redis down: 99 % of pages answered 200).

    SOURCE_DATABASE_URL=postgres://root@127.0.0.1:5432/<a migrated database> .venv/bin/python bench/faults.py

Loopback only; bounded (about 3 minutes); everything it started is stopped at the end.
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG_BIN = Path("/usr/lib/postgresql/15/bin")
HOST = "portail.test"
RESET_SUBJECT = "Choisir un nouveau mot de passe"
PUPIL_PASSWORD = "banc-exercice-pannes-2026"  # noqa: S105 (throw-away accounts)
SEATS = 30


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------------------------------------- SMTP server
def smtp_server(path, port):
    """A real SMTP server (aiosmtpd) that appends one JSON line per message received."""
    from email import message_from_bytes
    from email.header import decode_header, make_header

    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            message = message_from_bytes(envelope.content)
            subject = str(make_header(decode_header(message.get("Subject", ""))))
            line = {"to": sorted(envelope.rcpt_tos), "subject": subject, "id": message.get("Message-ID", "")}
            with open(path, "a") as out:
                out.write(json.dumps(line) + "\n")
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    signal.signal(signal.SIGTERM, lambda *a: (controller.stop(), sys.exit(0)))
    while True:
        time.sleep(3600)


# ---------------------------------------------------------------------------------- inside Django: data, checks
def django_setup():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def setup_data(pupil_count):
    django_setup()
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
        agenda = AgendaIndexPage(title="Agenda", slug="agenda-exercice", locale=Locale.get_default())
        home.add_child(instance=agenda)
    event = EventPage(title="Exercice de pannes", slug="exercice-pannes", locale=agenda.locale)
    agenda.add_child(instance=event)
    start = timezone.now() + datetime.timedelta(days=30)
    session = Session.objects.create(
        page=event, starts_at=start, ends_at=start + datetime.timedelta(hours=2), capacity=SEATS, place="Collège"
    )
    school = School.objects.create(name="Collège de l'exercice", uai="0000001X", commune="Loopback")
    school_class = SchoolClass.objects.create(school=school, level="3e", name="3e P", school_year="2026-2027")
    password = make_password(PUPIL_PASSWORD)  # the production hasher, once for all
    pupils = User.objects.bulk_create(
        User(
            identifier=f"exercice-{n}",
            email=f"eleve{n}@exercice.test",
            first_name="Élève",
            last_name=str(n),
            password=password,
            school_class=school_class,
        )
        for n in range(pupil_count)
    )
    Group.objects.get(name=Role.PUPIL).user_set.add(*pupils)
    ConsentRecord.objects.bulk_create(
        ConsentRecord(pupil=p, decision="given", method="link", text_version="exercice", decided_by_name="Exercice")
        for p in pupils
    )
    event.save_revision().publish()
    print(
        json.dumps(
            {
                "session": session.pk,
                "signup_url": reverse("ateliers:signup", args=[session.pk]),
                "public_paths": ["/fr/", event.url, agenda.url],
                "pupils": [p.identifier for p in pupils],
            }
        )
    )


def check_data(session_pk):
    django_setup()
    from django.db.models import Count

    from django_tasks_db.models import DBTaskResult

    from ateliers.models import Session, SignUp

    session = Session.objects.get(pk=session_pk)
    active = SignUp.objects.filter(session=session).exclude(status="cancelled")
    tasks = DBTaskResult.objects.filter(task_path="accounts.emails.send_email")
    print(
        json.dumps(
            {
                "seats_taken": session.seats_taken,
                "confirmed": active.filter(status="confirmed").count(),
                "waiting": active.filter(status="waiting").count(),
                "duplicates": active.values("pupil").annotate(n=Count("pk")).filter(n__gt=1).count(),
                "signed_up_emails": list(active.values_list("pupil__email", flat=True)),
                "reset_emails": sorted(
                    {row.args_kwargs["args"][2][0] for row in tasks if row.args_kwargs["args"][0] == RESET_SUBJECT}
                ),
                "tasks": dict(Counter(tasks.values_list("status", flat=True))),
            }
        )
    )


# ------------------------------------------------------------------------------------------------ the stack
class Stack:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.processes = {}
        self.pg_port, self.redis_port, self.smtp_port = free_port(), free_port(), free_port()
        self.web_ports = [free_port(), free_port()]
        self.pgdata = self.folder / "pg"
        self.mail_log = self.folder / "mails.jsonl"
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
            "DJANGO_SETTINGS_MODULE": "bench.faults_settings",
            "PYTHONPATH": str(ROOT),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "false",
            "TRUSTED_PROXY_COUNT": "1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/drill",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp_port),
            "EMAIL_TIMEOUT": "3",
            "EMAIL_RETRY_DELAYS": "2,3,5,5,5,5,5,5,5,5,5,5,5,5,5,5",
            "TASK_LEASE_SECONDS": "8",
            "WARM_UP": "0",
            "WAGTAILADMIN_BASE_URL": f"https://{HOST}",
        }

    def run(self, *args, user=None, **kwargs):
        command = ["runuser", "-u", user, "--", *args] if user else list(args)
        return subprocess.run(command, check=True, env=self.env, cwd=ROOT, **kwargs)

    def start(self, name, *args, **kwargs):
        log = open(self.folder / f"{name}.log", "a")  # noqa: SIM115 (closed with the folder)
        self.processes[name] = subprocess.Popen(
            list(args), env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
        return self.processes[name]

    def stop(self, name, sig=signal.SIGTERM):
        process = self.processes.get(name)
        if process and process.poll() is None:
            os.killpg(process.pid, sig)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    # PostgreSQL
    def pg_ctl(self, *args):
        self.run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.pgdata),
            "-w",
            "-l",
            str(self.folder / "pg.log"),
            *args,
            user="postgres",
            stdout=subprocess.DEVNULL,
        )

    def start_postgres(self, source_url):
        shutil.chown(self.folder, "postgres")
        self.run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.pgdata),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            user="postgres",
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-p {self.pg_port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100"
        )
        self.pg_ctl("start", "-o", options)
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "drill")
        if source_url:
            dump = subprocess.Popen(["pg_dump", "--no-owner", "--no-acl", source_url], stdout=subprocess.PIPE)
            self.run(
                "psql",
                "-q",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.pg_port),
                "-U",
                "postgres",
                "-d",
                "drill",
                "-v",
                "ON_ERROR_STOP=1",
                stdin=dump.stdout,
                stdout=subprocess.DEVNULL,
            )
            dump.wait()
        else:
            self.run(PYTHON, "manage.py", "migrate", "--no-input", "-v", "0")

    def start_redis(self):
        self.start(
            "redis",
            "redis-server",
            "--port",
            str(self.redis_port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        )

    def start_smtp(self):
        self.start("smtp", PYTHON, __file__, "--smtp", str(self.mail_log), str(self.smtp_port))

    def start_web(self, index):
        self.start(
            f"web{index}",
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{self.web_ports[index]}",
            "--workers",
            "2",
            "--timeout",
            "30",
            "--no-control-socket",
        )

    def start_worker(self):
        self.start("worker", PYTHON, "manage.py", "run_worker", "--interval", "0.3")

    def start_all(self, source_url, setup_script, pupils):
        """The whole stack: PostgreSQL (schema from `source_url`), Redis, the SMTP server, the data that
        `setup_script --setup <pupils>` prints (JSON), two app servers and the task worker, all listening."""
        self.start_postgres(source_url)
        self.start_redis()
        self.start_smtp()
        data = json.loads(self.run(PYTHON, setup_script, "--setup", str(pupils), capture_output=True, text=True).stdout)
        for index in (0, 1):
            self.start_web(index)
        self.start_worker()
        for port in [self.redis_port, self.smtp_port, *self.web_ports]:
            self.wait_port(port)
        return data

    def wait_port(self, port, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"nothing listens on port {port}")

    def close(self):
        for name in list(self.processes):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.processes[name].pid, signal.SIGCONT)
            self.stop(name)
        if self.pgdata.exists():
            subprocess.run(
                [
                    "runuser",
                    "-u",
                    "postgres",
                    "--",
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(self.pgdata),
                    "-m",
                    "immediate",
                    "stop",
                ],
                capture_output=True,
            )


# ---------------------------------------------------------------------------------------------------- clients
class Traffic:
    def __init__(self, stack, data):
        import requests

        self.requests = requests
        self.stack = stack
        self.data = data
        self.records = []  # (start, end, kind, status)
        self.lock = threading.Lock()
        self.running = True
        self.pupils = list(data["pupils"])
        self.reset_targets = [f"eleve{n}@exercice.test" for n in range(len(self.pupils))]
        self.port_turn = 0

    def base(self):
        self.port_turn += 1
        return f"http://127.0.0.1:{self.stack.web_ports[self.port_turn % 2]}"

    def call(self, kind, method, path, cookies=None, data=None):
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}{path}",
            "X-Forwarded-For": f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250)}",
        }
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        start = time.time()
        try:
            response = self.requests.request(
                method, self.base() + path, headers=headers, data=data, timeout=40, allow_redirects=False
            )
            status = response.status_code
        except self.requests.RequestException:
            response, status = None, 0
        with self.lock:
            self.records.append((start, time.time(), kind, status))
        if response is not None and cookies is not None:
            cookies.update(response.cookies.get_dict())
        return response

    def anonymous(self):
        while self.running:
            for path in self.data["public_paths"]:
                self.call("anonymous", "GET", path)
            time.sleep(0.05)

    def warm_up(self):
        """Each app server's workers render the public pages and the login page once, before the clock starts
        (a first render costs seconds on a loaded machine; production warms workers in config/wsgi.py)."""
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(
                pool.map(
                    lambda path: self.call("warm_up", "GET", path),
                    [*self.data["public_paths"], "/fr/compte/connexion/"] * 4,
                )
            )
        with self.lock:
            self.records.clear()

    def pupil(self):
        while self.running:
            with self.lock:
                identifier = None if not self.pupils else self.pupils.pop()
            if identifier is None:
                time.sleep(0.2)
                continue
            cookies = {}
            page = self.call("login_page", "GET", "/fr/compte/connexion/", cookies)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text) if page is not None else None
            if token is None:
                continue
            logged_in = self.call(
                "login",
                "POST",
                "/fr/compte/connexion/",
                cookies,
                {"csrfmiddlewaretoken": token.group(1), "username": identifier, "password": PUPIL_PASSWORD},
            )
            if logged_in is None or logged_in.status_code != 302:
                continue
            for _ in range(3):
                space = self.call("logged_in", "GET", "/fr/compte/mon-espace/", cookies)
                if space is not None and space.status_code == 200:
                    break
                time.sleep(0.5)
            token = cookies.get("csrftoken", "")
            taps = 2 if int(identifier.rsplit("-", 1)[1]) % 10 == 0 else 1
            for _ in range(taps):
                self.call("signup", "POST", self.data["signup_url"], cookies, {"csrfmiddlewaretoken": token})
            self.call("logged_in", "GET", "/fr/compte/mon-espace/", cookies)
            time.sleep(0.3)

    def resets(self):
        while self.running and self.reset_targets:
            email = self.reset_targets.pop()
            cookies = {}
            page = self.call("reset_page", "GET", "/fr/compte/mot-de-passe/", cookies)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text) if page is not None else None
            if token:
                self.call(
                    "reset",
                    "POST",
                    "/fr/compte/mot-de-passe/",
                    cookies,
                    {"csrfmiddlewaretoken": token.group(1), "email": email},
                )
            time.sleep(1.0)


def share(records, start, end, kinds=None):
    chosen = [r for r in records if start <= r[0] < end and (kinds is None or r[2] in kinds)]
    ok = [r for r in chosen if r[3] in (200, 302)]
    return len(ok), len(chosen)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pupils", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs)")
    args, rest = parser.parse_known_args()
    source = os.environ.get("SOURCE_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    folder = tempfile.mkdtemp(prefix="faults-")
    stack = Stack(folder)
    began = time.time()
    failures = []
    try:
        data = stack.start_all(source, __file__, args.pupils)
        print(
            f"Stack up in {time.time() - began:.0f} s (PostgreSQL :{stack.pg_port}, Redis :{stack.redis_port}, "
            f"SMTP :{stack.smtp_port}, app servers :{stack.web_ports[0]} :{stack.web_ports[1]})"
        )

        traffic = Traffic(stack, data)
        traffic.warm_up()
        print(f"App servers warmed up at {time.time() - began:.0f} s")
        threads = [threading.Thread(target=traffic.anonymous) for _ in range(3)]
        threads += [threading.Thread(target=traffic.pupil) for _ in range(4)]
        threads += [threading.Thread(target=traffic.resets)]
        t0 = time.time()
        for thread in threads:
            thread.start()
        faults = {"No fault (baseline)": [t0, t0 + 8]}

        def at(second):
            time.sleep(max(0, t0 + second - time.time()))
            return time.time()

        at(8)
        stack.stop("redis", signal.SIGKILL)
        faults["Redis down"] = [time.time()]
        faults["Redis down"].append(at(23))
        stack.start_redis()
        at(28)
        faults["PostgreSQL restart"] = [time.time()]
        stack.pg_ctl(
            "restart",
            "-m",
            "fast",
            "-o",
            f"-p {stack.pg_port} -k {stack.folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100",
        )
        faults["PostgreSQL restart"].append(time.time())
        at(36)
        os.killpg(stack.processes["smtp"].pid, signal.SIGSTOP)
        faults["SMTP frozen"] = [time.time()]
        faults["SMTP frozen"].append(at(50))
        os.killpg(stack.processes["smtp"].pid, signal.SIGCONT)
        stack.stop("smtp")
        faults["SMTP stopped"] = [time.time()]
        faults["SMTP stopped"].append(at(60))
        stack.start_smtp()
        at(64)
        web_master = stack.processes["web0"].pid
        children = subprocess.run(["pgrep", "-P", str(web_master)], capture_output=True, text=True).stdout.split()
        if children:
            os.kill(int(children[0]), signal.SIGKILL)
        faults["App worker killed"] = [time.time(), time.time() + 5]
        os.killpg(stack.processes["worker"].pid, signal.SIGKILL)
        faults["Task worker killed"] = [time.time()]
        faults["Task worker killed"].append(at(67))
        stack.start_worker()  # as its supervisor would (Restart=always, RestartSec=2)
        at(80)
        traffic.running = False
        for thread in threads:
            thread.join(60)
        end_traffic = time.time()

        # Wait for the queue: every mail the clients caused, delivered.
        deadline = time.time() + 60
        while time.time() < deadline:
            state = json.loads(
                stack.run(PYTHON, __file__, "--check", str(data["session"]), capture_output=True, text=True).stdout
            )
            if not state["tasks"].get("READY") and not state["tasks"].get("RUNNING"):
                break
            time.sleep(2)
        drained = time.time()
        state = json.loads(
            stack.run(PYTHON, __file__, "--check", str(data["session"]), capture_output=True, text=True).stdout
        )
        mails = (
            [json.loads(line) for line in stack.mail_log.read_text().splitlines()] if stack.mail_log.exists() else []
        )
        received = defaultdict(int)
        for mail in mails:
            for to in mail["to"]:
                received[(to, mail["subject"] == RESET_SUBJECT)] += 1
        expected = {(email, False) for email in state["signed_up_emails"]} | {(e, True) for e in state["reset_emails"]}
        lost = [key for key in expected if received.get(key, 0) == 0]
        doubled = [key for key, n in received.items() if n > 1]
        unexpected = [key for key in received if key not in expected]

        records = traffic.records
        print(
            f"\nRequests: {len(records)} in {end_traffic - t0:.0f} s; "
            + ", ".join(f"{kind} {n}" for kind, n in sorted(Counter(r[2] for r in records).items()))
        )
        print(
            f"Seats: {SEATS}; confirmed sign-ups {state['confirmed']}, session counter {state['seats_taken']}, "
            f"waiting list {state['waiting']}, duplicates {state['duplicates']}"
        )
        print(
            f"Mails caused: {len(expected)} ({len(state['signed_up_emails'])} sign-ups, {len(state['reset_emails'])} "
            f"password resets); delivered {len(mails)}; lost {len(lost)}, delivered twice {len(doubled)}, "
            f"unexpected {len(unexpected)}; queue drained {drained - end_traffic:.0f} s after the traffic; "
            f"task rows {state['tasks']}"
        )
        print("\nShare of requests answered (200 or redirect) during each fault:")
        page_kinds = {"anonymous", "logged_in", "login_page", "reset_page"}
        baseline_slowest = max((r[1] - r[0] for r in records if t0 <= r[0] < t0 + 8), default=0)
        for name, (start, end) in faults.items():
            ok, total = share(records, start, end)
            pages_ok, pages = share(records, start, end, page_kinds)
            slow = max((r[1] - r[0] for r in records if start <= r[0] < end), default=0)
            print(
                f"  {name:<20} {ok}/{total} = {100 * ok / max(total, 1):.1f} %  (pages {pages_ok}/{pages} = "
                f"{100 * pages_ok / max(pages, 1):.1f} %), slowest {slow:.2f} s"
            )
            if name == "Redis down" and pages_ok < 0.99 * pages:
                failures.append("Redis down: under 99 % of pages answered 200")
            # Blocked by the mail server: a request that causes a mail (a password reset, a sign-up) slower than
            # 2 s and than 1.5 times the slowest request without a fault (on a loaded machine a log-in alone may
            # take seconds, whatever the mail server does).
            if name in ("SMTP frozen", "SMTP stopped"):
                mailing = max(
                    (r[1] - r[0] for r in records if start <= r[0] < end and r[2] in ("reset", "signup")), default=0
                )
                print(f"  {'':<20} slowest password reset or sign-up: {mailing:.2f} s")
                if mailing > max(2, 1.5 * baseline_slowest):
                    failures.append(f"{name}: a password reset or sign-up took {mailing:.1f} s")
        restart_start, restart_end = faults["PostgreSQL restart"]
        # Failed around the restart: requests started from 1 s before it until the next fault. Recovery: how
        # long after PostgreSQL was back a request *started* then could still fail.
        window = [r for r in records if restart_start - 1 <= r[0] < faults["SMTP frozen"][0]]
        failed = [r for r in window if r[3] not in (200, 302)]
        recovery = max([r[0] - restart_end for r in failed if r[0] >= restart_end], default=0.0)
        print(
            f"\nPostgreSQL restart took {restart_end - restart_start:.1f} s; {len(failed)} of {len(window)} requests "
            f"around it failed (those in flight); requests started {recovery:.1f} s after it was back all succeeded "
            f"(recovery)"
        )
        if recovery > 2:
            failures.append("PostgreSQL: recovery over 2 s")
        errors = Counter(r[3] for r in records if r[3] not in (200, 302))
        print(f"Other answers: {dict(errors) or 'none'}")
        signed_up = state["confirmed"] + state["waiting"]
        if not (state["confirmed"] == state["seats_taken"] == min(SEATS, signed_up)):
            failures.append("seats taken differ from confirmed sign-ups, or a seat left empty with a waiting list")
        if state["duplicates"]:
            failures.append("duplicate sign-ups")
        if lost or doubled or unexpected:
            failures.append(f"mails lost {lost[:3]} / twice {doubled[:3]} / unexpected {unexpected[:3]}")
        print(f"\nDrill: {time.time() - began:.0f} s in all")
    finally:
        stack.close()
        if args.keep:
            print(f"Logs kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print("OK" if not failures else "FAILED: " + "; ".join(failures))
    return 0 if not failures else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--smtp"]:
        smtp_server(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1:2] == ["--setup"]:
        setup_data(int(sys.argv[2]))
    elif sys.argv[1:2] == ["--check"]:
        check_data(int(sys.argv[2]))
    else:
        sys.exit(main())

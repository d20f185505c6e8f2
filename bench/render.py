"""Server render time and SQL query count per page type and for the main non-page views.

For every concrete Wagtail page model, one representative live page (in the default language when there is
one) is requested N times through Django's test Client; the table shows the median, fastest and slowest
times and the number of SQL queries per request. A page type with only private pages is measured as a
member of the association's staff. Then the same for the home page, the login page and « Mon espace » seen
by a logged-in pupil, and the stages pages (the pupil's request, a report with its appreciation, the staff
console and board, one request's ranked places, the host's page, the collège's stage weeks) each seen by
the demo account who uses it, the project's figures (page, CSV) seen by the demo partner, the pupil's
orientation notebook (page, printable sheet, PDF) with the teacher's class view, the interventions (the
teacher's requests, the speaker's profile and proposal, staff's matching and list), and « Mon espace » of
every role with the class pages and the API's `/moi/` (flat as the data grows: bench/grow.py). Page types
added by later apps show up by themselves.

It reads the database the portal is configured with (DATABASE_URL, else the SQLite db.sqlite3 that
`make run` uses) and writes to it only what logging in two accounts writes (sessions, deleted at the end,
last-login dates, axes access log). Figures are for comparing two versions on the same machine; no test
asserts them (bench/README.md).

    .venv/bin/python bench/render.py [-n 20] [--warmup 2] [--url /fr/some/view/ ...]
"""

import argparse
import contextlib
import statistics
import sys
import time

from startup import setup_django  # bench/startup.py (this folder is first on sys.path)

setup_django()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import DatabaseError, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from wagtail.models import Locale, Page, get_page_models  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.roles import Role  # noqa: E402

ANONYMOUS, STAFF, PUPIL, VOLUNTEER = "anonyme", "équipe", "élève", "bénévole"
PUPIL_DRAFT, TEACHER, HOST, PARTNER = "élève (brouillon)", "professeur", "accueil", "partenaire"
PARENT = "parent"
PROFESSIONAL = "professionnel"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--requests", type=int, default=20, help="requests measured per URL (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="requests made first and not measured (default 2)")
    parser.add_argument(
        "--url", action="append", default=[], metavar="PATH", help="another URL to measure, anonymously (repeatable)"
    )
    return parser.parse_args()


def representative_pages():
    """(label, audience, page or None, note) for each concrete page model, sorted by app and model.

    The page is live and has a URL; public when there is one, else private and seen by staff."""
    default_locale = Locale.get_default()
    rows = []
    for model in get_page_models():
        if model is Page:
            continue  # the tree's root, never served
        label = f"{model._meta.app_label}.{model.__name__}"
        live = model.objects.live().exact_type(model).order_by("path")
        try:
            for audience, pages in ((ANONYMOUS, live.public()), (STAFF, live.not_public())):
                page = pages.filter(locale=default_locale).first() or pages.first()
                if page is not None and page.url:
                    rows.append((label, audience, page, ""))
                    break
            else:
                rows.append((label, "", None, "aucune page publiée"))
        except DatabaseError:
            rows.append((label, "", None, "table absente : manage.py migrate"))
    return sorted(rows, key=lambda row: row[0])


def account(role):
    """The first active account of a role, or None."""
    group = Group.objects.filter(name=role).first()
    if group is None:
        return None
    return User.objects.filter(groups=group, is_active=True).order_by("pk").first()


def stage_users():
    """{audience: user} for the stages pages, found in the demo: a pupil with a draft, a teacher, a
    professional member of a host (the demo pupil and staff are measured already)."""
    from stages.models import RequestState, StageRequest

    users = {}
    draft = StageRequest.objects.filter(state=RequestState.DRAFT, pupil__isnull=False).select_related("pupil").first()
    users[PUPIL_DRAFT] = draft.pupil if draft else None
    users[TEACHER] = account(Role.TEACHER)
    users[HOST] = User.objects.filter(host_organisations__isnull=False, is_active=True).order_by("pk").first()
    return users


def stage_urls():
    """(label, audience, url) of the stages pages: the pupil's request and form, the report read by the
    teacher, the console and its board, one request's ranked places, the host page, the weeks page."""
    from stages.models import RequestState, StageReport, StageRequest

    pupil = account(Role.PUPIL)
    own = StageRequest.objects.filter(pupil=pupil).first() if pupil else None
    waiting = StageRequest.objects.filter(state=RequestState.SENT).order_by("pk").first()
    report = StageReport.objects.order_by("pk").first()
    with translation.override(settings.LANGUAGE_CODE):
        urls = [
            ("Demande de stage (formulaire)", PUPIL_DRAFT, reverse("stages:request_form")),
            ("Demande de stage de l'élève", PUPIL, reverse("stages:request_detail", args=[own.pk]) if own else ""),
            (
                "Compte rendu et appréciation",
                STAFF,
                reverse("stages:request_detail", args=[report.request_id]) if report else "",
            ),
            ("Console et tableau des demandes", STAFF, reverse("stages:console")),
            (
                "Console : places classées",
                STAFF,
                reverse("stages:console_request", args=[waiting.pk]) if waiting else "",
            ),
            ("Page de l'accueil", HOST, reverse("stages:host")),
            ("Nouvelle offre (formulaire)", HOST, reverse("stages:place_new")),
            ("Semaines de stage du collège", TEACHER, reverse("stages:weeks")),
            ("Offres de stage pour mes semaines", PUPIL, reverse("stages:browse_places")),
            *convention_urls(),
        ]
    return [(label, audience, url) for label, audience, url in urls if url]


def convention_urls():
    """The convention's page and PDF seen by staff, a week's signed conventions as one ZIP (staff), the page
    where a party signs with a letter's code (anonymous), and the parents' consent pages."""
    from stages.models import Convention

    convention = Convention.objects.select_related("request__week").order_by("pk").first()
    urls = [("Signer avec le code (formulaire)", ANONYMOUS, reverse("stages:convention_sign_code"))]
    if convention is not None:
        urls += [
            ("Convention (page)", STAFF, reverse("stages:convention", args=[convention.pk])),
            ("Convention (PDF, WeasyPrint)", STAFF, reverse("stages:request_convention", args=[convention.request_id])),
            (
                "Conventions de la semaine (ZIP)",
                STAFF,
                reverse("stages:week_conventions_zip", args=[convention.request.week_id]),
            ),
        ]
    urls += [
        ("Accord des parents : code (formulaire)", ANONYMOUS, reverse("accounts:consent_by_code")),
    ]
    return urls


def login_clients():
    """A logged-in test client per audience, and why an audience is missing."""
    clients = {ANONYMOUS: Client()}
    missing = {}
    users = {
        STAFF: account(Role.STAFF),
        PUPIL: account(Role.PUPIL),
        VOLUNTEER: account(Role.VOLUNTEER),
        PARTNER: account(Role.PARTNER),
        PARENT: account(Role.PARENT),
        PROFESSIONAL: account(Role.PROFESSIONAL),
    }
    with contextlib.suppress(DatabaseError):
        users.update(stage_users())
    for audience, user in users.items():
        if user is None:
            missing[audience] = f"aucun compte {audience} : manage.py load_demo"
            continue
        clients[audience] = Client()
        clients[audience].force_login(user)
    return clients, missing


def measure(client, url, requests, warmup):
    """Median, min and max time in milliseconds, query counts, and the status code of `url`."""
    for _ in range(warmup):
        client.get(url)
    times, queries = [], []
    status = None
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        queries.append(len(captured.captured_queries))
        status = response.status_code
    return {
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "queries": queries,
        "status": status,
    }


def print_table(title, first_header, rows):
    """rows: (label, audience, url, result or None, note)."""
    headers = [first_header, "vu par", "URL", "HTTP", "médiane ms", "min ms", "max ms", "requêtes SQL"]
    lines = []
    for label, audience, url, result, note in rows:
        if result is None:
            lines.append([label, audience, url, "–", "–", "–", "–", note])
            continue
        low, high = min(result["queries"]), max(result["queries"])
        lines.append(
            [
                label,
                audience,
                url,
                str(result["status"]),
                f"{result['median']:.1f}",
                f"{result['min']:.1f}",
                f"{result['max']:.1f}",
                str(low) if low == high else f"{low}–{high}",
            ]
        )
    widths = [max(len(row[i]) for row in [headers, *lines]) for i in range(len(headers))]
    numeric = {3, 4, 5, 6, 7}

    def fmt(row):
        cells = [cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        return "  ".join(cells).rstrip()

    print(f"\n{title}")
    print(fmt(headers))
    print("  ".join("-" * width for width in widths))
    for line in lines:
        print(fmt(line))


def help_rows(row, pupil):
    """The CV help's pages: the pupil's list, their CV, one guided step and the PDF; the volunteer's space
    and a document they are assigned to; staff's console (`load_demo` gives the demo pupil a CV)."""
    from accompagnement.models import Assignment, Document

    with translation.override(settings.LANGUAGE_CODE):
        rows = [row("Mon CV et mes lettres", PUPIL, reverse("accompagnement:mine"))]
        cv = Document.objects.filter(pupil=pupil, kind="cv").first() if pupil else None
        if cv is not None:
            rows += [
                row("Mon CV (versions, commentaires)", PUPIL, reverse("accompagnement:document", args=[cv.pk])),
                row("Étape du CV", PUPIL, reverse("accompagnement:step", args=[cv.pk, "qualities"])),
                row("CV en PDF (WeasyPrint)", PUPIL, reverse("accompagnement:pdf", args=[cv.pk])),
            ]
        rows.append(row("Espace bénévole", VOLUNTEER, reverse("accompagnement:volunteer")))
        volunteer = account(Role.VOLUNTEER)
        assigned = Assignment.objects.active().filter(volunteer=volunteer).first() if volunteer else None
        if assigned is not None:
            url = reverse("accompagnement:document", args=[assigned.document_id])
            rows.append(row("Document suivi par le bénévole", VOLUNTEER, url))
        rows.append(row("Console de l'accompagnement", STAFF, reverse("accompagnement_console")))
    return rows


def carnet_rows(row, pupil, teacher):
    """The orientation notebook (carnet): the pupil's notebook, its printable sheet and PDF, a métier sheet
    with the « Ce métier m'intéresse » button seen by the pupil, the teacher's class view (`load_demo` gives
    the demo pupil Inès her notebook)."""
    from carnet.models import InterestMark

    if pupil is None:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        rows = [
            row("Mon orientation (carnet)", PUPIL, reverse("carnet:notebook", args=[pupil.pk])),
            row("Ma fiche orientation", PUPIL, reverse("carnet:sheet", args=[pupil.pk])),
            row("Ma fiche orientation en PDF (WeasyPrint)", PUPIL, reverse("carnet:sheet_pdf", args=[pupil.pk])),
        ]
        mark = InterestMark.objects.filter(pupil=pupil).select_related("sheet").first()
        if mark is not None and mark.sheet.url:
            rows.append(row("Fiche métier avec « Ce métier m'intéresse »", PUPIL, mark.sheet.url))
        if teacher is not None and pupil.school_class_id:
            rows.append(
                row("Carnets de la classe", TEACHER, reverse("carnet:class_view", args=[pupil.school_class_id]))
            )
    return rows


def figures_rows(row):
    """The project's figures (chiffres): the page and its CSV for the current year, seen by a partner."""
    with translation.override(settings.LANGUAGE_CODE):
        return [
            row("Les chiffres du projet", PARTNER, reverse("chiffres:figures")),
            row("Les chiffres du projet (CSV)", PARTNER, reverse("chiffres:csv")),
            row("Mon espace", PARTNER, reverse("accounts:dashboard")),
        ]


def space_rows(row):
    """« Mon espace » of every role and the pages whose size follows a school year's data (the teacher's
    classes, the API's `/moi/`): their query counts must not grow with it (bench/grow.py,
    tests/test_growth_queries.py)."""
    from accounts.models import SchoolClass

    teacher = account(Role.TEACHER)
    taught = SchoolClass.objects.filter(teachers=teacher).order_by("pk").first() if teacher else None
    with translation.override(settings.LANGUAGE_CODE):
        dashboard = reverse("accounts:dashboard")
        rows = [row("Mon espace", audience, dashboard) for audience in (STAFF, TEACHER, PUPIL, PARENT, HOST, VOLUNTEER)]
        rows.append(row("Classes (activation)", STAFF, reverse("accounts:class_list")))
        rows.append(row("Classes (activation)", TEACHER, reverse("accounts:class_list")))
        if taught is not None:
            rows.append(row("Une classe", TEACHER, reverse("accounts:class_detail", args=[taught.pk])))
    rows.append(row("API /moi/ateliers/", PUPIL, "/api/v3/moi/ateliers/"))
    rows.append(row("API /moi/stages/", PUPIL, "/api/v3/moi/stages/"))
    return rows


def interventions_rows(row):
    """The interventions: the teacher's requests and one request, the speaker's profile and a request
    proposed to them, staff's matching page and coordination list (`load_demo` makes one of each state)."""
    from interventions.models import State, WorkshopRequest

    teacher, professional = account(Role.TEACHER), account(Role.PROFESSIONAL)
    own = WorkshopRequest.objects.filter(teacher=teacher, state=State.CONFIRMED).first() if teacher else None
    proposed = (
        WorkshopRequest.objects.filter(speaker__user=professional, state=State.PROPOSED).first()
        if professional
        else None
    )
    waiting = WorkshopRequest.objects.filter(state=State.REQUESTED).order_by("pk").first()
    with translation.override(settings.LANGUAGE_CODE):
        rows = [row("Demandes d'intervention du professeur", TEACHER, reverse("interventions:requests"))]
        if own is not None:
            rows.append(row("Intervention confirmée", TEACHER, reverse("interventions:detail", args=[own.pk])))
        rows.append(row("Profil d'intervenant", PROFESSIONAL, reverse("interventions:speaker")))
        if proposed is not None:
            url = reverse("interventions:detail", args=[proposed.pk])
            rows.append(row("Intervention proposée à l'intervenant", PROFESSIONAL, url))
        if waiting is not None:
            url = reverse("interventions_match", args=[waiting.pk])
            rows.append(row("Intervenants classés (admin)", STAFF, url))
        rows.append(row("Coordination des interventions (admin)", STAFF, reverse("interventions_requests:index")))
    return rows


def main():
    args = parse_args()
    try:
        pages = representative_pages()
    except DatabaseError as error:
        sys.exit(f"Base de données inutilisable ({error}). Lancez `manage.py migrate` puis `manage.py load_demo`.")

    print(
        f"{args.requests} requêtes mesurées par URL après {args.warmup} d'échauffement ; "
        f"base {connection.vendor} « {connection.settings_dict['NAME']} » ; DEBUG désactivé."
    )

    clients, missing = login_clients()

    def row(label, audience, url):
        if audience not in clients:
            return (label, audience, url, None, missing[audience])
        return (label, audience, url, measure(clients[audience], url, args.requests, args.warmup), "")

    try:
        page_rows = [
            row(label, audience, page.url) if page is not None else (label, audience, "", None, note)
            for label, audience, page, note in pages
        ]
        print_table("Pages, une par type", "type de page", page_rows)

        with translation.override(settings.LANGUAGE_CODE):
            login_url = reverse("accounts:login")
            dashboard_url = reverse("accounts:dashboard")
        view_rows = [
            row("Accueil (redirection)", ANONYMOUS, "/"),
            row("Accueil", ANONYMOUS, "/fr/"),
            row("Connexion", ANONYMOUS, login_url),
            row("Mon espace", PUPIL, dashboard_url),
            *(row(url, ANONYMOUS, url) for url in args.url),
        ]
        print_table("Vues", "vue", view_rows)
        print_table("Stages", "vue", [row(label, audience, url) for label, audience, url in stage_urls()])
        print_table("Accompagnement CV et lettres", "vue", help_rows(row, account(Role.PUPIL)))
        print_table("Chiffres", "vue", figures_rows(row))
        print_table("Mon espace de chaque rôle, classes, API", "vue", space_rows(row))
        print_table("Carnet d'orientation", "vue", carnet_rows(row, account(Role.PUPIL), account(Role.TEACHER)))
        print_table("Interventions", "vue", interventions_rows(row))
    finally:
        for client in clients.values():
            client.logout()  # deletes the session rows force_login created


if __name__ == "__main__":
    main()

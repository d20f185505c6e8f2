"""Demo of the parcours Découverte: a believable year of the agenda. A forum des métiers with six stands,
five workshops and two talks; one workshop is full with a waiting list, one is booked by class, one is
online; a past workshop and a past talk have their attendance and feedback.

Idempotent: pages are found by slug; sessions are created once per event (dates relative to the first
load); sign-ups go through `ateliers.booking` (which finds an existing one), past ones are found by pupil.
"""

import contextlib
import datetime

from django.utils import timezone

from wagtail.models import Locale

from accounts.models import User
from ateliers.booking import BookingError, sign_up
from ateliers.models import AgendaIndexPage, EventLeader, EventMetier, EventPage, Feedback, Session, SignUp

from .content import USERS
from .orientation import find_metiers, upsert_child

AGENDA = {
    "slug": "agenda",
    "title": "Agenda du parcours Découverte",
    "introduction": "Ateliers, conférences et forums des métiers pour les élèves de 4e et de 3e : "
    "rencontre des professionnels, essaie leurs gestes, pose tes questions.",
}

# (slug, title, kind, level, introduction, métier keywords, leaders, sessions)
# A session: (days from the first load, hour, hours long, place kind, place, capacity, booking)
EVENTS = [
    (
        "forum-des-metiers",
        "Forum des métiers de Saint-Denis",
        "forum",
        "4e-3e",
        "Six stands, six métiers : passe d'un stand à l'autre et pose toutes tes questions.",
        ["boulang", "bouch", "pâtiss", "espaces", "informatique", "infirmi"],
        ["pro", "benevole"],
        [(45, 9, 3, "school", "Gymnase du collège Louise-Michel", 120, "self")],
    ),
    (
        "mains-a-la-pate",
        "Mains à la pâte : une matinée au fournil",
        "atelier",
        "4e-3e",
        "Pétris, façonne et fais cuire ton pain avec un boulanger.",
        ["boulang"],
        ["pro"],
        [(14, 9, 3, "company", "Boulangerie Le Fournil, 12 rue de la République, Saint-Denis", 1, "self")],
    ),
    (
        "code-ton-premier-jeu",
        "Code ton premier jeu vidéo",
        "atelier",
        "3e",
        "Deux heures pour créer un petit jeu avec une développeuse.",
        ["informatique"],
        ["benevole"],
        [(21, 14, 2, "school", "Salle informatique du collège", 28, "class")],
    ),
    (
        "coulisses-d-un-chantier",
        "Dans les coulisses d'un chantier",
        "atelier",
        "3e",
        "Casque sur la tête, découvre les métiers du bâtiment sur un vrai chantier.",
        [],
        ["pro"],
        [(35, 9, 3, "company", "Chantier du Grand Paris Express, Saint-Denis Pleyel", 15, "self")],
    ),
    (
        "metiers-de-la-vente",
        "Vendre, conseiller, accueillir : les métiers du commerce",
        "atelier",
        "4e-3e",
        "Joue une scène de vente et découvre ce qu'on apprend en CAP et en bac pro.",
        ["vente"],
        ["benevole"],
        [(28, 17, 1, "online", "", 25, "self")],
    ),
    (
        "soigner-au-quotidien",
        "Soigner au quotidien",
        "atelier",
        "4e-3e",
        "Une aide-soignante et un infirmier racontent leur journée et te montrent leurs gestes.",
        ["infirmi", "aide-soign"],
        ["pro"],
        [(-30, 14, 2, "school", "CDI du collège Louise-Michel", 20, "self")],
    ),
    (
        "femmes-ingenieures",
        "Ingénieure, pourquoi pas moi ?",
        "conference",
        "4e-3e",
        "Trois ingénieures racontent leur parcours, du collège à leur métier.",
        [],
        ["benevole"],
        [(60, 18, 1, "online", "", 200, "self")],
    ),
    (
        "apres-la-3e-apprentissage",
        "Après la 3e, l'apprentissage",
        "conference",
        "3e",
        "Ce qu'est un contrat d'apprentissage, comment trouver un employeur, avec deux apprentis.",
        ["boulang", "pâtiss"],
        ["pro"],
        [(-45, 10, 1, "school", "Amphithéâtre de la Bourse du travail, Saint-Denis", 80, "self")],
    ),
]


def load(command, home):
    fr = Locale.get_default()
    agenda = upsert_child(
        home, AgendaIndexPage, AGENDA["slug"], fr, title=AGENDA["title"], introduction=AGENDA["introduction"]
    )
    agenda.show_in_menus = True
    agenda.save_revision().publish()

    emails = {role: email for role, email, *_rest in USERS}
    people = {
        "pro": (User.objects.filter(email=emails["Professionnel"]).first(), "boulanger"),
        "benevole": (User.objects.filter(email=emails["Bénévole"]).first(), "ingénieure informatique"),
    }
    now = timezone.localtime()
    for slug, title, kind, level, intro, keywords, leaders, sessions in EVENTS:
        event = upsert_child(agenda, EventPage, slug, fr, title=title, kind=kind, level=level, introduction=intro)
        event.related_metiers = [EventMetier(metier=m, sort_order=i) for i, m in enumerate(find_metiers(keywords))]
        event.leaders = [
            EventLeader(user=people[key][0], job=people[key][1], sort_order=i)
            for i, key in enumerate(leaders)
            if people[key][0]
        ]
        if not event.sessions.exists():
            rows = []
            for days, hour, hours, place_kind, place, capacity, booking in sessions:
                start = (now + datetime.timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
                rows.append(
                    Session(
                        starts_at=start,
                        ends_at=start + datetime.timedelta(hours=hours),
                        place_kind=place_kind,
                        place=place,
                        online_link="https://visio.example.org/parcours-decouverte" if place_kind == "online" else "",
                        capacity=capacity,
                        booking=booking,
                        signup_closes_at=start - datetime.timedelta(days=2) if days > 0 else None,
                    )
                )
            event.sessions = rows
        event.save_revision().publish()

    sign_up_pupils(agenda)
    command.stdout.write(f"Agenda du parcours Découverte : {len(EVENTS)} événements.")


def sign_up_pupils(agenda):
    """Inès and Lina (the demo pupils with consent) sign up; the one-seat bakery workshop is full, so the
    second waits. Past sessions get their attendance and feedback."""
    pupils = list(User.objects.filter(identifier__in=["colibri-olive-26", "volcan-perle-58"]).order_by("identifier"))
    pupils.sort(key=lambda p: p.identifier != "colibri-olive-26")  # Inès first: she takes the seat
    for slug in ("mains-a-la-pate", "forum-des-metiers", "metiers-de-la-vente"):
        session = Session.objects.filter(page__slug=slug, page__path__startswith=agenda.path).first()
        for pupil in pupils:
            # A reload long after the first one may meet the closing date: the sign-up then stays as it was.
            with contextlib.suppress(BookingError):
                sign_up(session, pupil)
    comments = ["J'ai aimé faire les gestes pour de vrai.", "", "Je veux faire mon stage là-bas !"]
    for slug in ("soigner-au-quotidien", "apres-la-3e-apprentissage"):
        session = Session.objects.filter(page__slug=slug, page__path__startswith=agenda.path).first()
        for index, pupil in enumerate(pupils):
            signup, created = SignUp.objects.get_or_create(
                session=session, pupil=pupil, defaults={"status": "confirmed", "attended": index == 0}
            )
            if created:
                Session.objects.filter(pk=session.pk).update(
                    seats_taken=session.signups.filter(status="confirmed").count()
                )
            if signup.attended and not Feedback.objects.filter(signup=signup).exists():
                Feedback.objects.create(session=session, signup=signup, liked=3, learned=2, comment=comments[index % 3])

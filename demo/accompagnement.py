"""Demo CV help: Inès (the demo pupil) has a CV in progress and a letter for her accepted stage request
with two versions and comments from Claire, the demo volunteer (one suggestion accepted, one waiting, one
comment held for staff because it holds a phone number); Lina has a CV in progress without help yet; a
second volunteer, Patrick, has an expired « attestation d'honorabilité » and cannot be assigned. The
volunteer's space links the procedure on the rules between adults and minors.
Idempotent: documents by pupil and kind (a letter by its stage request), versions by number, comments by
their text, volunteers by e-mail."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Page

from accompagnement.models import (
    Assignment,
    Comment,
    CommentStatus,
    Document,
    DocumentState,
    HelpSettings,
    SuggestionState,
    Version,
    VolunteerProfile,
)
from accounts.models import User
from accounts.roles import Role
from safeguarding import detect as contact_filter

from .content import SCHOOL, USERS
from .pupils import PUPIL_PASSWORD

SECOND_VOLUNTEER = ("benevole2@demo.unstageetapres.fr", "Patrick", "Roux")
VOLUNTEER_PASSWORD = "demo-benevole-2026"  # noqa: S105 - demo accounts, refused outside development
CV_INES = {
    "name": "Inès Diallo",
    "school": f"3e A – {SCHOOL['name']}, déléguée de classe",  # the demo pupils' collège (demo/pupils.py)
    "interests": "Je joue au basket le mercredi. Je garde souvent mes petits cousins.",
    "qualities": "Patiente : j'aide mon petit frère à faire ses devoirs tous les soirs.",
    "languages": "Français, peul (à la maison), anglais (au collège).",
}
LETTER_V1 = {
    "why_metier": "J'aime les ordinateurs et je veux voir comment on travaille.",
    "why_place": "Votre entreprise est près de mon collège.",
    "bring": "Je suis sérieuse.",
}
LETTER_V2 = {
    "why_metier": "Je répare les ordinateurs de ma famille et je veux voir comment travaillent les professionnels.",
    "why_place": "Votre entreprise est près de mon collège et mon cousin m'en a parlé.",
    "bring": "Je suis sérieuse et curieuse : au club de robotique, je pose beaucoup de questions.",
}
# (version, section, quote, body, suggestion, suggestion state)
LETTER_COMMENTS = [
    (
        1,
        "why_metier",
        "J'aime les ordinateurs",
        "Donne un exemple concret : qu'est-ce que tu fais avec ?",
        "Je répare les ordinateurs de ma famille",
        SuggestionState.ACCEPTED,
    ),
    (1, "bring", "", "Une qualité seule, c'est court : ajoute un exemple.", "", ""),
    (
        2,
        "bring",
        "je pose beaucoup de questions",
        "Très bien ! Tu peux aussi dire que tu prends des notes.",
        "je pose beaucoup de questions et je prends des notes",
        SuggestionState.PENDING,
    ),
    (2, "why_place", "", "Si tu as des questions sur ta lettre, appelle-moi au 06 12 34 56 78.", "", ""),
]


def _volunteer(email, first, last, attestation_days_ago):
    user = User.objects.filter(email=email).first() or User(email=email)
    user.first_name, user.last_name, user.is_active = first, last, True
    if not user.password or not user.has_usable_password():  # a new User's "" counts as usable
        user.set_password(VOLUNTEER_PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=Role.VOLUNTEER))
    today = timezone.localdate()
    VolunteerProfile.objects.update_or_create(
        user=user,
        defaults={
            "charter_signed_on": today - datetime.timedelta(days=60),
            "attestation_checked_on": today - datetime.timedelta(days=attestation_days_ago),
        },
    )
    return user


def _assign(document, volunteer):
    if document.active_assignment() is None:
        Assignment.objects.filter(document=document, ended_at__isnull=True).update(ended_at=timezone.now())
        Assignment.objects.create(
            document=document, volunteer=volunteer, ends_on=timezone.localdate() + datetime.timedelta(days=30)
        )


def _letter(ines, claire):
    stage_request = ines.stage_requests.order_by("-created_at").first()
    letter = Document.objects.filter(pupil=ines, kind="lettre", stage_request=stage_request).first()
    if letter is None:
        letter = Document.objects.create(pupil=ines, kind="lettre", stage_request=stage_request)
    recipient = {"recipient": "Atelier Numérique 93"}
    if stage_request and stage_request.place_week_id:
        recipient["recipient"] = stage_request.place_week.place.host.name
    versions = {}
    for number, text in ((1, LETTER_V1), (2, LETTER_V2)):
        versions[number], _ = Version.objects.update_or_create(
            document=letter, number=number, defaults={"sections": {**recipient, **text}}
        )
    letter.sections = {**recipient, **LETTER_V2}
    if letter.state != DocumentState.REVIEW:
        letter.request_review()
    letter.save()
    for number, key, quote, body, suggestion, state in LETTER_COMMENTS:
        found = contact_filter.find_contact_details(body)
        Comment.objects.get_or_create(
            version=versions[number],
            body=body,
            defaults={
                "author": claire,
                "section": key,
                "quote": quote,
                "suggestion": suggestion,
                "suggestion_state": state,
                "status": CommentStatus.HELD if found else CommentStatus.VISIBLE,
                "held_reason": f"Contient {contact_filter.describe(found)}." if found else "",
            },
        )
    _assign(letter, claire)


OLD_SCHOOL = "Collège Jean-Moulin"  # what the demo CVs said before they matched the demo pupils' collège


def _school_line_fixed(holder):
    """A demo database loaded before: its CV's school line names the demo pupils' collège."""
    school = holder.sections.get("school", "")
    if OLD_SCHOOL in school:
        holder.sections = {**holder.sections, "school": school.replace(OLD_SCHOOL, SCHOOL["name"])}
        holder.save(update_fields=["sections"])


def load(command, home):
    claire_email = next(email for role, email, *_rest in USERS if role == Role.VOLUNTEER)
    claire = User.objects.get(email=claire_email)
    claire.groups.add(Group.objects.get(name=Role.VOLUNTEER))
    today = timezone.localdate()
    VolunteerProfile.objects.update_or_create(
        user=claire,
        defaults={
            "charter_signed_on": today - datetime.timedelta(days=60),
            "attestation_checked_on": today - datetime.timedelta(days=60),
        },
    )
    _volunteer(*SECOND_VOLUNTEER, attestation_days_ago=400)  # expired: shown as not assignable
    settings = HelpSettings.load()
    settings.rules_page = Page.objects.filter(slug="protection-des-mineurs", locale__language_code="fr").first()
    settings.save()

    ines = User.objects.get(email=next(email for role, email, *_rest in USERS if role == Role.PUPIL))
    cv, _ = Document.objects.get_or_create(pupil=ines, kind="cv", defaults={"sections": CV_INES})
    version, _ = Version.objects.get_or_create(document=cv, number=1, defaults={"sections": CV_INES})
    _school_line_fixed(cv)
    _school_line_fixed(version)
    if cv.state != DocumentState.REVIEW:
        cv.request_review()
        cv.save()
    _assign(cv, claire)
    _letter(ines, claire)

    lina = User.objects.filter(identifier="volcan-perle-58").first()
    if lina is not None:
        lina_cv, _ = Document.objects.get_or_create(
            pupil=lina,
            kind="cv",
            defaults={"sections": {"name": "Lina Morel", "school": f"3e A – {SCHOOL['name']}"}},
        )
        _school_line_fixed(lina_cv)
    command.stdout.write(
        f"Accompagnement : bénévole sans attestation valide {SECOND_VOLUNTEER[0]} / {VOLUNTEER_PASSWORD} ; "
        f"élève Lina (identifiant volcan-perle-58) / {PUPIL_PASSWORD}"
    )

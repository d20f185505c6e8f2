"""Demo figures: enough of a school year for the partner's « Les chiffres du projet » to show real
numbers next to « moins de 5 ». Two more classes of the second collège (3e E and 4e E, 26 pupils, 24 of
them with their family's consent) went to the two past sessions (attendance and answers noted), 14 pupils
of 3e E asked for a stage in their collège's January week (sent, proposed, accepted, convention signed),
and Claire, the demo volunteer, reviewed eight CVs.

It adds no stage report and no host appreciation (the stages demo keeps its one stage done). Idempotent:
classes by name, pupils by identifier, sign-ups by session and pupil, requests by pupil and week, CVs by
pupil, comments by document.
"""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from accompagnement.models import Assignment, Comment, Document, DocumentState, Version
from accounts import consent
from accounts.models import ConsentRecord, School, SchoolClass, User, current_school_year
from accounts.roles import Role
from ateliers.models import Feedback, Session, SignUp
from metiers.models import MetierPage
from stages.models import PlaceStatus, PlaceWeek, RequestState, StageWeek

from .content import USERS
from .pupils import PUPIL_PASSWORD
from .stages import SECOND_SCHOOL, _request

NAMES = [
    "Amine", "Léa", "Moussa", "Inaya", "Kylian", "Yasmine", "Ethan", "Aïcha", "Samuel", "Djeneba", "Nolan",
    "Sirine", "Elias", "Manon", "Ryan", "Hawa", "Lucas", "Maryam", "Adama", "Emma", "Zakaria", "Lou",
    "Ismaël", "Kenza", "Théo", "Binta",
]  # fmt: skip
# (class, level, how many pupils, how many without an answer from their family yet)
CLASSES = [("3e E", "3e", 14, 1), ("4e E", "4e", 12, 1)]
STATES = [RequestState.CONVENTION] * 5 + [RequestState.ACCEPTED] * 3 + [RequestState.PROPOSED] * 2
STATES += [RequestState.SENT] * 3 + [RequestState.DRAFT]
# The two past sessions of the agenda demo: (slug, which pupils: 3e only or all).
PAST_SESSIONS = [("soigner-au-quotidien", "all"), ("apres-la-3e-apprentissage", "3e")]
CV = {
    "name": "Prénom Démo",
    "school": "3e E – Collège Gisèle-Halimi",
    "interests": "Je fais du foot au club du quartier et j'aide au marché le samedi.",
    "qualities": "Ponctuel : je ne suis jamais arrivé en retard à l'entraînement cette année.",
}


def load(command, home):
    school = School.objects.get(uai=SECOND_SCHOOL["uai"])
    pupils = _pupils(school)
    consenting = [pupil for pupil in pupils if pupil.consent_records.exists()]
    _sign_ups(consenting)
    third = [pupil for pupil in consenting if pupil.school_class.level == "3e"]
    _stage_requests(school, third)
    _reviewed_cvs(third[:8])
    command.stdout.write(f"Chiffres : {len(pupils)} élèves de plus au collège {school.name}.")


def _pupils(school):
    group = Group.objects.get(name=Role.PUPIL)
    pupils, number = [], 0
    for name, level, count, pending in CLASSES:
        school_class, _ = SchoolClass.objects.update_or_create(
            school=school, school_year=current_school_year(), name=name, defaults={"level": level}
        )
        for index in range(count):
            identifier = f"chiffres-demo-{number + 1:02d}"
            pupil = User.objects.filter(identifier=identifier).first() or User(identifier=identifier)
            pupil.first_name, pupil.last_name, pupil.school_class = NAMES[number], "Démo", school_class
            pupil.birth_date = datetime.date(2012 if level == "3e" else 2013, 1 + index % 12, 10)
            pupil.is_active = True
            pupil.activated_at = pupil.activated_at or timezone.now()
            pupil.set_password(PUPIL_PASSWORD)
            pupil.save()
            pupil.groups.add(group)
            if index >= pending and not pupil.consent_records.exists():
                consent.record(pupil, "given", ConsentRecord.Method.LINK, by_name="Parent de démonstration")
            pupils.append(pupil)
            number += 1
    return pupils


def _sign_ups(pupils):
    """Every pupil went to the first past session, the 3e to the second; one in six was absent; those
    present answered the three questions."""
    for slug, who in PAST_SESSIONS:
        session = Session.objects.filter(page__slug=slug).order_by("pk").first()
        if session is None:
            continue
        chosen = [pupil for pupil in pupils if who == "all" or pupil.school_class.level == "3e"]
        free = session.capacity - session.signups.filter(status=SignUp.Status.CONFIRMED).count()
        for index, pupil in enumerate(chosen[: max(free, 0)]):
            signup, created = SignUp.objects.get_or_create(
                session=session, pupil=pupil, defaults={"status": "confirmed", "attended": index % 6 != 5}
            )
            if created and signup.attended:
                Feedback.objects.create(
                    session=session,
                    signup=signup,
                    liked=Feedback.Smiley.HAPPY if index % 4 else Feedback.Smiley.NEUTRAL,
                    learned=Feedback.Smiley.HAPPY if index % 3 else Feedback.Smiley.NEUTRAL,
                )
        taken = session.signups.filter(status=SignUp.Status.CONFIRMED).count()
        Session.objects.filter(pk=session.pk).update(seats_taken=taken)


def _stage_requests(school, pupils):
    week = StageWeek.objects.filter(school=school).order_by("-starts_on").first()
    if week is None:
        return
    sheets = list(MetierPage.objects.live().filter(locale__language_code="fr").order_by("rome_code"))
    place_weeks = list(
        PlaceWeek.objects.filter(starts_on=week.starts_on, place__status=PlaceStatus.APPROVED).order_by("pk")
    )
    staff = User.objects.get(email=next(email for role, email, *_rest in USERS if role == Role.STAFF))
    for pupil, state in zip(pupils, STATES, strict=False):
        _request(pupil, week, state, sheets, place_weeks, staff)


def _reviewed_cvs(pupils):
    """A CV each, finished after a volunteer's review: one version, one comment, the assignment ended."""
    volunteer = User.objects.get(email=next(email for role, email, *_rest in USERS if role == Role.VOLUNTEER))
    for pupil in pupils:
        sections = {**CV, "name": f"{pupil.first_name} Démo"}
        document, _ = Document.objects.get_or_create(
            pupil=pupil, kind="cv", defaults={"sections": sections, "state": DocumentState.DONE}
        )
        version, _ = Version.objects.get_or_create(document=document, number=1, defaults={"sections": sections})
        if not Comment.objects.filter(version__document=document).exists():
            Comment.objects.create(
                version=version,
                author=volunteer,
                section="qualities",
                body="Très bon exemple : il montre ta qualité sans que tu aies besoin d'insister.",
            )
        if not document.assignments.exists():
            Assignment.objects.create(
                document=document,
                volunteer=volunteer,
                ends_on=timezone.localdate(),
                ended_at=timezone.now(),
                end_reason=Assignment.EndReason.DONE,
            )

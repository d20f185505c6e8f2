"""Demo of the interventions: the demo professional (a baker) and the demo volunteer (a software engineer)
are in the speakers' pool; the demo teacher has four requests: one waiting for a speaker, one proposed to
the professional (to accept from his space), one confirmed with 3e A booked (the pupils with consent), and
one done (the past « Soigner au quotidien » workshop, with its feedback).

Idempotent: profiles are found by their user, requests by the teacher and their « already done » text;
the moves go through `interventions.workflow`, so the history, the booking and the e-mails are the real
ones. Dates are relative to the load and always on a school day.
"""

import datetime

from django.utils import timezone

from accounts.models import School, SchoolClass, User, current_school_year
from ateliers.models import Session
from interventions import workflow
from interventions.models import Format, Speaker, State, WorkshopRequest
from metiers.models import CentreInteret, GrandDomaine

from .content import SCHOOL, USERS
from .orientation import find_metiers


def school_day(days, hour):
    """A weekday `days` from today at `hour` (moved forward past a weekend, or back for a past date)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    step = 1 if days >= 0 else -1
    while day.weekday() >= 5:
        day += datetime.timedelta(days=step)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _speaker(user, job, sheets, domain_codes, weekdays, formats):
    speaker, _created = Speaker.objects.get_or_create(user=user, defaults={"job": job})
    speaker.job = job
    speaker.formats = formats
    speaker.home_commune = "93066"  # Saint-Denis
    speaker.communes = ["93066", "93001", "93070"]  # Saint-Denis, Aubervilliers, Saint-Ouen-sur-Seine
    speaker.departements = ["93"]
    speaker.weekdays = weekdays
    speaker.monthly_limit = 3
    speaker.save()
    speaker.sheets.set(sheets)
    speaker.domains.set(GrandDomaine.objects.filter(code__in=domain_codes))
    return speaker


def _request(teacher, school, classes, already_done, **fields):
    found = WorkshopRequest.objects.filter(teacher=teacher, already_done=already_done).first()
    if found is not None:
        return found, False
    sheets = fields.pop("sheets", [])
    created = WorkshopRequest.objects.create(
        teacher=teacher, school=school, already_done=already_done, duration=120, **fields
    )
    created.classes.set(classes)
    created.sheets.set(sheets)
    return created, True


def load(command, home):
    emails = {role: email for role, email, *_rest in USERS}
    users = {
        role: User.objects.filter(email=emails[role]).first()
        for role in ("Équipe", "Professeur", "Professionnel", "Bénévole")
    }
    if not all(users.values()):
        return
    staff, teacher, pro, volunteer = (users[r] for r in ("Équipe", "Professeur", "Professionnel", "Bénévole"))
    school = School.objects.get(uai=SCHOOL["uai"])
    classes = {c.name: c for c in SchoolClass.objects.filter(school=school, school_year=current_school_year())}
    baker = _speaker(pro, "boulanger", find_metiers(["boulang", "pâtiss"]), ["D"], [0, 1, 3, 4], list(Format))
    engineer = _speaker(
        volunteer,
        "ingénieure informatique",
        find_metiers(["informatique"]),
        ["M"],
        [1, 3],
        [Format.IN_CLASS, Format.TALK],
    )

    _waiting_and_proposed(staff, teacher, school, classes, baker)
    _confirmed_and_done(staff, teacher, volunteer, school, classes, baker, engineer)
    command.stdout.write(
        f"Interventions : {Speaker.objects.count()} intervenants, {WorkshopRequest.objects.count()} demandes."
    )


def _waiting_and_proposed(staff, teacher, school, classes, baker):
    """A request waiting for a speaker, and one proposed to the demo professional."""
    # 1. Waiting for a speaker: a health workshop for 4e B.
    centre = CentreInteret.objects.order_by("name").first()
    _request(
        teacher,
        school,
        [classes["4e B"]],
        "Les élèves ont fait le quiz des centres d'intérêt en novembre.",
        grand_domaine=GrandDomaine.objects.filter(code="J").first(),
        centre=None if GrandDomaine.objects.filter(code="J").exists() else centre,
        format=Format.IN_CLASS,
        slot_1=school_day(24, 10),
        slot_2=school_day(31, 14),
        slot_3=school_day(38, 10),
        place="Collège Louise-Michel",
        room="Salle 12",
        pupils_count=24,
    )

    # 2. Proposed to the demo professional: he accepts or declines from « Mon espace ».
    proposed, created = _request(
        teacher,
        school,
        [classes["4e B"]],
        "Une visite de la boulangerie du quartier l'an dernier, en 5e.",
        sheets=find_metiers(["boulang"]),
        format=Format.IN_CLASS,
        slot_1=school_day(17, 9),
        slot_2=school_day(22, 14),
        place="Collège Louise-Michel",
        room="Salle de technologie",
        pupils_count=24,
    )
    if created:
        workflow.apply(staff, proposed, "propose", speaker=baker)


def _confirmed_and_done(staff, teacher, volunteer, school, classes, baker, engineer):
    """A request confirmed with 3e A booked, and one done (the past workshop with its feedback)."""
    # 3. Confirmed, 3e A booked (Inès and Lina, who have consent; Yanis and Sarah are not).
    confirmed, created = _request(
        teacher,
        school,
        [classes["3e A"]],
        "La classe a commencé à coder en Scratch en technologie.",
        sheets=find_metiers(["informatique"]),
        format=Format.TALK,
        slot_1=school_day(10, 10),
        slot_2=school_day(12, 14),
        place="Collège Louise-Michel",
        room="Salle informatique",
        pupils_count=26,
    )
    if created:
        confirmed = workflow.apply(staff, confirmed, "propose", speaker=engineer)
        confirmed = workflow.apply(volunteer, confirmed, "accept")
        workflow.apply(teacher, confirmed, "confirm", slot=confirmed.slot_1)

    # 4. Done: the past « Soigner au quotidien » workshop (its attendance and feedback are ateliers' demo).
    past = Session.objects.filter(page__slug="soigner-au-quotidien").first()
    if past is not None and not WorkshopRequest.objects.filter(teacher=teacher, state=State.DONE).exists():
        moment = past.starts_at
        done, _created = _request(
            teacher,
            school,
            [classes["3e A"]],
            "Première rencontre avec des soignants.",
            sheets=[link.metier for link in past.page.related_metiers.all()][:3],
            format=Format.IN_CLASS,
            slot_1=moment,
            slot_2=moment + datetime.timedelta(days=1),
            place="CDI du collège Louise-Michel",
            pupils_count=20,
            speaker=baker,
            confirmed_slot=moment,
            session=past,
            state=State.DONE,
        )

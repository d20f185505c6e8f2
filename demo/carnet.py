"""Demo orientation notebooks (carnet): Inès's, with the sheets she marked, the workshops she attended and
her stage (from the ateliers and stages demos), two wishes linked to sheets, a question her teacher
answered and a comment from her parent; three more pupils of 3e A with their family's consent, only one of
them with a wish, so that the teacher's class view shows who has none yet; Lina has a question waiting for
an answer; the demo collège's orientation calendar (provisional wishes, meeting, final wishes). Idempotent: pupils by identifier, marks by sheet, wishes by rank, questions and comments by text."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import consent
from accounts.models import ConsentRecord, School, SchoolClass, User, current_school_year
from accounts.roles import Role
from carnet.models import InterestMark, ParentComment, Path, Question, Step, Wish
from metiers.models import MetierPage

from .content import SCHOOL, USERS
from .orientation import find_metiers
from .pupils import PUPIL_PASSWORD

# (identifier, first name, last name, birth date, wish or None)
CLASSMATES = [
    ("hibou-cerise-12", "Bilal", "Haddad", (2012, 5, 4), (Path.GENERAL, "")),
    ("loutre-menthe-27", "Chloé", "Martin", (2012, 8, 19), None),
    ("zebre-citron-84", "Fatou", "Camara", (2012, 1, 30), None),
]
QUESTION = "Est-ce qu'on peut faire un CAP en apprentissage si on n'a pas encore de patron ?"
ANSWER = (
    "Oui : tu peux t'inscrire au CFA et chercher ton entreprise jusqu'à la rentrée. On en parle avec la "
    "conseillère d'orientation jeudi."
)
LINA_QUESTION = "C'est quoi la différence entre un bac pro et un bac techno ?"
COMMENT = "Nous sommes fiers de toi, Inès. On ira voir le lycée des métiers ensemble aux portes ouvertes."


def _sheets():
    sheets = find_metiers(["boulang", "pâtiss", "infirmi", "soign"])
    if len(sheets) < 3:  # the small catalogue extract of the tests
        sheets += [s for s in MetierPage.objects.live().order_by("title")[:3] if s not in sheets]
    return sheets[:3]


def _email(role):
    return next(email for r, email, *_rest in USERS if r == role)


def load(command, home):
    ines = User.objects.get(identifier="colibri-olive-26")
    lina = User.objects.get(identifier="volcan-perle-58")
    teacher = User.objects.get(email=_email(Role.TEACHER))
    parent = User.objects.get(email="parent@demo.unstageetapres.fr")
    sheets = _sheets()
    now = timezone.now()
    for index, sheet in enumerate(sheets):
        InterestMark.objects.get_or_create(
            pupil=ines, sheet=sheet, defaults={"created_at": now - datetime.timedelta(days=30 - index)}
        )
    wishes = [
        (1, Path.CAP, "Boulanger", "J'ai adoré le fournil à l'atelier, je veux faire ça tous les jours.", sheets[:1]),
        (2, Path.VOCATIONAL, "Accompagnement, soins et services à la personne", "", sheets[2:3] or sheets[:1]),
    ]
    for rank, path, field, note, linked in wishes:
        wish, _created = Wish.objects.update_or_create(
            pupil=ines, rank=rank, defaults={"path": path, "field": field, "note": note}
        )
        wish.sheets.set(linked)
    Question.objects.get_or_create(
        pupil=ines,
        text=QUESTION,
        defaults={"answer": ANSWER, "answered_by": teacher, "answered_at": now - datetime.timedelta(days=2)},
    )
    ParentComment.objects.get_or_create(pupil=ines, text=COMMENT, defaults={"author": parent})
    Question.objects.get_or_create(pupil=lina, text=LINA_QUESTION)
    _classmates()
    _calendar()
    command.stdout.write("Carnets d'orientation : Inès (2 vœux), la 3e A (élèves sans vœu).")


def _classmates():
    school = School.objects.get(uai=SCHOOL["uai"])
    school_class = SchoolClass.objects.get(school=school, name="3e A", school_year=current_school_year())
    group = Group.objects.get(name=Role.PUPIL)
    for identifier, first, last, born, wish in CLASSMATES:
        pupil = User.objects.filter(identifier=identifier).first()
        if pupil is None:
            pupil = User(identifier=identifier, first_name=first, last_name=last, is_active=True)
            pupil.activated_at = timezone.now()
            pupil.set_password(PUPIL_PASSWORD)
        pupil.school_class, pupil.birth_date = school_class, datetime.date(*born)
        pupil.save()
        pupil.groups.add(group)
        if not pupil.consent_records.exists():
            consent.record(pupil, "given", ConsentRecord.Method.CODE, by_name="Parent de démonstration")
        if wish:
            Wish.objects.update_or_create(pupil=pupil, rank=1, defaults={"path": wish[0], "field": wish[1]})


def _calendar():
    """The demo collège's orientation year: provisional wishes in February, the family–teacher meeting in
    March, final wishes in May."""
    school = School.objects.get(uai=SCHOOL["uai"])
    year = int(current_school_year()[5:])
    for kind, month, day in [(Step.Kind.PROVISIONAL, 2, 13), (Step.Kind.MEETING, 3, 6), (Step.Kind.FINAL, 5, 29)]:
        Step.objects.get_or_create(school=school, kind=kind, defaults={"on": datetime.date(year, month, day)})

"""Demo pupils of the demo collège, for activation and consent: activated pupils with and without a
parent's consent, a pupil of 15 who agreed herself, a refusal, one parent who agreed and one whose answer
is pending, and a class (4e B) whose pupils have not activated yet, so the teacher can print its cards.
Idempotent: pupils are found by identifier, parents by email; decisions are added once."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import consent
from accounts.models import ConsentRecord, School, SchoolClass, User, current_school_year
from accounts.roles import Role

from .content import SCHOOL, USERS

PUPIL_PASSWORD = "demo-eleve-2026"  # noqa: S105 - demo accounts, refused outside development
# (identifier, first name, last name, class, birth date, activated, decision, parent email)
PUPILS = [
    ("colibri-olive-26", "Inès", "Diallo", "3e A", (2012, 3, 10), True, "given", "parent@demo.unstageetapres.fr"),
    ("renard-piano-41", "Yanis", "Benkacem", "3e A", (2012, 9, 2), True, None, "parent2@demo.unstageetapres.fr"),
    ("volcan-perle-58", "Lina", "Morel", "3e A", (2011, 1, 15), True, "self", None),
    ("tortue-nuage-73", "Sarah", "Nguyen", "3e A", (2012, 6, 21), True, "refused", None),
    ("koala-sapin-35", "Moussa", "Traoré", "4e B", (2013, 4, 3), False, None, None),
    ("melon-comete-62", "Jade", "Lefebvre", "4e B", (2013, 11, 28), False, None, None),
    ("castor-tulipe-19", "Adam", "Rahmani", "4e B", (2013, 2, 7), False, None, None),
]


def load(command, home):
    school = School.objects.get(uai=SCHOOL["uai"])
    classes = {c.name: c for c in SchoolClass.objects.filter(school=school, school_year=current_school_year())}
    pupil_group = Group.objects.get(name=Role.PUPIL)
    parent_group = Group.objects.get(name=Role.PARENT)
    teacher_email = next(email for role, email, *_rest in USERS if role == Role.TEACHER)
    teacher = User.objects.get(email=teacher_email)
    for school_class in classes.values():
        school_class.teachers.add(teacher)
    demo_pupil_email = next(email for role, email, *_rest in USERS if role == Role.PUPIL)
    now = timezone.now()
    for identifier, first, last, class_name, born, activated, decision, parent_email in PUPILS:
        pupil = User.objects.filter(identifier=identifier).first()
        if pupil is None and first == "Inès":
            pupil = User.objects.filter(email=demo_pupil_email).first()
        pupil = pupil or User(identifier=identifier)
        pupil.identifier, pupil.first_name, pupil.last_name = identifier, first, last
        pupil.school_class = classes[class_name]
        pupil.birth_date = datetime.date(*born)
        if activated:
            pupil.is_active = True
            pupil.activated_at = pupil.activated_at or now
            pupil.set_password(PUPIL_PASSWORD)
        else:
            pupil.is_active = False
            pupil.set_unusable_password()
        pupil.save()
        pupil.groups.add(pupil_group)
        parent = None
        if parent_email:
            parent = User.objects.filter(email=parent_email).first()
            if parent is None:
                parent = User(email=parent_email, first_name="Karima", last_name="Benkacem", is_active=False)
                parent.set_unusable_password()
                parent.save()
            parent.groups.add(parent_group)
            parent.children.add(pupil)
        if decision and not pupil.consent_records.exists():
            if decision == "self":
                consent.record(pupil, "given", ConsentRecord.Method.SELF, by_user=pupil)
            elif decision == "given":
                consent.record(pupil, "given", ConsentRecord.Method.CODE, by_user=parent)
            else:
                consent.record(pupil, decision, ConsentRecord.Method.CODE, by_name="Parent de démonstration")
    command.stdout.write("Élèves de démonstration (identifiant / mot de passe) :")
    for identifier, first, _last, class_name, _born, activated, _decision, _parent in PUPILS:
        state = PUPIL_PASSWORD if activated else "(à activer : imprimez les cartes de la classe)"
        command.stdout.write(f"  {class_name:<5} {first:<7} {identifier:<18} {state}")

"""The CV help demo: loaded twice without duplicates; a letter with two versions and comments, one held
for staff, and a second volunteer whose expired attestation keeps them from being assigned; the demo CVs
name the demo pupils' own collège."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

import pytest

from accompagnement import assignment, pupil_text
from accompagnement.models import Comment, CommentStatus, Document, Version
from accounts.models import User

pytestmark = pytest.mark.django_db


def counts():
    return (Document.objects.count(), Version.objects.count(), Comment.objects.count())


def test_demo_loads_twice_with_versions_a_held_comment_and_an_expired_volunteer(settings, client):
    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())
    first = counts()
    call_command("load_demo", "--skip-index", stdout=StringIO())
    assert counts() == first

    letter = Document.objects.get(pupil__email="eleve@demo.unstageetapres.fr", kind="lettre")
    assert letter.versions.count() == 2
    assert Comment.objects.filter(status=CommentStatus.HELD).count() == 1
    patrick = User.objects.get(email="benevole2@demo.unstageetapres.fr")
    assert any("attestation" in reason for reason in assignment.refusals(patrick))

    claire = User.objects.get(email="benevole@demo.unstageetapres.fr")
    assert assignment.refusals(claire) == []
    client.force_login(claire)
    space = client.get(reverse("accompagnement:volunteer")).content.decode()
    assert "Lettre de motivation d'Inès" in space
    assert "Règles de protection des mineurs" in space


def test_demo_cvs_name_the_demo_pupils_collège_and_hold_no_contact_details(settings):
    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())
    cvs = list(Document.objects.filter(kind="cv").select_related("pupil__school_class__school"))
    assert {cv.pupil.first_name for cv in cvs} >= {"Inès", "Lina"}
    for cv in cvs:
        school = cv.pupil.school_class.school.name
        if cv.pupil.first_name in {"Inès", "Lina"}:
            assert school == "Collège Louise-Michel"
        assert school in cv.sections["school"]  # each CV names its pupil's own collège
        assert all(school in v.sections["school"] for v in cv.versions.all())
    for holder in [*Document.objects.all(), *Version.objects.all()]:
        assert "Jean-Moulin" not in str(holder.sections)
        assert (
            pupil_text.review_refusals(
                holder.document.kind if isinstance(holder, Version) else holder.kind, holder.sections
            )
            == []
        )


def test_a_demo_loaded_before_gets_the_right_collège(settings):
    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())
    cv = Document.objects.get(pupil__email="eleve@demo.unstageetapres.fr", kind="cv")
    old = {**cv.sections, "school": "3e A – Collège Jean-Moulin, déléguée de classe"}
    Document.objects.filter(pk=cv.pk).update(sections=old)
    cv.versions.update(sections=old)
    call_command("load_demo", "--skip-index", stdout=StringIO())
    cv.refresh_from_db()
    assert cv.sections["school"] == "3e A – Collège Louise-Michel, déléguée de classe"
    assert cv.versions.get(number=1).sections["school"] == cv.sections["school"]

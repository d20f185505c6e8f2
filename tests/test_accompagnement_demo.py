"""The CV help demo: loaded twice without duplicates; a letter with two versions and comments, one held
for staff, and a second volunteer whose expired attestation keeps them from being assigned."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

import pytest

from accompagnement import assignment
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

"""The demo content command: idempotent, and refused outside development unless forced."""

from io import StringIO

from django.core.management import CommandError, call_command

from wagtail.models import Page

import pytest

from accounts.models import School, SchoolClass, User
from demo import content
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "home_pages": HomePage.objects.count(),
        "standard_pages": StandardPage.objects.count(),
        "users": User.objects.count(),
        "schools": School.objects.count(),
        "classes": SchoolClass.objects.count(),
    }


def test_running_the_demo_twice_duplicates_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    first = snapshot()

    settings.DEBUG = False
    call_command("load_demo", "--allow-production", stdout=StringIO())

    assert snapshot() == first
    assert first["home_pages"] == 1 + len(content.HOME_TRANSLATIONS)
    assert first["standard_pages"] == len(content.LEGAL_PAGES)
    assert first["users"] == len(content.USERS)
    assert first["schools"] == 1
    assert first["classes"] == len(content.CLASSES)
    # Only the site's pages: the tree root, three home pages (fr, en, ar) and the legal pages.
    assert first["pages"] == 1 + first["home_pages"] + first["standard_pages"]


def test_demo_site_is_served_in_three_languages_with_working_logins(settings, client):
    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())

    assert content.HOME["hero_title"] in client.get("/fr/").content.decode()
    assert content.HOME_TRANSLATIONS["en"]["hero_title"] in client.get("/en/").content.decode()
    assert content.HOME_TRANSLATIONS["ar"]["hero_title"] in client.get("/ar/").content.decode()
    assert client.get("/fr/mentions-legales/").status_code == 200

    _role, email, _first, _last, password = next(user for user in content.USERS if user[0] == "Élève")
    response = client.post("/fr/compte/connexion/", {"username": email, "password": password}, follow=True)
    assert "Tu es en 3e A au collège Collège Louise-Michel." in response.content.decode()


def test_demo_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    before = snapshot()

    with pytest.raises(CommandError, match="refusé hors développement"):
        call_command("load_demo", stdout=StringIO())

    assert snapshot() == before
    assert not User.objects.filter(email__endswith="@demo.unstageetapres.fr").exists()

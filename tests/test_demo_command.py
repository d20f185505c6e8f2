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
    # Each foundation demo object exists exactly once (content apps add their own demo modules).
    assert HomePage.objects.count() == 1 + len(content.HOME_TRANSLATIONS)
    for page in content.LEGAL_PAGES:
        assert StandardPage.objects.filter(slug=page["slug"]).count() == 1
    for _role, email, *_rest in content.USERS:
        assert User.objects.filter(email__iexact=email).count() == 1
    assert School.objects.filter(uai=content.SCHOOL["uai"]).count() == 1
    assert sorted(SchoolClass.objects.filter(school__uai=content.SCHOOL["uai"]).values_list("name", flat=True)) == [
        name for name, _level in sorted(content.CLASSES)
    ]


def test_demo_site_is_served_in_three_languages_with_working_logins(settings, client):
    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())

    assert content.HOME["hero_title"] in client.get("/fr/").content.decode()
    assert content.HOME_TRANSLATIONS["en"]["hero_title"] in client.get("/en/").content.decode()
    assert content.HOME_TRANSLATIONS["ar"]["hero_title"] in client.get("/ar/").content.decode()
    assert client.get("/fr/mentions-legales/").status_code == 200

    _role, email, _first, _last, password = next(user for user in content.USERS if user[0] == "Élève")
    response = client.post("/fr/compte/connexion/", {"username": email, "password": password}, follow=True)
    assert "Tu es en 3e A, Collège Louise-Michel." in response.content.decode()


def test_demo_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    before = snapshot()

    with pytest.raises(CommandError, match="refusé hors développement"):
        call_command("load_demo", stdout=StringIO())

    assert snapshot() == before
    assert not User.objects.filter(email__endswith="@demo.unstageetapres.fr").exists()


def test_the_demo_leaves_no_task_and_sends_no_mail_with_the_database_queue(settings):
    """In production-like settings (the database queue), the demo's tasks run at once and its mails to demo
    addresses go nowhere: nothing is left queued, nor failed later."""
    from django.core import mail

    from django_tasks_db.models import DBTaskResult

    settings.DEBUG = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("load_demo", "--skip-index", stdout=StringIO())

    assert not DBTaskResult.objects.exists()
    assert mail.outbox == []

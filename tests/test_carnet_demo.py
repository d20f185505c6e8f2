"""The demo's orientation notebooks: Inès's with discoveries (her stage and its report among them), two wishes and
her parent's comment; the demo
teacher's class view with pupils who have no wish yet; loading twice adds nothing."""

from io import StringIO

from django.core.management import call_command

import pytest

from accounts.models import User
from carnet.models import InterestMark, ParentComment, Question, Wish

pytestmark = pytest.mark.django_db


def counts():
    return tuple(model.objects.count() for model in (InterestMark, Wish, Question, ParentComment, User))


def test_ines_notebook_and_the_class_view(settings, client):
    settings.DEBUG = True
    call_command("load_demo", "--skip-index", stdout=StringIO())
    first = counts()
    call_command("load_demo", "--skip-index", stdout=StringIO())
    assert counts() == first

    ines = User.objects.get(identifier="colibri-olive-26")
    client.post("/fr/compte/connexion/", {"username": "colibri-olive-26", "password": "demo-eleve-2026"})
    page = client.get(f"/fr/carnet/eleves/{ines.pk}/").content.decode()
    assert ines.orientation_wishes.count() == 2
    assert "Accompagnement, soins et services à la personne" in page
    assert "Nous sommes fiers de toi" in page
    assert "Soigner au quotidien" in page or "soigner" in page.lower()  # a workshop she attended
    assert ines.interest_marks.count() == 3
    assert "Boulangerie du Marché" in page and "façonné des baguettes" in page  # her stage and its report

    client.logout()
    client.post("/fr/compte/connexion/", {"username": "parent@demo.unstageetapres.fr", "password": "demo-parent-2026"})
    assert "Nous sommes fiers de toi" in client.get(f"/fr/carnet/eleves/{ines.pk}/").content.decode()

    client.logout()
    client.post(
        "/fr/compte/connexion/", {"username": "professeur@demo.unstageetapres.fr", "password": "demo-professeur-2026"}
    )
    space = client.get("/fr/compte/mon-espace/").content.decode()
    assert "L&#x27;orientation de la 3e A" in space or "L'orientation de la 3e A" in space
    page = client.get(f"/fr/carnet/classes/{ines.school_class.pk}/").content.decode()
    without = page.split('id="class-without"')[1].split("</section>")[0]
    assert "Chloé" in without and "Fatou" in without and "Lina" in without and "Inès" not in without
    waiting = page.split('id="class-waiting"')[1].split("</section>")[0]
    assert "Lina" in waiting

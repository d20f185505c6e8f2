"""A class's activation: the teacher prints the activation sheet, a pupil activates with their card and
chooses a password, a parent opens the emailed consent link on a 375 px wide phone and agrees, and the
pupil's « Mon espace » shows the consent. axe-core checks every page on the way."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

from accounts.factories import ParentFactory
from accounts.models import User

from .conftest import assert_no_axe_violations, login, open_menu

pytestmark = pytest.mark.e2e

TEACHER = ("professeur@demo.unstageetapres.fr", "demo-professeur-2026")
PASSWORD = "xylophone-kiwi-wombat-8431"  # no identifier word: see test_accounts_activation.py


@pytest.fixture
def moussa(demo_content):
    """A pupil of the demo class 4e B, not activated yet, whose mother's address is known."""
    pupil = User.objects.get(identifier="koala-sapin-35")
    parent = ParentFactory(first_name="Fatou", last_name="Traoré", email="fatou.traore@example.org")
    parent.children.add(pupil)
    return pupil


def assert_no_horizontal_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    assert width <= viewport, f"{page.url} scrolls sideways: {width} px > {viewport} px"


def test_a_class_is_activated_and_a_parent_agrees_on_a_phone(desktop_page, mobile_page, new_context, base_url, moussa):
    # The teacher prints the activation sheet of 4e B from « Mon espace ».
    teacher = desktop_page
    login(teacher, base_url, *TEACHER)
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Mon espace")
    assert_no_axe_violations(teacher)
    teacher.get_by_role("link", name=re.compile(r"^4e B")).click()
    expect(teacher.get_by_role("heading", level=1)).to_contain_text("4e B")
    expect(teacher.get_by_role("row", name=re.compile("Traoré Moussa"))).to_contain_text("Pas encore activé")
    assert_no_axe_violations(teacher)
    teacher.get_by_role("button", name="Imprimer la feuille d'activation de la classe").click()
    expect(teacher.get_by_role("heading", level=1)).to_contain_text("Cartes d'activation – 4e B")
    card = teacher.locator(".activation-card", has_text="Moussa")
    identifier = card.locator("dt:has-text('Identifiant') + dd").inner_text().strip()
    code = card.locator('dt:has-text("Code d\'activation") + dd').inner_text().strip()
    assert identifier == "koala-sapin-35"
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert code not in teacher.url
    assert_no_axe_violations(teacher)
    teacher.emulate_media(media="print")
    expect(teacher.get_by_role("banner")).to_be_hidden()
    expect(card).to_be_visible()
    teacher.emulate_media(media="screen")

    # The teacher also sends the consent link to the parents whose address is known.
    teacher.go_back()
    teacher.get_by_role("button", name="Envoyer la demande d'accord aux parents par e-mail").click()
    expect(teacher.locator(".messages")).to_contain_text("1 e-mail(s) de demande d'accord")
    message = next(m for m in mail.outbox if m.to == ["fatou.traore@example.org"])
    link = re.search(r"https?://\S+/fr/compte/accord/lien/\S+/", message.body).group(0)

    # Moussa activates his account with his card, on a phone.
    pupil = mobile_page
    pupil.goto(base_url + "/fr/compte/activation/")
    expect(pupil.get_by_role("heading", level=1)).to_have_text("Activer mon compte")
    assert_no_axe_violations(pupil)
    pupil.get_by_label("Ton identifiant").fill(identifier)
    pupil.get_by_label("Ton code d'activation").fill(code.lower())
    pupil.get_by_label("Choisis ton mot de passe").fill(PASSWORD)
    pupil.get_by_label("Écris-le une deuxième fois").fill(PASSWORD)
    pupil.get_by_role("button", name="Activer mon compte").click()
    expect(pupil).to_have_url(f"{base_url}/fr/compte/mon-espace/")
    parcours = pupil.get_by_role("region", name="Mon parcours")
    expect(parcours).to_contain_text("En attente de l'accord d'un parent")
    expect(parcours).to_contain_text("koala-sapin-35")
    assert_no_axe_violations(pupil)

    # His mother opens the link on a 375 px wide phone, reads the text and agrees.
    parent = new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True).new_page()
    parent.goto(link)
    expect(parent).to_have_url(f"{base_url}/fr/compte/accord/reponse/")
    expect(parent.get_by_role("heading", level=1)).to_have_text("Accord pour Moussa")
    expect(
        parent.get_by_role("heading", name="Ce que fait le portail avec les données de votre enfant")
    ).to_be_visible()
    expect(parent.get_by_label("Votre prénom et votre nom")).to_have_value("Fatou Traoré")
    assert_no_horizontal_scroll(parent)
    assert_no_axe_violations(parent)
    parent.get_by_label("J'accepte").check()
    parent.get_by_role("button", name="Envoyer ma réponse").click()
    expect(parent.get_by_role("heading", level=1)).to_have_text("Merci pour votre réponse")
    expect(parent.get_by_text("Votre accord est enregistré.")).to_be_visible()
    assert_no_horizontal_scroll(parent)
    assert_no_axe_violations(parent)

    # Moussa's « Mon espace » shows the consent; he can log in again with his identifier.
    pupil.reload()
    expect(pupil.get_by_role("region", name="Mon parcours")).to_contain_text("Accord donné")
    assert_no_axe_violations(pupil)
    open_menu(pupil)  # on a phone, « Se déconnecter » is in the header's menu
    pupil.get_by_role("button", name="Se déconnecter").click()
    login(pupil, base_url, identifier, PASSWORD)
    expect(pupil).to_have_url(f"{base_url}/fr/compte/mon-espace/")


def test_a_parent_withdraws_consent_and_downloads_the_childs_data(new_context, base_url, demo_content):
    """The demo parent, on a 375 px phone: her child's consent, its withdrawal, the child's data."""
    parent = new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True).new_page()
    login(parent, base_url, "parent@demo.unstageetapres.fr", "demo-parent-2026")
    children = parent.get_by_role("region", name="Mes enfants", exact=True)
    expect(children).to_contain_text("Accord donné")
    assert_no_horizontal_scroll(parent)
    assert_no_axe_violations(parent)

    children.get_by_role("link", name="Donner, refuser ou retirer l'accord pour Inès").click()
    expect(parent.get_by_role("heading", level=1)).to_have_text("Accord pour Inès")
    assert_no_horizontal_scroll(parent)
    assert_no_axe_violations(parent)
    parent.get_by_role("button", name="Retirer mon accord").click()
    # A confirmation first, listing what will stop (the demo CV help of Inès).
    expect(parent.get_by_role("heading", level=1)).to_have_text("Retirer votre accord pour Inès")
    expect(parent.locator(".stopped-list")).to_contain_text("la relecture par un bénévole s'arrête")
    assert_no_horizontal_scroll(parent)
    assert_no_axe_violations(parent)
    parent.get_by_role("button", name="Je confirme : je retire mon accord").click()
    expect(parent.get_by_role("region", name="Mes enfants", exact=True)).to_contain_text("Accord retiré")

    parent.get_by_role("link", name="Voir et télécharger les données d'Inès").click()
    expect(parent.get_by_role("heading", level=1)).to_have_text("Les données d'Inès")
    expect(parent.get_by_text("colibri-olive-26")).to_be_visible()
    assert_no_horizontal_scroll(parent)
    assert_no_axe_violations(parent)
    with parent.expect_download() as download:
        parent.get_by_role("link", name="Télécharger le fichier (JSON)").click()
    assert download.value.suggested_filename == "donnees-enfant.json"

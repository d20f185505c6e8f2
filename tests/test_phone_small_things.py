"""Issue 28's small things a pupil, a parent or a professional notices on a phone: no empty pre-selected
« --------- » answer in a group of radio buttons; the activation form keeps the code and says what each
missing field is; a page answering a POST links its languages to a GET address (no 405); canonical and
hreflang links from the site's configured address, never http://localhost/."""

import html
import re

from django.urls import reverse

from wagtail.models import Site

import pytest

from accounts import activation
from accounts.factories import NewPupilFactory, SchoolClassFactory, TeacherFactory
from ateliers.forms import FeedbackForm
from stages.forms_after import AppreciationForm

pytestmark = pytest.mark.django_db

EMPTY_CHOICE = "---------"


def text(response):
    return html.unescape(response.content.decode())


def checked_radios(content):
    return re.findall(r'<input type="radio"[^>]*\bchecked\b[^>]*>', content)


def test_the_proposal_form_has_no_empty_answer_ticked_before_or_after_an_error(client):
    page = text(client.get("/fr/stages/proposer/"))
    assert "Accueillir un élève en stage" in page
    assert EMPTY_CHOICE not in page
    assert checked_radios(page) == []

    refused = text(client.post("/fr/stages/proposer/", {"organisation": "Boulangerie du Marché"}))
    assert "Choisissez ce que vous proposez." in refused
    assert EMPTY_CHOICE not in refused
    assert checked_radios(refused) == []
    # The error summary's link leads to the first real answer, which exists.
    assert 'href="#id_kind_0"' in refused
    assert 'id="id_kind_0"' in refused


@pytest.mark.parametrize("form_class", [AppreciationForm, FeedbackForm])
def test_the_host_appreciation_and_the_workshop_feedback_offer_only_real_answers(form_class):
    form = form_class()
    for name, field in form.fields.items():
        if getattr(field.widget, "input_type", None) == "radio":
            rendered = str(form[name])
            assert EMPTY_CHOICE not in rendered, name
            assert checked_radios(rendered) == [], name
            assert 'value=""' not in rendered, name


@pytest.fixture
def card():
    pupil = NewPupilFactory(school_class=SchoolClassFactory(name="3e B"), first_name="Inès")
    (card,) = activation.issue_cards([pupil])
    return card


def test_activation_keeps_the_code_after_a_password_error_and_names_each_missing_field(client, card):
    url = reverse("accounts:activate")
    mismatch = text(
        client.post(
            url,
            {
                "identifier": card.identifier,
                "code": card.activation_code,
                "password1": "xylophone-kiwi-wombat-8431",
                "password2": "xylophone-kiwi-wombat-8432",
            },
        )
    )
    assert "Les deux mots de passe ne sont pas les mêmes." in mismatch
    assert f'value="{card.activation_code}"' in mismatch
    assert f'value="{card.identifier}"' in mismatch

    empty = text(client.post(url, {"identifier": "", "code": ""}))
    assert "Champ requis." not in empty
    for message in (
        "Recopie ton identifiant : il est écrit sur ta carte",
        "Recopie ton code d'activation : il est écrit sur ta carte",
        "Choisis ton mot de passe.",
        "Écris ton mot de passe une deuxième fois",
    ):
        assert message in empty
    card.pupil.refresh_from_db()
    assert not card.pupil.is_active


def test_the_printed_cards_link_their_languages_to_the_class_page_not_to_the_post_only_address(client, home_page):
    school_class = SchoolClassFactory(name="3e B")
    teacher = TeacherFactory()
    school_class.teachers.add(teacher)
    NewPupilFactory(school_class=school_class)
    client.force_login(teacher)

    sheet = client.post(reverse("accounts:class_cards", args=[school_class.pk])).content.decode()

    switcher = sheet[sheet.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    cards_path = reverse("accounts:class_cards", args=[school_class.pk]).split("/", 2)[2]
    assert cards_path not in switcher
    links = re.findall(r'href="([^"]+)"', switcher)
    assert len(links) == 3
    for link in links:
        assert client.get(link).status_code == 200, link


def test_canonical_and_hreflang_come_from_the_configured_address(client, home_page, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portail.example.org"
    site = Site.objects.get(is_default_site=True)
    assert site.hostname == "localhost"  # Wagtail's default site: nobody configured it

    page = client.get("/fr/").content.decode()
    assert '<link rel="canonical" href="https://portail.example.org/fr/">' in page
    assert "http://localhost/" not in page

    site.hostname, site.port = "unstageetapres.example.fr", 443
    site.save()
    page = client.get("/fr/", HTTP_HOST="unstageetapres.example.fr").content.decode()
    assert '<link rel="canonical" href="https://unstageetapres.example.fr/fr/">' in page

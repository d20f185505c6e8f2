"""Activation by class: printing cards, activating with a card, logging in with the identifier."""

import datetime
import html
import re

from django.urls import reverse
from django.utils import timezone

import pytest

from accounts import activation
from accounts.factories import NewPupilFactory, PupilFactory, SchoolClassFactory, TeacherFactory
from accounts.models import AccessCode

pytestmark = pytest.mark.django_db

BAD_CODE = "Identifiant ou code incorrect, ou code déjà utilisé ou expiré."
# No word of the identifiers (accounts.activation.WORDS): Django refuses a password too close to the
# random identifier, which made a test fail now and then with a shorter password.
GOOD_PASSWORD = "xylophone-kiwi-wombat-8431"


@pytest.fixture
def school_class():
    return SchoolClassFactory(name="3e B")


@pytest.fixture
def teacher(school_class):
    teacher = TeacherFactory()
    school_class.teachers.add(teacher)
    return teacher


@pytest.fixture
def card(school_class):
    pupil = NewPupilFactory(school_class=school_class, first_name="Inès")
    (card,) = activation.issue_cards([pupil])
    return card


def text(response):
    return html.unescape(response.content.decode())


def activate(client, identifier, code, password=GOOD_PASSWORD, password2=None, email=""):
    return client.post(
        reverse("accounts:activate"),
        {
            "identifier": identifier,
            "code": code,
            "password1": password,
            "password2": password2 or password,
            "email": email,
        },
    )


def test_the_sheet_gives_every_pupil_an_identifier_that_is_not_their_name_and_codes_stored_hashed(
    client, teacher, school_class
):
    pupils = NewPupilFactory.create_batch(3, school_class=school_class)
    client.force_login(teacher)

    response = client.post(reverse("accounts:class_cards", args=[school_class.pk]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    for pupil in pupils:
        pupil.refresh_from_db()
        assert re.fullmatch(r"[a-z]+-[a-z]+-\d\d", pupil.identifier)
        assert pupil.last_name.lower() not in pupil.identifier
        assert pupil.identifier in content
    codes = re.findall(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}\b", content)
    assert len(codes) == 6  # an activation code and a parent code per pupil
    stored = list(AccessCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 6
    for code in codes:
        assert code not in content.replace(code, "", 1)  # each code printed once
        assert all(code.replace("-", "") not in value for value in stored)


def test_printing_again_leaves_one_valid_code_per_pupil(client, card):
    second = activation.issue_cards([card.pupil])[0]

    assert AccessCode.objects.filter(pupil=card.pupil, purpose=AccessCode.Purpose.ACTIVATION).count() == 1
    assert activate(client, card.identifier, card.activation_code).status_code == 200  # old card refused
    response = activate(client, second.identifier, second.activation_code)
    assert response.status_code == 302


def test_a_good_code_activates_the_account_logs_in_and_spends_the_code(client, card):
    response = activate(
        client, card.identifier, card.activation_code.lower().replace("-", " "), email="ines@example.org"
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    card.pupil.refresh_from_db()
    assert card.pupil.is_active
    assert card.pupil.check_password(GOOD_PASSWORD)
    assert card.pupil.email == "ines@example.org"
    assert card.pupil.activated_at is not None
    dashboard = client.get(reverse("accounts:dashboard"))
    assert card.identifier in dashboard.content.decode()


def test_a_wrong_code_is_refused_with_one_message_and_what_was_typed_kept(client, card):
    response = activate(client, card.identifier, "ABCD-EFGH")

    content = response.content.decode()
    assert BAD_CODE in content
    assert f'value="{card.identifier}"' in content
    # The typed code stays, so that the pupil can spot and fix one wrong letter instead of starting over.
    assert 'value="ABCD-EFGH"' in content
    card.pupil.refresh_from_db()
    assert not card.pupil.is_active


def test_an_unknown_identifier_gets_the_same_message_as_a_wrong_code(client, card):
    unknown = activate(client, "personne-inconnue-99", card.activation_code).content.decode()
    wrong = activate(client, card.identifier, "ABCD-EFGH").content.decode()

    assert BAD_CODE in unknown
    assert BAD_CODE in wrong


def test_an_expired_code_is_refused(client, card):
    AccessCode.objects.filter(pupil=card.pupil).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    response = activate(client, card.identifier, card.activation_code)

    assert BAD_CODE in response.content.decode()
    card.pupil.refresh_from_db()
    assert not card.pupil.has_usable_password()


def test_a_used_code_cannot_activate_twice(client, card):
    activate(client, card.identifier, card.activation_code)
    client.logout()

    response = activate(client, card.identifier, card.activation_code, password="autre-mot-de-passe-2026")

    assert BAD_CODE in response.content.decode()
    card.pupil.refresh_from_db()
    assert card.pupil.check_password(GOOD_PASSWORD)


def test_a_weak_password_is_explained_in_french_and_the_code_stays_valid(client, card):
    response = activate(client, card.identifier, card.activation_code, password="12345678")

    content = response.content.decode()
    assert "Ce mot de passe est entièrement numérique" in content or "trop courant" in content
    assert activate(client, card.identifier, card.activation_code).status_code == 302


def test_different_passwords_are_refused(client, card):
    response = activate(client, card.identifier, card.activation_code, password2="autre-chose-2026")

    assert "Les deux mots de passe ne sont pas les mêmes." in response.content.decode()


def test_a_malformed_code_is_explained(client, card):
    response = activate(client, card.identifier, "123")

    assert "Le code compte 8 lettres ou chiffres" in response.content.decode()


def test_attempts_are_throttled_per_identifier(client, card):
    for _ in range(5):
        activate(client, card.identifier, "ABCD-EFGH")

    response = activate(client, card.identifier, card.activation_code)

    assert "Trop d'essais" in text(response)
    card.pupil.refresh_from_db()
    assert not card.pupil.is_active


def test_attempts_are_throttled_per_address_across_identifiers(client, card):
    for number in range(60):
        activate(client, f"inconnu-{number}", "ABCD-EFGH")

    response = activate(client, card.identifier, card.activation_code)

    assert "Trop d'essais" in text(response)


def test_another_address_is_not_blocked_by_a_blocked_address(client, card):
    for number in range(60):
        activate(client, f"inconnu-{number}", "ABCD-EFGH")

    response = client.post(
        reverse("accounts:activate"),
        {
            "identifier": card.identifier,
            "code": card.activation_code,
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
        },
        REMOTE_ADDR="10.0.0.2",
    )

    assert response.status_code == 302


def test_codes_never_appear_in_addresses(client, teacher, school_class, card):
    client.force_login(teacher)
    detail = client.get(reverse("accounts:class_detail", args=[school_class.pk])).content.decode()

    assert card.activation_code not in detail
    assert 'method="post"' in detail
    for href in re.findall(r'href="([^"]+)"', detail):
        assert card.identifier not in href


def test_login_with_identifier_or_email(client):
    pupil = PupilFactory(identifier="tigre-lune-27", email="ines@example.org")

    by_identifier = client.post(
        reverse("accounts:login"), {"username": " Tigre-Lune-27 ", "password": "mot-de-passe-de-test-2026"}
    )
    assert by_identifier.status_code == 302
    assert int(client.session["_auth_user_id"]) == pupil.pk
    client.logout()
    by_email = client.post(
        reverse("accounts:login"), {"username": "INES@example.org", "password": "mot-de-passe-de-test-2026"}
    )
    assert by_email.status_code == 302
    client.logout()
    wrong = client.post(reverse("accounts:login"), {"username": "tigre-lune-27", "password": "faux"})
    assert "Adresse e-mail, identifiant ou mot de passe incorrect" in wrong.content.decode()


def test_a_pupil_not_yet_activated_cannot_log_in(client, card):
    response = client.post(reverse("accounts:login"), {"username": card.identifier, "password": ""})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.postgresql  # row locks are only meaningful on PostgreSQL (the CI database)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_printings_at_the_same_time_leave_one_valid_code_per_pupil(client):
    """Two teachers print the same class at once: each pupil still has exactly one code that works."""
    import threading

    from django.db import connections

    school_class = SchoolClassFactory()
    NewPupilFactory.create_batch(5, school_class=school_class)
    results = []
    barrier = threading.Barrier(2)

    def print_sheet():
        barrier.wait()
        try:
            results.append(activation.print_class(school_class))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=print_sheet) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(results) == 2
    assert AccessCode.objects.filter(purpose=AccessCode.Purpose.ACTIVATION).count() == 5
    for first, second in zip(*results, strict=True):
        valid = [
            card.activation_code
            for card in (first, second)
            if activation.find_code(card.identifier, card.activation_code, AccessCode.Purpose.ACTIVATION)
        ]
        assert len(valid) == 1


def test_a_password_like_the_identifier_is_refused(client, card):
    response = activate(client, card.identifier, card.activation_code, password=card.identifier)

    assert response.status_code == 200
    assert "trop semblable" in text(response)


def test_the_login_page_leads_pupils_to_activation_and_parents_to_consent(client):
    content = text(client.get(reverse("accounts:login")))

    assert reverse("accounts:activate") in content
    assert reverse("accounts:consent_by_code") in content

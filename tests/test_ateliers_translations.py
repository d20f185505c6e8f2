"""An event page translated into English or Arabic shows and books the French page's sessions: one set of
seats, whatever the language a pupil browses in, with the interface in that language.

Before, translating an event (wagtail-localize, or Wagtail's copy for translation) copied its sessions onto
the translation: a pupil signing up on /en/ took a seat of the copy (with the French count copied but none of
its sign-ups: the room was overbooked), staff never saw them on the French session, and the next « Synchroniser »
of the translation replaced the copies, deleting those sign-ups without a word.
"""

from django.urls import reverse

from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import TranslationSource

import pytest

from accounts.factories import ConsentedPupilFactory, StaffFactory
from ateliers.booking import sign_up
from ateliers.factories import AgendaIndexPageFactory, EventPageFactory, SessionFactory
from ateliers.models import AgendaIndexPage, EventMetier, EventPage, Session, SignUp
from metiers.models import MetierPage
from tests.utils import promote_data

pytestmark = pytest.mark.django_db


def translate(capture, page, code):
    """Create or update the translation of `page` as the admin's « Traduire » and « Synchroniser » do, and
    publish it (`capture` is django_capture_on_commit_callbacks)."""
    locale, _created = Locale.objects.get_or_create(language_code=code)
    with capture(execute=True):
        source, _created = TranslationSource.get_or_create_from_instance(page)
        source.update_from_db()
        translated, _created = source.create_or_update_translation(
            locale, publish=True, copy_parent_pages=True, fallback=True
        )
    return type(page).objects.get(pk=translated.pk)


@pytest.fixture
def french(home_page, django_capture_on_commit_callbacks):
    """A French workshop with one session of two seats, one of them taken."""
    with django_capture_on_commit_callbacks(execute=True):
        agenda = AgendaIndexPageFactory(parent=home_page)
        event = EventPageFactory(parent=agenda, title="Les métiers du soin")
        session = SessionFactory(page=event, capacity=2)
        event.save_revision().publish()
    sign_up(session, ConsentedPupilFactory())
    return event, session


@pytest.fixture
def english(french, django_capture_on_commit_callbacks):
    return translate(django_capture_on_commit_callbacks, french[0], "en")


def seats(session):
    session.refresh_from_db()
    return session.seats_taken


def test_a_translation_has_no_sessions_of_its_own(french, english):
    assert english.url.startswith("/en/")
    assert not Session.objects.filter(page=english).exists()
    assert Session.objects.count() == 1


def test_the_english_page_shows_the_french_session_and_books_its_seats(client, french, english):
    _event, session = french
    pupil = ConsentedPupilFactory()
    client.force_login(pupil)

    html = client.get(english.url).content.decode()
    assert "1 seat left" in html
    assert "Sign me up" in html
    action = f'action="/en/ateliers/seances/{session.pk}/inscription/"'
    assert action in html

    response = client.post(
        reverse("ateliers:signup", args=[session.pk]), {"next": english.url}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.url == english.url
    assert SignUp.objects.get(pupil=pupil).session == session
    assert seats(session) == 2

    # The French page and the English one say the same: full.
    assert "Complet" in client.get(french[0].url).content.decode()
    assert "Full" in client.get(english.url).content.decode()


def test_the_arabic_copy_shows_the_french_session_in_arabic(client, french):
    event, session = french
    arabic_locale, _created = Locale.objects.get_or_create(language_code="ar")
    event.get_parent().specific.copy_for_translation(arabic_locale, copy_parents=True)
    arabic = event.copy_for_translation(arabic_locale).specific
    arabic.save_revision().publish()

    assert not Session.objects.filter(page=arabic).exists()
    client.force_login(ConsentedPupilFactory())
    html = client.get(arabic.url).content.decode()
    assert "أسجّل نفسي" in html
    assert f'action="/ar/ateliers/seances/{session.pk}/inscription/"' in html


def test_synchronising_the_translation_keeps_the_sign_ups_made_in_english(
    client, french, english, django_capture_on_commit_callbacks
):
    event, session = french
    pupil = ConsentedPupilFactory()
    client.force_login(pupil)
    client.post(reverse("ateliers:signup", args=[session.pk]))

    event = EventPage.objects.get(pk=event.pk)
    event.title = "Les métiers du soin et de l'aide"
    event.save_revision().publish()
    english = translate(django_capture_on_commit_callbacks, event, "en")
    english.save_revision().publish()

    assert SignUp.objects.get(pupil=pupil).status == SignUp.Status.CONFIRMED
    assert seats(session) == 2
    assert not Session.objects.filter(page=english).exists()
    assert "Full" in client.get(english.url).content.decode()


def test_the_english_agenda_lists_the_french_sessions_under_the_english_titles(
    client, french, english, django_capture_on_commit_callbacks
):
    event, session = french
    english.title = "Careers in care"
    english.save_revision().publish()
    agenda = AgendaIndexPage.objects.get(locale__language_code="en")

    html = client.get(agenda.url).content.decode()
    assert f'<a href="{english.url}">Careers in care</a>' in html
    assert "1 seat left" in html

    feed = client.get(reverse("ateliers:agenda_feed", args=[agenda.pk])).content.decode()
    assert feed.count("BEGIN:VEVENT") == 1


def test_sessions_are_edited_on_the_french_page_only(client, french, english):
    event, _session = french
    staff = StaffFactory()
    form_class = EventPage.get_edit_handler().get_form_class()
    assert "sessions" in form_class(instance=event, for_user=staff).formsets
    assert "sessions" not in form_class(instance=english, for_user=staff).formsets

    arabic_locale, _created = Locale.objects.get_or_create(language_code="ar")
    arabic = event.copy_for_translation(arabic_locale, copy_parents=True).specific
    client.force_login(staff)
    # The English page is synchronised by wagtail-localize: its translation editor opens.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).status_code == 200
    html = client.get(reverse("wagtailadmin_pages:edit", args=[arabic.pk])).content.decode()
    assert "Les séances se modifient sur la page en français" in html


def test_staff_edit_and_publish_a_translation_without_sessions(client, french):
    event, session = french
    arabic_locale, _created = Locale.objects.get_or_create(language_code="ar")
    event.get_parent().specific.copy_for_translation(arabic_locale, copy_parents=True)
    arabic = event.copy_for_translation(arabic_locale).specific
    client.force_login(StaffFactory())
    data = nested_form_data(
        {
            "title": "مهن الرعاية",
            "introduction": "التقِ بالمهنيين.",
            "kind": "atelier",
            "level": "4e-3e",
            "school": "",
            "body": streamfield([]),
            "related_metiers": inline_formset([]),
            "leaders": inline_formset([]),
            **promote_data(arabic.slug),
            "action-publish": "publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[arabic.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response

    arabic = EventPage.objects.get(pk=arabic.pk)
    assert arabic.live and arabic.title == "مهن الرعاية"
    assert not Session.objects.filter(page=arabic).exists()
    assert seats(session) == 1
    assert f"/ar/ateliers/seances/{session.pk}/" in client.get(arabic.url).content.decode()


def test_an_english_metier_sheet_lists_the_french_sessions_once(client, french, english, imported):
    event, session = french
    metier = MetierPage.objects.get(rome_code="D1102")
    EventMetier.objects.create(page=event, metier=metier)
    EventMetier.objects.create(page=english, metier=metier)  # as wagtail-localize synchronises it
    metier.get_parent().copy_for_translation(english.locale, copy_parents=True)
    sheet = metier.copy_for_translation(english.locale).specific
    sheet.save_revision().publish()

    html = client.get(sheet.url).content.decode()
    assert html.count(f"#seance-{session.pk}") == 1


def test_a_copied_event_starts_without_the_originals_sessions(french):
    event, session = french
    copy = event.copy(to=event.get_parent(), update_attrs={"slug": "copie", "title": "Copie"}, keep_live=False)
    assert not Session.objects.filter(page=copy).exists()
    # A session made from a copy of another (e.g. brought back by a copied revision) has no seat taken.
    twin = Session.objects.get(pk=session.pk)
    twin.pk, twin.page = None, copy
    twin.save()
    assert twin.seats_taken == 0
    assert seats(session) == 1

"""A procedure's audience is one truth for its French original and its English and Arabic translations.

wagtail-localize does not synchronise many-to-many fields: before, narrowing the audience of a French
procedure left its translations readable by the group that was removed. Here every role × audience is
checked on the three copies, before and after the French audience changes (without re-synchronising the
translations), for the page, its print view, its attachment, the procedures listing, the search and the
autocomplete; then the orders in which translations are created, synchronised and published.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.models import TranslationSource

import pytest

from accounts.factories import UserFactory
from accounts.roles import Role
from procedures.factories import (
    PrivateDocumentFactory,
    ProcedureAttachmentFactory,
    ProcedurePageFactory,
    ProceduresIndexPageFactory,
    ProcedureStepFactory,
)
from procedures.models import ProcedurePage

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonyme"
VISITORS = [
    ANONYMOUS,
    Role.PUPIL,
    Role.PARENT,
    Role.PARTNER,
    Role.PROFESSIONAL,
    Role.VOLUNTEER,
    Role.TEACHER,
    Role.STAFF,
]
AUDIENCES = [Role.VOLUNTEER, Role.TEACHER, Role.PROFESSIONAL]
# After the change, each French procedure is written for the next group: every group loses one procedure
# and gains another.
CHANGED = {Role.VOLUNTEER: Role.TEACHER, Role.TEACHER: Role.PROFESSIONAL, Role.PROFESSIONAL: Role.VOLUNTEER}
LANGUAGES = ["fr", "en", "ar"]


def translate(capture, page, code, publish=True):
    """Create or update the translation of `page` the way the admin's « Traduire » and « Synchroniser » do,
    publishing it when the transaction commits (`capture` is django_capture_on_commit_callbacks)."""
    with capture(execute=True):
        source, _created = TranslationSource.get_or_create_from_instance(page)
        source.update_from_db()
        translated, _created = source.create_or_update_translation(
            Locale.objects.get(language_code=code), publish=publish, copy_parent_pages=True, fallback=True
        )
    return ProcedurePage.objects.get(pk=translated.pk) if isinstance(translated, ProcedurePage) else translated


KEYWORDS = {Role.VOLUNTEER: "zanzibaralpha", Role.TEACHER: "zanzibarbeta", Role.PROFESSIONAL: "zanzibargamma"}


def keyword(audience):
    """A word of the procedure's title and step, the same in every language (translations fall back to
    French)."""
    return KEYWORDS[audience]


@pytest.fixture
def procedures(home_page, django_capture_on_commit_callbacks):
    """One French procedure per audience, with a step and an attachment, translated into English and Arabic.

    Returns {audience: {language: page}} and {language: procedures index}."""
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        index = ProceduresIndexPageFactory(parent=home_page)
    indexes = {"fr": index}
    for code in ("en", "ar"):
        translate(capture, home_page, code)
        indexes[code] = translate(capture, index, code)
    pages = {}
    for audience in AUDIENCES:
        with capture(execute=True):
            procedure = ProcedurePageFactory(parent=index, title=f"Procédure {keyword(audience)}", audience=[audience])
            ProcedureStepFactory(page=procedure, title=f"Étape {keyword(audience)}")
            ProcedureAttachmentFactory(page=procedure, document=PrivateDocumentFactory(title=f"Annexe {audience}"))
            procedure.save_revision().publish()
        pages[audience] = {"fr": procedure, **{code: translate(capture, procedure, code) for code in ("en", "ar")}}
    return pages, indexes


def change_french_audiences(pages, django_capture_on_commit_callbacks):
    """Staff change the audience of each French procedure and publish it; translations are not re-synced."""
    with django_capture_on_commit_callbacks(execute=True):
        for audience, copies in pages.items():
            french = ProcedurePage.objects.get(pk=copies["fr"].pk)
            french.audience_groups.set([Group.objects.get(name=CHANGED[audience])])
            french.save_revision().publish()


def current_audience(audience, phase):
    return audience if phase == "avant" else CHANGED[audience]


def may_read(visitor, audience):
    return visitor in (Role.STAFF, audience)


def client_for(client, visitor):
    if visitor != ANONYMOUS:
        client.force_login(UserFactory(role=visitor))
    return client


def body(response):
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def assert_refused(response, visitor, secret, page=False):
    if visitor == ANONYMOUS:
        assert response.status_code == 302
        assert response.url.startswith(reverse(settings.LOGIN_URL) + "?next=")
    elif page and visitor in (Role.VOLUNTEER, Role.TEACHER, Role.PROFESSIONAL):
        assert response.status_code == 404  # a reader of the section: as for a procedure that does not exist
    else:
        assert response.status_code == 403
    assert secret not in body(response)


def check_page_print_view_and_attachment(client, pages, phase, visitor):
    for audience, copies in pages.items():
        readable = may_read(visitor, current_audience(audience, phase))
        for code in LANGUAGES:
            page = ProcedurePage.objects.get(pk=copies[code].pk)
            assert page.url.startswith(f"/{code}/")
            where = f"{audience} {code} {phase}"
            for url, secret in (
                (page.url, f"Étape {keyword(audience)}"),
                (page.url + "imprimer/", f"Étape {keyword(audience)}"),
                (page.attachments.get().document.url, "Convention de stage"),
            ):
                response = client.get(url)
                if readable:
                    assert response.status_code == 200, where
                    assert secret in body(response), where
                else:
                    assert_refused(response, visitor, secret, page="/documents/" not in url)


def check_listing(client, pages, indexes, phase, visitor):
    for code in LANGUAGES:
        response = client.get(indexes[code].url)
        if visitor not in (Role.STAFF, *AUDIENCES):
            assert_refused(response, visitor, "zanzibar")
            continue
        html = response.content.decode()
        for audience, copies in pages.items():
            listed = f'href="{copies[code].url}"' in html
            assert listed == may_read(visitor, current_audience(audience, phase)), f"{audience} {code} {phase}"


def check_search_and_autocomplete(client, pages, phase, visitor):
    for code in LANGUAGES:
        with translation.override(code):
            search_url, autocomplete_url = reverse("search:search"), reverse("search:autocomplete")
        for audience, copies in pages.items():
            readable = may_read(visitor, current_audience(audience, phase))
            where = f"{audience} {code} {phase}"
            response = client.get(search_url, {"q": keyword(audience)})
            found = {result.page.pk for result in response.context["search"].page_obj.object_list}
            assert (copies[code].pk in found) == readable, where
            suggested = {item["url"] for item in client.get(autocomplete_url, {"q": keyword(audience)}).json()}
            assert (copies[code].url in suggested) == readable, where


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_copy_before_and_after_an_audience_change(
    client, procedures, visitor, django_capture_on_commit_callbacks, settings
):
    """Page, print view, attachment, listing, search and autocomplete in fr, en and ar, for each role."""
    settings.RATELIMIT_ENABLE = False  # 36 searches and suggestions in a few seconds
    pages, indexes = procedures
    client = client_for(client, visitor)
    for phase in ("avant", "après"):
        if phase == "après":
            change_french_audiences(pages, django_capture_on_commit_callbacks)
        check_page_print_view_and_attachment(client, pages, phase, visitor)
        check_listing(client, pages, indexes, phase, visitor)
        check_search_and_autocomplete(client, pages, phase, visitor)


def restriction_groups(page):
    return {group.name for group in PageViewRestriction.objects.get(page=page).groups.all()}


def test_translations_follow_the_source_whatever_the_order(client, procedures, django_capture_on_commit_callbacks):
    """Synchronising or republishing a translation after the change, publishing its old revision, or an
    editor widening the English audience: the translation keeps the French audience."""
    pages, _indexes = procedures
    copies = pages[Role.VOLUNTEER]
    english_old_revision = ProcedurePage.objects.get(pk=copies["en"].pk).latest_revision
    change_french_audiences(pages, django_capture_on_commit_callbacks)
    translate(django_capture_on_commit_callbacks, copies["fr"], "ar")  # a sync after the change
    with django_capture_on_commit_callbacks(execute=True):
        english_old_revision.publish()  # the English copy as it was before the change
    for code in LANGUAGES:
        page = ProcedurePage.objects.get(pk=copies[code].pk)
        assert {group.name for group in page.audience_groups.all()} == {Role.TEACHER}, code
        assert restriction_groups(page) == {Role.STAFF, Role.TEACHER}, code

    english = ProcedurePage.objects.get(pk=copies["en"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        english.audience_groups.set(Group.objects.filter(name__in=AUDIENCES))
        english.save_revision().publish()
    client.force_login(UserFactory(role=Role.VOLUNTEER))
    assert client.get(english.url).status_code == 404
    assert restriction_groups(english) == {Role.STAFF, Role.TEACHER}


def test_a_translation_created_after_the_change_takes_the_new_audience(
    client, home_page, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        index = ProceduresIndexPageFactory(parent=home_page)
        french = ProcedurePageFactory(parent=index, audience=[Role.VOLUNTEER])
        french.save_revision().publish()
    translate(capture, home_page, "en")
    translate(capture, index, "en")
    english = translate(capture, french, "en", publish=False)  # a draft translation first
    with capture(execute=True):
        french.audience_groups.set([Group.objects.get(name=Role.TEACHER)])
        french.save_revision().publish()
        english.get_latest_revision().publish()
    client.force_login(UserFactory(role=Role.VOLUNTEER))
    assert client.get(ProcedurePage.objects.get(pk=english.pk).url).status_code == 404
    client.force_login(UserFactory(role=Role.TEACHER))
    assert client.get(ProcedurePage.objects.get(pk=english.pk).url).status_code == 200

"""Who may read which internal procedure: every role × procedure audience, anonymous visitors included,
for the page, its print view, its admin preview, its attachment, the procedures listing, the sitemap,
search and the home page."""

from urllib.parse import quote

from django.conf import settings
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

import pytest

from accounts.factories import UserFactory
from accounts.roles import Role
from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory
from procedures.factories import (
    PrivateDocumentFactory,
    ProcedureAttachmentFactory,
    ProcedurePageFactory,
    ProceduresIndexPageFactory,
    ProcedureStepFactory,
)

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
LOGIN_URL = reverse(settings.LOGIN_URL)


SECTION_READERS = {Role.VOLUNTEER, Role.TEACHER, Role.PROFESSIONAL}


def may_read(visitor, audience):
    return visitor in (Role.STAFF, audience)


def title_for(audience):
    return f"Procédure secrète pour {audience}"


@pytest.fixture
def procedures(home_page):
    """The procedures section with one procedure per audience, each with a step and an attachment."""
    index = ProceduresIndexPageFactory(parent=home_page, show_in_menus=True)
    by_audience = {}
    for audience in AUDIENCES:
        procedure = ProcedurePageFactory(parent=index, title=title_for(audience), audience=[audience])
        ProcedureStepFactory(page=procedure, title=f"Étape confidentielle {audience}")
        ProcedureAttachmentFactory(page=procedure, document=PrivateDocumentFactory(title=f"Annexe {audience}"))
        by_audience[audience] = procedure
    return index, by_audience


def client_for(client, visitor):
    if visitor != ANONYMOUS:
        client.force_login(UserFactory(role=visitor))
    return client


def assert_refused(response, visitor, url, secrets):
    if visitor == ANONYMOUS:
        assert response.status_code == 302
        if url.startswith("/documents/") or url == "/fr/procedures/":
            assert response.url == f"{LOGIN_URL}?next={quote(url)}"
        else:  # Pages of the section: back to the index with a digest, never the slug (see test_procedures_existence).
            assert response.url.startswith(f"{LOGIN_URL}?next={quote('/fr/procedures/')}%3Fsuite%3D")
    elif visitor in SECTION_READERS and not url.startswith("/documents/") and url != "/fr/procedures/":
        # A reader of the section cannot tell a procedure outside their audience from a missing one.
        assert response.status_code == 404
    else:
        assert response.status_code == 403
        assert "Accès réservé" in response.content.decode()
    body = b"".join(response.streaming_content) if response.streaming else response.content
    for secret in secrets:
        assert secret.encode() not in body


@pytest.mark.parametrize("visitor", VISITORS)
def test_procedure_page(client, procedures, visitor):
    client = client_for(client, visitor)
    for audience, procedure in procedures[1].items():
        url = procedure.url
        response = client.get(url)
        if may_read(visitor, audience):
            assert response.status_code == 200, audience
            assert title_for(audience) in response.content.decode()
            assert f"Étape confidentielle {audience}" in response.content.decode()
            assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
        else:
            assert_refused(response, visitor, url, [title_for(audience), f"Étape confidentielle {audience}"])


@pytest.mark.parametrize("visitor", VISITORS)
def test_procedure_print_view(client, procedures, visitor):
    client = client_for(client, visitor)
    for audience, procedure in procedures[1].items():
        url = procedure.url + "imprimer/"
        response = client.get(url)
        if may_read(visitor, audience):
            assert response.status_code == 200, audience
            assert f"Étape confidentielle {audience}" in response.content.decode()
        else:
            assert_refused(response, visitor, url, [title_for(audience), f"Étape confidentielle {audience}"])


@pytest.mark.parametrize("visitor", VISITORS)
def test_procedure_admin_preview_and_draft(client, procedures, visitor):
    """Only staff reach the admin: everyone else is sent to the admin login, without the content."""
    client = client_for(client, visitor)
    for audience, procedure in procedures[1].items():
        for url in (
            reverse("wagtailadmin_pages:view_draft", args=(procedure.pk,)),
            reverse("wagtailadmin_pages:preview_on_edit", args=(procedure.pk,)),
        ):
            response = client.get(url)
            if visitor == Role.STAFF:
                assert response.status_code == 200, url
                if "view_draft" in url:
                    assert title_for(audience) in response.content.decode()
            else:
                assert response.status_code == 302, url
                assert response.url.startswith(reverse("wagtailadmin_login"))
                assert title_for(audience).encode() not in response.content


@pytest.mark.parametrize("visitor", VISITORS)
def test_procedure_attachment_download(client, procedures, visitor):
    client = client_for(client, visitor)
    for audience, procedure in procedures[1].items():
        url = procedure.attachments.get().document.url
        assert url.startswith("/documents/")  # Served by Wagtail's view, never straight from storage.
        response = client.get(url)
        if may_read(visitor, audience):
            assert response.status_code == 200, audience
            assert b"Convention de stage" in b"".join(response.streaming_content)
        else:
            assert_refused(response, visitor, url, ["Convention de stage"])


@pytest.mark.parametrize("visitor", VISITORS)
def test_procedures_listing_shows_only_the_visitors_procedures(client, procedures, visitor):
    index = procedures[0]
    response = client_for(client, visitor).get(index.url)
    if visitor not in (Role.STAFF, *AUDIENCES):
        assert_refused(response, visitor, index.url, [title_for(audience) for audience in AUDIENCES])
        return
    assert response.status_code == 200
    html = response.content.decode()
    for audience in AUDIENCES:
        assert (title_for(audience) in html) == may_read(visitor, audience), audience


@pytest.mark.parametrize("visitor", VISITORS)
def test_sitemap_never_lists_procedures(client, procedures, visitor):
    index, by_audience = procedures
    article = GuidanceArticlePageFactory(parent=GuidanceIndexPageFactory(parent=index.get_parent()))
    response = client_for(client, visitor).get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert article.url in xml  # The sitemap does list public pages.
    assert index.url not in xml
    for procedure in by_audience.values():
        assert procedure.url not in xml


@pytest.mark.parametrize("visitor", VISITORS)
def test_home_page_html_never_shows_procedures(client, procedures, visitor, home_page):
    """The index is « shown in menus », yet the public navigation leaves it out, for everyone."""
    response = client_for(client, visitor).get(home_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert procedures[0].title not in html
    for audience in AUDIENCES:
        assert title_for(audience) not in html
        assert f"Annexe {audience}" not in html


@pytest.mark.parametrize("visitor", [ANONYMOUS, Role.PUPIL, Role.PARENT, Role.PARTNER])
def test_the_portal_search_never_returns_procedures_to_the_public(client, procedures, home_page, visitor):
    """Procedures are in the full-text index (for the admin's search), but the portal's search page and
    autocomplete never return them to people outside their audiences."""
    article = GuidanceArticlePageFactory(
        parent=GuidanceIndexPageFactory(parent=home_page), title="Procédure secrète expliquée aux élèves"
    )
    client = client_for(client, visitor)
    response = client.get(reverse("search:search"), {"q": "secrète"})
    assert {result.page.pk for result in response.context["search"].page_obj.object_list} == {article.pk}
    suggestions = {item["title"] for item in client.get(reverse("search:autocomplete"), {"q": "secrète"}).json()}
    assert not suggestions & {title_for(audience) for audience in AUDIENCES}
    assert {page.pk for page in Page.objects.live().search("secrète")} > {article.pk}  # they are indexed


def test_procedures_stay_private_when_their_restrictions_are_deleted(client, procedures):
    """The check on each request does not depend on the restrictions stored in the database."""
    procedure = procedures[1][Role.VOLUNTEER]
    PageViewRestriction.objects.all().delete()
    assert client.get(procedure.url).status_code == 302
    client.force_login(UserFactory(role=Role.TEACHER))
    assert client.get(procedure.url).status_code == 404


def test_deleted_restrictions_come_back(procedures, django_capture_on_commit_callbacks):
    index, by_audience = procedures
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page__in=[index, *by_audience.values()]).delete()
    assert not Page.objects.public().filter(pk__in=[index.pk, *(p.pk for p in by_audience.values())]).exists()
    restriction = PageViewRestriction.objects.get(page=by_audience[Role.TEACHER])
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert {group.name for group in restriction.groups.all()} == {Role.STAFF, Role.TEACHER}


def test_index_restriction_is_written_by_code(home_page):
    index = ProceduresIndexPageFactory(parent=home_page)
    restriction = PageViewRestriction.objects.get(page=index)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert {group.name for group in restriction.groups.all()} == {
        Role.STAFF,
        Role.VOLUNTEER,
        Role.TEACHER,
        Role.PROFESSIONAL,
    }
    # An editor makes it public; the next save puts the restriction back.
    restriction.delete()
    index.save_revision().publish()
    assert PageViewRestriction.objects.filter(page=index, restriction_type="groups").exists()


def test_admin_offers_no_privacy_setting_for_procedures(client, procedures):
    from accounts.factories import StaffFactory

    client.force_login(StaffFactory())
    procedure = procedures[1][Role.VOLUNTEER]
    response = client.get(reverse("wagtailadmin_pages:set_privacy", args=(procedure.pk,)))
    assert response.status_code == 200
    assert "set_privacy" not in response.json().get("step", "")


def test_a_draft_audience_does_not_open_the_live_procedure(client, procedures):
    """A draft that adds pupils... cannot: only volunteers, teachers and professionals are offered. A draft
    that adds teachers changes nothing until it is published."""
    from django.contrib.auth.models import Group

    procedure = procedures[1][Role.VOLUNTEER]
    procedure.audience_groups.add(Group.objects.get(name=Role.TEACHER))
    procedure.save_revision()
    client.force_login(UserFactory(role=Role.TEACHER))
    assert client.get(procedure.url).status_code == 404
    assert {group.name for group in PageViewRestriction.objects.get(page=procedure).groups.all()} == {
        Role.STAFF,
        Role.VOLUNTEER,
    }


def test_unattached_private_document_is_for_staff_only(client, procedures):
    document = PrivateDocumentFactory(title="Note interne")
    client.force_login(UserFactory(role=Role.VOLUNTEER))
    assert client.get(document.url).status_code == 403

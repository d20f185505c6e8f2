"""The search never reveals a page the visitor may not open: procedures by role, drafts, private pages, in the
results, the counts, the facets, the suggestions and the autocomplete."""

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from accounts.factories import UserFactory
from accounts.roles import Role
from metiers.factories import MetierPageFactory, MetiersIndexPageFactory
from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory
from procedures.factories import ProcedurePageFactory, ProceduresIndexPageFactory, ProcedureStepFactory

pytestmark = pytest.mark.django_db

URL = reverse("search:search")
AUTOCOMPLETE = reverse("search:autocomplete")
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


def may_read(visitor, audience):
    return visitor in (Role.STAFF, audience)


@pytest.fixture
def content(home_page):
    """One public sheet and article, a draft sheet, a privately restricted article and one procedure per
    audience, all sharing the word « zanzibar »."""
    metiers = MetiersIndexPageFactory(parent=home_page)
    public_sheet = MetierPageFactory(parent=metiers, title="Zanzibar public", title_masculine="Zanzibar public")
    draft = MetierPageFactory(parent=metiers, title="Zanzibar brouillon", title_masculine="Zanzibar brouillon")
    draft.live = False
    draft.save()
    guidance = GuidanceIndexPageFactory(parent=home_page)
    article = GuidanceArticlePageFactory(parent=guidance, title="Zanzibar article public")
    private_article = GuidanceArticlePageFactory(parent=guidance, title="Zanzibar article protégé")
    PageViewRestriction.objects.create(page=private_article, restriction_type=PageViewRestriction.LOGIN)
    procedures_index = ProceduresIndexPageFactory(parent=home_page)
    procedures = {}
    for audience in AUDIENCES:
        procedure = ProcedurePageFactory(
            parent=procedures_index, title=f"Zanzibar procédure {audience}", audience=[audience]
        )
        ProcedureStepFactory(page=procedure, title="Étape zanzibar")
        procedures[audience] = procedure
    return {"sheet": public_sheet, "draft": draft, "article": article, "private": private_article}, procedures


def login(client, visitor):
    if visitor != ANONYMOUS:
        client.force_login(UserFactory(role=visitor))
    return client


@pytest.mark.parametrize("visitor", VISITORS)
def test_results_and_counts_follow_the_procedures_rules(client, content, visitor):
    pages, procedures = content
    response = login(client, visitor).get(URL, {"q": "zanzibar"})
    search = response.context["search"]
    html = response.content.decode()
    found = {result.page.title for result in search.page_obj.object_list}
    expected = {pages["sheet"].title, pages["article"].title}
    expected |= {procedure.title for audience, procedure in procedures.items() if may_read(visitor, audience)}
    assert found == expected
    assert search.count == len(expected)
    type_counts = {option.value: option.count for option in search.facets["type"].options}
    assert type_counts["procedure"] == sum(may_read(visitor, audience) for audience in AUDIENCES)
    for audience, procedure in procedures.items():
        if not may_read(visitor, audience):
            assert procedure.title not in html
    assert pages["draft"].title not in html
    assert pages["private"].title not in html
    if visitor in (ANONYMOUS, Role.PUPIL, Role.PARENT, Role.PARTNER):
        assert "Procédures internes (" not in html  # no procedure facet value at all


@pytest.mark.parametrize("visitor", VISITORS)
def test_autocomplete_follows_the_same_rules(client, content, visitor):
    pages, procedures = content
    data = login(client, visitor).get(AUTOCOMPLETE, {"q": "zanzibar"}).json()
    titles = {item["title"] for item in data}
    assert pages["sheet"].title in titles
    assert pages["draft"].title not in titles
    assert pages["private"].title not in titles
    for audience, procedure in procedures.items():
        assert (procedure.title in titles) == may_read(visitor, audience)


def test_suggestions_never_name_a_draft(client, content):
    pages, _procedures = content
    response = client.get(URL, {"q": "zanzibar brouilon"})
    assert all("brouillon" not in suggestion for suggestion in response.context["search"].suggestions)
    assert "brouillon" not in response.content.decode().lower().replace("brouilon", "")


def test_an_unpublished_sheet_leaves_results_and_autocomplete_at_once(client, content):
    pages, _procedures = content
    assert pages["sheet"].title in {item["title"] for item in client.get(AUTOCOMPLETE, {"q": "zanzibar"}).json()}
    pages["sheet"].unpublish()
    assert pages["sheet"].title not in {item["title"] for item in client.get(AUTOCOMPLETE, {"q": "zanzibar"}).json()}
    assert pages["sheet"].title not in client.get(URL, {"q": "zanzibar"}).content.decode()

"""The home page's « À la une » shows only what any visitor may read, and staff approve drafts by default."""

from django.contrib.auth.models import Group

from wagtail.models import GroupApprovalTask, PageViewRestriction, Workflow

import pytest

from accounts.roles import Role
from home.factories import StandardPageFactory
from home.models import HomePageFeatured

pytestmark = pytest.mark.django_db


def test_featured_pages_hide_drafts_and_private_pages(client, home_page):
    public = StandardPageFactory(parent=home_page, title="Le stage de 3e expliqué", slug="stage-explique")
    private = StandardPageFactory(parent=home_page, title="Note interne confidentielle", slug="note-interne")
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=Role.STAFF)])
    draft = StandardPageFactory(parent=home_page, title="Brouillon pas prêt", slug="brouillon", live=False)
    for order, page in enumerate([private, draft, public]):
        HomePageFeatured.objects.create(page=home_page, featured_page=page, sort_order=order)
    home_page.save_revision().publish()

    content = client.get("/fr/").content.decode()

    assert "À la une" in content
    assert "Le stage de 3e expliqué" in content
    assert "Note interne confidentielle" not in content
    assert "Brouillon pas prêt" not in content


def test_without_readable_featured_pages_the_section_is_not_shown(client, home_page):
    draft = StandardPageFactory(parent=home_page, title="Brouillon pas prêt", slug="brouillon", live=False)
    HomePageFeatured.objects.create(page=home_page, featured_page=draft, sort_order=0)
    home_page.save_revision().publish()

    assert "À la une" not in client.get("/fr/").content.decode()


def test_staff_approve_drafts_in_the_default_workflow():
    workflow = Workflow.objects.get(name="Validation par l'équipe (par défaut)")
    task = GroupApprovalTask.objects.get(pk=workflow.tasks.get().pk)
    assert list(task.groups.values_list("name", flat=True)) == [Role.STAFF]

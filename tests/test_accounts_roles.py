"""Role groups: each exists, only the association's staff reach the Wagtail admin."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.images.models import Image
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest
import wagtail_factories

from accounts.factories import PupilFactory, StaffFactory, UserFactory
from accounts.roles import Role
from home.models import StandardPage

pytestmark = pytest.mark.django_db

NON_STAFF_ROLES = [role for role in Role if role != Role.STAFF]


def test_each_role_group_exists_and_wagtail_default_groups_are_gone():
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.value for role in Role} <= names
    assert not names & {"Moderators", "Editors"}


def test_only_staff_group_has_admin_access():
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    assert list(access_admin.group_set.values_list("name", flat=True)) == [Role.STAFF.value]


@pytest.mark.parametrize("role", NON_STAFF_ROLES, ids=lambda role: role.name)
def test_other_roles_have_no_model_permission(role):
    group = Group.objects.get(name=role)
    assert not group.permissions.exists()
    assert not group.page_permissions.exists()
    assert not group.collection_permissions.exists()


@pytest.mark.parametrize("role", NON_STAFF_ROLES, ids=lambda role: role.name)
def test_non_staff_role_is_kept_out_of_the_admin(client, role):
    user = PupilFactory() if role == Role.PUPIL else UserFactory(role=role)
    client.force_login(user)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert "Tableau de bord" not in response.content.decode()


def test_anonymous_visitor_is_sent_to_the_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_staff_reaches_the_admin(client):
    client.force_login(StaffFactory())
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Tableau de bord" in response.content.decode()


def test_staff_edits_and_publishes_an_existing_page(client, home_page):
    page = home_page.add_child(instance=StandardPage(title="Mentions légales", slug="mentions-legales"))
    client.force_login(StaffFactory())
    data = nested_form_data(
        {
            "title": "Mentions légales (mise à jour)",
            "introduction": "Qui publie ce portail.",
            "body": streamfield([("heading", "Éditeur")]),
            "slug": "mentions-legales",
            "seo_title": "",
            "search_description": "",
            "social_image": "",
            "listing_title": "",
            "listing_summary": "",
            "listing_image": "",
            "action-publish": "publish",
        }
    )

    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Mentions légales (mise à jour)"
    assert page.live


def test_staff_uploads_and_edits_an_image(client):
    client.force_login(StaffFactory())
    upload = wagtail_factories.ImageFactory.build().file

    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Atelier au collège", "file": upload, "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 302
    image = Image.objects.get(title="Atelier au collège")

    response = client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {"title": "Atelier métiers au collège", "collection": image.collection_id, "tags": ""},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Atelier métiers au collège"


def test_teacher_cannot_edit_a_page_through_the_admin(client, home_page):
    page = home_page.add_child(instance=StandardPage(title="Mentions légales", slug="mentions-legales"))
    client.force_login(UserFactory(role=Role.TEACHER))

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), {"title": "Piraté", "action-publish": "publish"}
    )

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    page.refresh_from_db()
    assert page.title == "Mentions légales"

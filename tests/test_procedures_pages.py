"""Procedure pages: where they live, creation through the admin form, the print view, the review report,
moderation and change history."""

import datetime
import html as html_module

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import GroupPagePermission, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
import wagtail_factories

from accounts.factories import StaffFactory, UserFactory
from accounts.roles import Role
from home.factories import StandardPageFactory
from home.models import HomePage
from procedures.factories import (
    PrivateDocumentFactory,
    ProcedurePageFactory,
    ProceduresIndexPageFactory,
    ProcedureStepFactory,
)
from procedures.models import ProcedurePage, ProceduresIndexPage, add_months
from tests.utils import add_url, promote_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return ProceduresIndexPageFactory(parent=home_page)


def procedure_form_data(slug, **overrides):
    owner = StaffFactory(first_name="Samia", last_name="Benali")
    data = {
        "title": "Accueillir un élève en stage",
        "introduction": "Ce que fait chacun, du premier appel au dernier jour.",
        "procedure_owner": owner.pk,
        "audience_groups": [Group.objects.get(name=Role.VOLUNTEER).pk, Group.objects.get(name=Role.PROFESSIONAL).pk],
        "last_reviewed": "2026-01-15",
        "review_period": "12",
        "steps": inline_formset(
            [
                {"title": "Appeler le tuteur", "responsible_role": Role.VOLUNTEER, "description": rich_text("")},
                {"title": "Signer la convention", "responsible_role": Role.TEACHER, "description": rich_text("")},
            ]
        ),
        "checklists": streamfield(
            [("checklist", {"title": "Le premier jour", "items": streamfield([("item", "Badge prêt")])})]
        ),
        "attachments": inline_formset([]),
        "body": streamfield([]),
        **promote_data(slug),
        "action-publish": "publish",
    }
    data.update(overrides)
    # A multiple choice is posted as repeated values, which `nested_form_data` would number.
    audience = data.pop("audience_groups")
    return {**nested_form_data(data), "audience_groups": audience}


class TestPageTree:
    def test_index_lives_once_under_the_home_page(self, root_page, home_page, index):
        assert ProceduresIndexPage.allowed_parent_page_models() == [HomePage]
        assert not ProceduresIndexPage.can_create_at(root_page)
        assert not ProceduresIndexPage.can_create_at(home_page)
        assert ProceduresIndexPage.allowed_subpage_models() == [ProcedurePage]

    def test_procedure_lives_only_in_the_index_and_has_no_children(self, home_page, index):
        procedure = ProcedurePageFactory(parent=index)
        assert ProcedurePage.can_create_at(index)
        assert not ProcedurePage.can_create_at(home_page)
        assert not ProcedurePage.can_create_at(procedure)
        assert ProcedurePage.allowed_subpage_models() == []

    def test_index_is_moderated_by_staff(self, index):
        workflow = WorkflowPage.objects.get(page=index).workflow
        assert workflow.name == "Validation par l'équipe"
        assert [task.specific.groups.get().name for task in workflow.tasks] == ["Équipe"]

    def test_attachment_collection_is_restricted_to_reader_groups(self):
        document = PrivateDocumentFactory()
        (restriction,) = document.collection.get_view_restrictions()
        assert restriction.restriction_type == "groups"
        assert {group.name for group in restriction.groups.all()} == {
            Role.STAFF,
            Role.VOLUNTEER,
            Role.TEACHER,
            Role.PROFESSIONAL,
        }


class TestAdminCreation:
    def test_staff_creates_a_procedure_with_steps_checklist_and_attachment(self, staff_client, index):
        document = PrivateDocumentFactory(title="Convention vierge")
        data = procedure_form_data(
            "accueillir-un-eleve", attachments=inline_formset([{"document": document.pk, "title": ""}])
        )
        response = staff_client.post(add_url(ProcedurePage, index), data)

        assert response.status_code == 302, response.context["form"].errors if response.context else response
        procedure = ProcedurePage.objects.get(slug="accueillir-un-eleve")
        assert procedure.live
        assert [(step.title, step.responsible_role) for step in procedure.steps.all()] == [
            ("Appeler le tuteur", Role.VOLUNTEER),
            ("Signer la convention", Role.TEACHER),
        ]
        assert procedure.audience_names == {Role.VOLUNTEER, Role.PROFESSIONAL}
        assert procedure.review_due == datetime.date(2027, 1, 15)
        assert procedure.attachments.get().document == document

        html = staff_client.get(procedure.url).content.decode()
        assert "Appeler le tuteur" in html
        assert "Qui s'en charge :" in html_module.unescape(html)
        assert "Badge prêt" in html
        assert "Convention vierge" in html
        assert "Samia Benali" in html

    def test_owner_must_be_staff(self, staff_client, index):
        volunteer = UserFactory(role=Role.VOLUNTEER)
        response = staff_client.post(
            add_url(ProcedurePage, index), procedure_form_data("owner", procedure_owner=volunteer.pk)
        )
        assert response.status_code == 200
        assert "procedure_owner" in response.context["form"].errors

    def test_audience_cannot_include_pupils_or_parents(self, staff_client, index):
        pupils = Group.objects.get(name=Role.PUPIL)
        response = staff_client.post(
            add_url(ProcedurePage, index), procedure_form_data("eleves", audience_groups=[pupils.pk])
        )
        assert response.status_code == 200
        assert "audience_groups" in response.context["form"].errors

    def test_attachment_must_come_from_the_private_collection(self, staff_client, index):
        public_document = wagtail_factories.DocumentFactory(title="Document public")
        data = procedure_form_data(
            "piece-publique", attachments=inline_formset([{"document": public_document.pk, "title": ""}])
        )
        response = staff_client.post(add_url(ProcedurePage, index), data)
        assert response.status_code == 200
        assert not ProcedurePage.objects.filter(slug="piece-publique").exists()

    def test_a_procedure_needs_at_least_one_step(self, staff_client, index):
        response = staff_client.post(
            add_url(ProcedurePage, index), procedure_form_data("sans-etape", steps=inline_formset([]))
        )
        assert response.status_code == 200
        assert not ProcedurePage.objects.filter(slug="sans-etape").exists()

    def test_every_publication_is_kept_as_a_revision(self, staff_client, index):
        procedure = ProcedurePageFactory(parent=index, title="Première version")
        procedure.save_revision().publish()
        procedure.title = "Deuxième version"
        procedure.save_revision(user=StaffFactory()).publish()
        assert procedure.revisions.count() == 2
        history = staff_client.get(reverse("wagtailadmin_pages:history", args=(procedure.pk,)))
        assert history.status_code == 200


class TestModeration:
    def test_a_drafting_role_submits_and_staff_approves(self, client, index):
        """Nobody but staff drafts procedures today; if the association gives a role drafting rights, its
        drafts wait for staff approval."""
        drafters = Group.objects.create(name="Rédacteurs (test)")
        drafters.permissions.add(Permission.objects.get(codename="access_admin"))
        for permission in ("add_page", "change_page"):
            GroupPagePermission.objects.create(
                group=drafters, page=index, permission=Permission.objects.get(codename=permission)
            )
        volunteer = UserFactory(role=Role.VOLUNTEER)
        volunteer.groups.add(drafters)
        client.force_login(volunteer)

        data = procedure_form_data("proposition", **{"action-submit": "submit"})
        data.pop("action-publish")
        response = client.post(add_url(ProcedurePage, index), data)

        assert response.status_code == 302, response.context["form"].errors if response.context else response
        procedure = ProcedurePage.objects.get(slug="proposition")
        assert not procedure.live
        state = procedure.current_workflow_state
        assert state.status == "in_progress"
        assert [group.name for group in state.current_task_state.task.specific.groups.all()] == [Role.STAFF]

        state.current_task_state.approve(user=StaffFactory())
        procedure.refresh_from_db()
        assert procedure.live


def chooser_html(response):
    """The chooser's browse view answers JSON for the modal, its search view plain HTML."""
    if response["Content-Type"] == "application/json":
        return response.json()["html"]
    return response.content.decode()


class TestChoosers:
    def test_page_chooser_never_offers_a_procedure(self, staff_client, home_page, index):
        ProcedurePageFactory(parent=index, title="Procédure à ne pas lier")
        StandardPageFactory(parent=home_page, title="Page à lier")

        browse = staff_client.get(reverse("wagtailadmin_choose_page_child", args=(index.pk,)))
        assert browse.status_code == 200
        assert "Procédure à ne pas lier" not in chooser_html(browse)
        home = staff_client.get(reverse("wagtailadmin_choose_page_child", args=(home_page.pk,)))
        assert "Procédures internes" in chooser_html(home)  # The section itself stays choosable.

        search = staff_client.get(reverse("wagtailadmin_choose_page_search"), {"q": "lier"})
        assert "Page à lier" in chooser_html(search)
        assert "Procédure à ne pas lier" not in chooser_html(search)


class TestPrintView:
    def test_print_view_has_no_navigation(self, staff_client, index):
        procedure = ProcedurePageFactory(parent=index, title="Animer un atelier", audience=[Role.VOLUNTEER])
        ProcedureStepFactory(page=procedure, title="Préparer la salle")
        response = staff_client.get(procedure.url + "imprimer/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Animer un atelier" in html and "Préparer la salle" in html
        assert "<nav" not in html
        assert "site-header" not in html and "site-footer" not in html
        assert "Se déconnecter" not in html

        page_html = staff_client.get(procedure.url).content.decode()
        assert "<nav" in page_html  # The normal page has the site navigation…
        assert procedure.url + "imprimer/" in page_html  # …and links to its print version.


class TestReviewReport:
    @pytest.fixture
    def procedures(self, index):
        overdue = ProcedurePageFactory(
            parent=index, title="Charte ancienne", last_reviewed=datetime.date.today() - datetime.timedelta(days=800)
        )
        fresh = ProcedurePageFactory(parent=index, title="Charte à jour", last_reviewed=datetime.date.today())
        return overdue, fresh

    def test_staff_see_procedures_due_for_review(self, staff_client, procedures):
        response = staff_client.get(reverse("procedures_review_due"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Charte ancienne" in html
        assert "Charte à jour" not in html

    def test_report_is_in_the_staff_reports_menu(self, staff_client):
        assert reverse("procedures_review_due") in staff_client.get(reverse("wagtailadmin_home")).content.decode()

    @pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.TEACHER, Role.PUPIL])
    def test_report_is_for_staff_only(self, client, procedures, role):
        client.force_login(UserFactory(role=role))
        response = client.get(reverse("procedures_review_due"))
        assert response.status_code == 302  # No admin access: to the admin login.
        assert "Charte ancienne" not in response.content.decode()

    def test_an_admin_user_outside_staff_is_refused(self, client, procedures):
        user = UserFactory(role=Role.VOLUNTEER)
        drafters = Group.objects.create(name="Rédacteurs (test)")
        drafters.permissions.add(Permission.objects.get(codename="access_admin"))
        user.groups.add(drafters)
        client.force_login(user)
        response = client.get(reverse("procedures_review_due"))
        # Wagtail turns the refusal into a redirect to the dashboard with a message.
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
        assert reverse("procedures_review_due") not in client.get(reverse("wagtailadmin_home")).content.decode()

    def test_staff_export_the_report(self, staff_client, procedures):
        response = staff_client.get(reverse("procedures_review_due"), {"export": "csv"})
        assert response.status_code == 200
        content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
        assert "Charte ancienne" in content
        assert "Charte à jour" not in content

    def test_review_due_follows_the_period(self):
        assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
        assert add_months(datetime.date(2025, 11, 15), 24) == datetime.date(2027, 11, 15)
        assert add_months(datetime.date(2026, 7, 1), 6) == datetime.date(2027, 1, 1)

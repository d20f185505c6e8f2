"""Page types of the `metiers` app: where they live, creation through the admin form, what a sheet shows."""

import json
import re

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
import wagtail_factories

from home.models import HomePage, StandardPage
from metiers.factories import (
    CentreInteretFactory,
    GrandDomaineFactory,
    MetierPageFactory,
    MetierRelationFactory,
    MetiersIndexPageFactory,
    SecteurFactory,
)
from metiers.models import CentreInteret, DomaineProfessionnel, GrandDomaine, MetierPage, MetiersIndexPage, Secteur
from tests.utils import add_url, promote_data

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=metier-boulanger"


class TestPageTree:
    def test_index_lives_once_under_the_home_page(self, root_page, home_page):
        assert MetiersIndexPage.allowed_parent_page_models() == [HomePage]
        assert MetiersIndexPage.allowed_subpage_models() == [MetierPage]
        assert MetiersIndexPage.can_create_at(home_page)
        assert not MetiersIndexPage.can_create_at(root_page)
        MetiersIndexPageFactory(parent=home_page)
        assert not MetiersIndexPage.can_create_at(home_page)  # max_count = 1

    def test_sheet_lives_only_under_the_index_and_is_a_leaf(self, home_page, metiers_index):
        assert MetierPage.allowed_parent_page_models() == [MetiersIndexPage]
        assert MetierPage.allowed_subpage_models() == []
        assert MetierPage.can_create_at(metiers_index)
        assert not MetierPage.can_create_at(home_page)
        standard = home_page.add_child(instance=StandardPage(title="À propos", slug="a-propos"))
        assert not MetierPage.can_create_at(standard)

    def test_every_page_model_of_the_app_has_a_factory(self):
        from django.apps import apps

        import metiers.factories as factories

        page_models = {model for model in apps.get_app_config("metiers").get_models() if issubclass(model, Page)}
        covered = {
            factory._meta.model
            for factory in vars(factories).values()
            if isinstance(factory, type) and issubclass(factory, wagtail_factories.PageFactory) and factory._meta.model
        }
        assert page_models == {MetiersIndexPage, MetierPage}
        assert page_models <= covered


class TestAdminCreation:
    def test_staff_creates_the_index_under_home(self, staff_client, home_page):
        data = nested_form_data(
            {
                "title": "Fiches métiers",
                "introduction": "Tous les métiers, classés selon ce qui te plaît.",
                "body": streamfield([("heading", "Choisis un centre d'intérêt")]),
                **promote_data("metiers"),
                "per_page": "24",
                "action-publish": "publish",
            }
        )
        response = staff_client.post(add_url(MetiersIndexPage, home_page), data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        page = MetiersIndexPage.objects.get(slug="metiers")
        assert page.live
        assert page.get_parent().pk == home_page.pk

    def test_staff_creates_a_sheet_with_testimony_and_classification(self, staff_client, metiers_index, client):
        domaine = GrandDomaineFactory(code="D", name="Commerce")
        sector = SecteurFactory(code="83", name="Industrie - Alimentaire")
        related = MetierPageFactory(parent=metiers_index, title="Pâtissier / Pâtissière", rome_code="D1104")
        data = nested_form_data(
            {
                "title": "Boulanger / Boulangère",
                "title_masculine": "Boulanger",
                "title_feminine": "Boulangère",
                "alternative_names": "Mitron\nOuvrier boulanger",
                "introduction": "Le pain du quartier, c'est toi.",
                "image": "",
                "image_alt": "",
                "video_url": "",
                "video_title": "",
                "tasks": rich_text("<ul><li>Pétrit la pâte</li></ul>"),
                "work_description": rich_text(""),
                "qualities": rich_text(""),
                "access_level": "3",
                "access_summary": "Avec un CAP boulanger.",
                "access_details": rich_text(""),
                "formations": "CAP boulanger",
                "related_links": inline_formset([{"target": related.pk}]),
                "body": streamfield(
                    [
                        (
                            "testimony",
                            {
                                "name": "Inès",
                                "job": "Boulangère à Saint-Denis",
                                "photo": "",
                                "text": rich_text("<p>Je commence à 4 heures.</p>"),
                            },
                        ),
                        ("quote", {"quote": "On apprend en faisant.", "author": "Un maître d'apprentissage"}),
                    ]
                ),
                "rome_code": "D1102",
                "grand_domaine": domaine.pk,
                "domaine_professionnel": "",
                # The admin's tag widget quotes tags that contain spaces.
                "centres_interet": '"Je veux travailler de mes mains"',
                "riasec_major": "R",
                "riasec_minor": "",
                **promote_data("boulanger"),
                "action-publish": "publish",
            }
        )
        data["sectors"] = [sector.pk]  # a multiple choice: not flattened like the rest
        response = staff_client.post(add_url(MetierPage, metiers_index), data)

        assert response.status_code == 302, response.context["form"].errors if response.context else response
        sheet = MetierPage.objects.get(rome_code="D1102")
        assert sheet.live
        assert [block.block_type for block in sheet.body] == ["testimony", "quote"]
        assert [tag.name for tag in sheet.centres_interet.all()] == ["Je veux travailler de mes mains"]
        assert list(sheet.sectors.all()) == [sector]
        assert sheet.related_sheets == [related]
        html = client.get(sheet.url).content.decode()
        assert "Je commence à 4 heures." in html
        assert "On apprend en faisant." in html

    def test_a_duplicate_rome_code_is_refused(self, staff_client, metiers_index):
        MetierPageFactory(parent=metiers_index, rome_code="D1102")
        data = nested_form_data(
            {
                "title": "Autre boulanger",
                "rome_code": "D1102",
                "related_links": inline_formset([]),
                "body": streamfield([]),
                **promote_data("autre-boulanger"),
                "action-publish": "publish",
            }
        )
        response = staff_client.post(add_url(MetierPage, metiers_index), data)
        assert response.status_code == 200
        assert "rome_code" in response.context["form"].errors

    def test_an_image_needs_its_alternative_text(self, metiers_index):
        from django.core.exceptions import ValidationError

        sheet = MetierPageFactory(parent=metiers_index)
        sheet.image = wagtail_factories.ImageFactory()
        with pytest.raises(ValidationError) as error:
            sheet.full_clean()
        assert "image_alt" in error.value.message_dict


class TestSheetRendering:
    @pytest.fixture
    def baker(self, imported):
        Embed.objects.create(
            url=VIDEO_URL,
            hash=get_embed_hash(VIDEO_URL),
            html='<iframe title="Une journée à la boulangerie" src="https://www.youtube-nocookie.com/embed/x"></iframe>',
            type="video",
        )
        sheet = MetierPage.objects.get(rome_code="D1102")
        sheet.image = wagtail_factories.ImageFactory()
        sheet.image_alt = "Une boulangère sort des baguettes du four"
        sheet.video_url = VIDEO_URL
        sheet.video_title = "Une journée à la boulangerie"
        sheet.body = [
            ("testimony", {"name": "Inès", "job": "Boulangère", "text": "<p>Je commence à 4 heures.</p>"}),
            ("quote", {"quote": "On apprend en faisant.", "author": "Un maître d'apprentissage"}),
            ("faq", {"title": "Questions", "items": [{"question": "Faut-il se lever tôt ?", "answer": "<p>Oui.</p>"}]}),
        ]
        sheet.save_revision().publish()
        return sheet

    def test_a_sheet_renders_every_section(self, client, baker):
        response = client.get(baker.url)
        assert response.status_code == 200
        html = response.content.decode()
        headings = re.findall(r"<h([1-3])[^>]*>(.*?)</h\1>", html, flags=re.S)
        titles = [text.strip() for _level, text in headings]
        for expected in [
            "Boulanger / Boulangère",
            "Le métier",
            "Ses missions",
            "Au quotidien",
            "Les spécialités",
            "Les compétences",
            "L’essentiel du métier",
            "Savoir-être",
            "Les qualités utiles",
            "Conditions de travail",
            "Horaires et durée du travail",
            "Comment y arriver",
            "Formations pour commencer",
            "Pour explorer",
            "Pour aller plus loin",
            "Métiers proches",
            "Sources des fiches métiers",
        ]:
            assert expected in titles, expected
        assert headings[0][0] == "1" and titles.count("Boulanger / Boulangère") == 1
        assert "Baguettes, pains spéciaux" in html  # the hook
        assert "Boulangère-pâtissière" in html  # alternative names
        assert 'alt="Une boulangère sort des baguettes du four"' in html
        assert "youtube-nocookie.com/embed/x" in html
        assert "Niveau d'études minimum :</strong> CAP ou équivalent" in html
        assert "Je commence à 4 heures." in html and "Faut-il se lever tôt ?" in html
        assert "Chef boulanger / Cheffe boulangère" in html  # a finer fiche, as a speciality
        assert "https://www.onisep.fr/http/redirection/metier/slug/MET.17" in html
        assert "/static/css/metiers.css" in html

    def test_related_sheets_and_facets_link_to_pages_and_filtered_lists(self, client, baker, metiers_index):
        html = client.get(baker.url).content.decode()
        pastry = MetierPage.objects.get(rome_code="D1104")
        assert f'<a href="{pastry.url}">Pâtissier / Pâtissière</a>' in html
        assert f'href="{metiers_index.url}?domaine=D"' in html
        # « Je veux travailler de mes mains » (Onisep) is merged into France Travail's « J'aime le travail manuel ».
        manual = CentreInteret.objects.get(rome_code="14")
        assert f'href="{metiers_index.url}?interet={manual.slug}"' in html

    def test_json_ld_is_a_schema_org_occupation_with_the_rome_code(self, client, baker):
        html = client.get(baker.url).content.decode()
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
        assert len(scripts) == 1
        data = json.loads(scripts[0])
        assert data["@type"] == "Occupation"
        assert data["name"] == "Boulanger / Boulangère"
        assert data["occupationalCategory"]["codeValue"] == "D1102"
        assert "Boulangère" in data["alternateName"]
        assert data["educationRequirements"] == "CAP ou équivalent"
        assert data["url"].endswith(baker.url)

    def test_json_ld_cannot_close_its_script_element(self, metiers_index):
        sheet = MetierPageFactory(parent=metiers_index, introduction="</script><script>alert(1)</script>")
        text = sheet.json_ld()
        assert "</script>" not in text
        assert json.loads(text)["description"] == "</script><script>alert(1)</script>"

    def test_sheet_credits_both_sources(self, client, baker):
        html = client.get(baker.url).content.decode()
        assert "Source : France Travail – ROME 4.0 v460 (septembre 2025), Licence Ouverte 2.0." in html
        assert "Idéo-Fiches métiers, Onisep, 25/06/2024, sous licence ODbL." in html

    def test_the_opportunities_place_is_left_for_later_apps(self):
        from django.template.loader import get_template

        source = get_template("metiers/metier_page.html").template.source
        assert "{% block metier_opportunities %}" in source
        assert get_template("metiers/includes/metier_opportunities.html").render({}).strip() == ""

    def test_a_minimal_sheet_still_renders(self, client, metiers_index):
        sheet = MetierPageFactory(parent=metiers_index, grand_domaine=None, access_level=None, tasks="")
        response = client.get(sheet.url)
        assert response.status_code == 200
        assert "Comment y arriver" in response.content.decode()

    def test_a_draft_related_sheet_is_not_linked(self, client, metiers_index):
        link = MetierRelationFactory(
            page=MetierPageFactory(parent=metiers_index), target=MetierPageFactory(parent=metiers_index)
        )
        link.target.unpublish()
        assert MetierPage.objects.get(pk=link.page_id).related_sheets == []


class TestClassificationAdmin:
    def test_staff_group_may_edit_classifications(self):
        staff = Group.objects.get(name="Équipe")
        codenames = set(staff.permissions.filter(content_type__app_label="metiers").values_list("codename", flat=True))
        for model in ("granddomaine", "domaineprofessionnel", "secteur", "centreinteret"):
            assert {f"add_{model}", f"change_{model}", f"delete_{model}"} <= codenames

    @pytest.mark.parametrize("model", [GrandDomaine, DomaineProfessionnel, Secteur, CentreInteret])
    def test_staff_reach_the_snippet_listing(self, staff_client, imported, model):
        url = reverse(f"wagtailsnippets_metiers_{model._meta.model_name}:list")
        response = staff_client.get(url)
        assert response.status_code == 200

    def test_staff_rename_a_centre_d_interet(self, staff_client):
        tag = CentreInteretFactory(name="J'aime le travail manuel", slug="j-aime-le-travail-manuel")
        url = reverse("wagtailsnippets_metiers_centreinteret:edit", args=(tag.pk,))
        response = staff_client.post(
            url, {"name": "Je veux travailler de mes mains", "slug": "de-mes-mains", "description": ""}
        )
        assert response.status_code == 302
        tag.refresh_from_db()
        assert tag.name == "Je veux travailler de mes mains"
        assert tag.renamed_by_staff

    def test_other_roles_have_no_classification_permission(self):
        assert not Permission.objects.filter(
            content_type__app_label="metiers", group__name__in=["Élève", "Professeur", "Parent"]
        ).exists()

"""Page types of the `home` app: where they may live, creation through the admin form, rendering."""

import html
import json

from django.urls import reverse

from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
import wagtail_factories

from home.models import HomePage, StandardPage
from tests.utils import add_url, promote_data

pytestmark = pytest.mark.django_db

ALT_TEXT_ERROR = "Veuillez ajouter un texte alternatif ou marquer l'image comme décorative"


class TestPageTree:
    def test_home_page_lives_only_at_the_tree_root(self, root_page, home_page):
        assert HomePage.can_create_at(root_page)
        assert not HomePage.can_create_at(home_page)
        assert HomePage.allowed_parent_page_models() == [Page]

    def test_home_page_accepts_standard_pages_but_no_other_home_page(self, home_page):
        # Content apps add their index pages under home; the foundation guarantees these two rules.
        subpage_models = home_page.specific_class.allowed_subpage_models()
        assert StandardPage in subpage_models
        assert HomePage not in subpage_models
        assert StandardPage.can_create_at(home_page)

    def test_standard_page_nests_under_home_or_standard_pages(self, root_page, home_page):
        page = home_page.add_child(instance=StandardPage(title="Mentions légales", slug="mentions-legales"))
        assert StandardPage.can_create_at(page)
        assert not StandardPage.can_create_at(root_page)
        assert set(StandardPage.allowed_parent_page_models()) == {HomePage, StandardPage}
        assert StandardPage.allowed_subpage_models() == [StandardPage]

    def test_admin_offers_standard_pages_but_no_home_page_under_home(self, staff_client, home_page):
        response = staff_client.get(reverse("wagtailadmin_pages:add_subpage", args=(home_page.pk,)))

        assert response.status_code == 200
        content = response.content.decode()
        assert f'href="{add_url(StandardPage, home_page)}' in content
        assert add_url(HomePage, home_page) not in content

    def test_admin_refuses_a_home_page_under_the_home_page(self, staff_client, home_page):
        response = staff_client.post(add_url(HomePage, home_page), home_page_form_data("deuxieme-accueil"))

        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
        assert not HomePage.objects.filter(slug="deuxieme-accueil").exists()


class TestStandardPageCreation:
    def test_staff_creates_and_publishes_a_standard_page_with_a_body(self, staff_client, home_page, client):
        data = nested_form_data(
            {
                "title": "Accessibilité",
                "introduction": "Déclaration d'accessibilité du portail.",
                "body": streamfield(
                    [
                        ("heading", "État de conformité"),
                        ("paragraph", rich_text("<p>Le portail vise le <b>RGAA 4.1</b>.</p>")),
                        (
                            "callout",
                            {"style": "tip", "title": "Bon à savoir", "text": rich_text("<p>Écrivez-nous.</p>")},
                        ),
                    ]
                ),
                **promote_data("accessibilite"),
                "action-publish": "publish",
            }
        )
        response = staff_client.post(add_url(StandardPage, home_page), data)

        assert response.status_code == 302, response.context["form"].errors if response.context else response
        page = StandardPage.objects.child_of(home_page).get(slug="accessibilite")
        assert page.live
        assert [block.block_type for block in page.body] == ["heading", "paragraph", "callout"]

        client.logout()
        rendered = client.get(page.url)
        assert rendered.status_code == 200
        html = rendered.content.decode()
        assert "<h1>Accessibilité</h1>" in html
        assert "<h2>État de conformité</h2>" in html
        assert "<b>RGAA 4.1</b>" in html
        assert "Bon à savoir" in html

    def test_image_block_with_alt_text_is_saved_and_rendered(self, staff_client, home_page, client):
        image = wagtail_factories.ImageFactory(title="Atelier au collège")
        data = nested_form_data(
            {
                "title": "Nos ateliers",
                "introduction": "",
                "body": streamfield(
                    [
                        (
                            "image",
                            {"image": {"image": image.pk, "alt_text": "Des élèves autour d'une table"}, "caption": ""},
                        )
                    ]
                ),
                **promote_data("nos-ateliers"),
                "action-publish": "publish",
            }
        )
        response = staff_client.post(add_url(StandardPage, home_page), data)

        assert response.status_code == 302
        page = StandardPage.objects.get(slug="nos-ateliers")
        client.logout()
        assert 'alt="Des élèves autour d&#x27;une table"' in client.get(page.url).content.decode()

    def test_image_block_without_alt_text_is_refused_in_french(self, staff_client, home_page):
        image = wagtail_factories.ImageFactory()
        data = nested_form_data(
            {
                "title": "Nos ateliers",
                "introduction": "",
                "body": streamfield(
                    [("image", {"image": {"image": image.pk, "alt_text": "  "}, "caption": "Un atelier"})]
                ),
                **promote_data("nos-ateliers"),
                "action-publish": "publish",
            }
        )
        response = staff_client.post(add_url(StandardPage, home_page), data)

        assert response.status_code == 200
        assert not StandardPage.objects.filter(slug="nos-ateliers").exists()
        # The admin hands block errors to its JavaScript as JSON, attached to the block's field.
        body_error = response.context["form"].errors["body"].as_data()[0]
        image_errors = body_error.as_json_data()["blockErrors"][0]["blockErrors"]["image"]["blockErrors"]
        assert image_errors["alt_text"]["messages"] == [ALT_TEXT_ERROR]
        assert json.dumps(ALT_TEXT_ERROR) in html.unescape(response.content.decode())

    def test_decorative_image_needs_no_alt_text_and_renders_an_empty_alt(self, staff_client, home_page, client):
        image = wagtail_factories.ImageFactory()
        data = nested_form_data(
            {
                "title": "Nos ateliers",
                "introduction": "",
                "body": streamfield([("image", {"image": {"image": image.pk, "alt_text": "", "decorative": "on"}})]),
                **promote_data("nos-ateliers"),
                "action-publish": "publish",
            }
        )
        response = staff_client.post(add_url(StandardPage, home_page), data)

        assert response.status_code == 302
        client.logout()
        assert 'alt=""' in client.get(StandardPage.objects.get(slug="nos-ateliers").url).content.decode()


def home_page_form_data(slug):
    return nested_form_data(
        {
            "title": "Accueil du nouveau site",
            "hero_title": "Trouve ton stage près de chez toi",
            "hero_text": "Un nouveau territoire rejoint l'association.",
            "hero_image": "",
            "mission": rich_text("<p>Chaque élève choisit son <i>orientation</i>.</p>"),
            "calls_to_action": inline_formset(
                [
                    {
                        "audience": "Tu es élève",
                        "text": "Explore les métiers.",
                        "link_label": "Me connecter",
                        "link_page": "",
                        "link_url": "/fr/compte/connexion/",
                    }
                ],
                max=4,
            ),
            "featured_pages": inline_formset([], max=6),
            "body": streamfield([("heading", "Nos partenaires")]),
            **promote_data(slug),
            "action-publish": "publish",
        }
    )


class TestHomePageCreation:
    def test_staff_creates_a_home_page_at_the_root_and_it_serves_a_new_site(
        self, staff_client, root_page, home_page, client
    ):
        response = staff_client.post(add_url(HomePage, root_page), home_page_form_data("nouveau-site"))

        assert response.status_code == 302, response.context["form"].errors if response.context else response
        page = HomePage.objects.get(slug="nouveau-site")
        assert page.live
        assert page.get_parent().pk == root_page.pk
        assert page.calls_to_action.get().audience == "Tu es élève"

        Site.objects.create(hostname="nouveau.example.org", port=80, root_page=page)
        client.logout()
        rendered = client.get("/fr/", HTTP_HOST="nouveau.example.org")
        assert rendered.status_code == 200
        content = rendered.content.decode()
        assert "Trouve ton stage près de chez toi" in content
        assert "<i>orientation</i>" in content
        assert "Tu es élève" in content
        assert 'href="/fr/compte/connexion/"' in content
        assert "<h2>Nos partenaires</h2>" in content

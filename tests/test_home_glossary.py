"""The glossary: hard words explained where they appear on sheets and articles, the first time on each page,
with a <dfn> and the definition next to it (a disclosure button once site.js runs), never in links or
headings, French pages only; staff keep the glossary in the admin."""

import re

import pytest

from home.models import GlossaryTerm
from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory

pytestmark = pytest.mark.django_db

DEFINITION = "Rester joignable pour venir travailler si on t'appelle, même la nuit."


@pytest.fixture
def astreinte(db):
    return GlossaryTerm.objects.create(term="astreinte", variants="astreintes", definition=DEFINITION)


@pytest.fixture
def article(home_page):
    index = GuidanceIndexPageFactory(parent=home_page)
    return GuidanceArticlePageFactory(
        parent=index,
        title="Travailler avec des astreintes",
        introduction="Certains métiers ont des astreintes. Une astreinte se prépare.",
        body=[
            (
                "paragraph",
                '<p>Une <a href="https://example.org">astreinte</a> dure une semaine. Une astreinte paie.</p>',
            ),
        ],
    )


def explained(content):
    return re.findall(
        r'<span class="glossary-term"[^>]*><dfn>(.*?)</dfn><span class="glossary-term__definition">(.*?)</span></span>',
        content,
    )


def test_a_term_is_explained_in_place_once_per_page(client, astreinte, article):
    content = client.get(article.url).content.decode()

    # The first occurrence (plural form) in the text, with its definition right after it.
    assert explained(content) == [("astreintes", f" ({DEFINITION})")]
    assert 'data-toggle-label="Que veut dire « astreintes » ?"' in content
    # Not in the title (a heading) nor in a link.
    assert "<h1>Travailler avec des astreintes</h1>" in content
    assert '<a href="https://example.org">astreinte</a>' in content


def test_terms_are_explained_on_sheets(client, astreinte):
    from wagtail.models import Locale

    from home.models import HomePage
    from metiers.factories import MetierPageFactory, MetiersIndexPageFactory

    home = HomePage.objects.get(locale=Locale.get_default())
    sheet = MetierPageFactory(
        parent=MetiersIndexPageFactory(parent=home),
        tasks="<ul><li>Assure des astreintes de nuit</li></ul>",
    )

    content = client.get(sheet.url).content.decode()

    assert explained(content) == [("astreintes", f" ({DEFINITION})")]


def test_a_sheet_published_with_the_word_shows_it_explained_at_the_next_visit(client, astreinte):
    from wagtail.models import Locale

    from home.models import HomePage
    from metiers.factories import MetierPageFactory, MetiersIndexPageFactory
    from metiers.models import MetierPage

    home = HomePage.objects.get(locale=Locale.get_default())
    sheet = MetierPageFactory(parent=MetiersIndexPageFactory(parent=home), tasks="<p>Travaille de jour.</p>")
    assert explained(client.get(sheet.url).content.decode()) == []

    sheet = MetierPage.objects.get(pk=sheet.pk)
    sheet.tasks = "<p>Travaille de jour, avec une astreinte le dimanche.</p>"
    sheet.save_revision().publish()

    assert explained(client.get(sheet.url).content.decode()) == [("astreinte", f" ({DEFINITION})")]


def test_a_page_without_the_word_is_unchanged(client, article):
    GlossaryTerm.objects.create(term="AFGSU", definition="Un diplôme de premiers secours.")

    content = client.get(article.url).content.decode()

    assert "glossary-term" not in content.replace("glossary-term__", "")


def test_staff_keep_the_glossary_in_the_admin(staff_client, astreinte):
    listing = staff_client.get("/admin/snippets/home/glossaryterm/")

    assert listing.status_code == 200
    assert "astreinte" in listing.content.decode()
    response = staff_client.post(
        "/admin/snippets/home/glossaryterm/add/",
        {"term": "AFGSU", "variants": "", "definition": "Un diplôme de premiers secours des soignants."},
    )
    assert response.status_code == 302
    assert GlossaryTerm.objects.filter(term="AFGSU").exists()


def marks(html, *terms):
    from home.templatetags.glossary_tags import explain

    return re.findall(r"<dfn>(.*?)</dfn>", explain(html, list(terms), set()))


def test_only_whole_words_in_text_are_explained_the_longest_form_first():
    rome = GlossaryTerm(pk=1, term="code ROME", variants="codes ROME", definition="Le numéro d'un métier.")
    html = (
        '<p title="code ROME"><a href="/">code ROME</a> <!-- code ROME --> <h2>code ROME</h2>'
        "Les Codes ROME du recode ROME. Un code ROME.</p>"
    )
    # Not in an attribute, a link, a comment or a heading, nor inside another word; « Codes ROME » whole.
    assert marks(html, rome) == ["Codes ROME"]


def test_a_form_with_a_quote_is_found_where_the_template_escaped_it():
    term = GlossaryTerm(pk=2, term="prise d'effet", definition="Le jour où cela commence.")
    assert marks("<p>La prise d&#x27;effet du contrat.</p>", term) == ["prise d'effet"]


def test_a_word_inside_an_existing_explanation_is_left_alone():
    term = GlossaryTerm(pk=3, term="astreinte", definition=DEFINITION)
    html = '<p><span class="glossary-term"><span>une astreinte</span></span> puis une astreinte.</p>'
    from home.templatetags.glossary_tags import explain

    assert explain(html, [term], set()).endswith(
        'puis une <span class="glossary-term" data-toggle-label="Que veut dire « astreinte » ?"><dfn>astreinte</dfn><span class="glossary-term__definition"> (Rester joignable pour venir travailler si on t\'appelle, même la nuit.)</span></span>.</p>'
    )

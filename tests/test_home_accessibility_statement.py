"""The demo's accessibility statement follows the RGAA model and is linked from every page's footer."""

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

import pytest

from demo.management.commands.load_demo import Command

pytestmark = pytest.mark.django_db

RGAA_SECTIONS = [
    "État de conformité",
    "Résultats des tests",
    "Contenus non accessibles",
    "Dérogations pour charge disproportionnée",
    "Contenus non soumis à l&#x27;obligation d&#x27;accessibilité",
    "Retour d&#x27;information et contact",
    "Voies de recours",
]


def test_statement_has_every_section_of_the_rgaa_model(client, home_page):
    Command().build_pages()

    response = client.get("/fr/accessibilite/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Déclaration d&#x27;accessibilité</h1>" in content
    for section in RGAA_SECTIONS:
        assert f">{section}</h2>" in content, section
    assert "<b>non conforme</b> avec le RGAA 4.1.2" in content
    assert "axe-core" in content and "clavier" in content  # the method of the audit
    assert "Date des vérifications" in content
    assert 'href="mailto:contact@unstageetapres.fr"' in content
    assert "Défenseur des droits" in content and 'href="https://formulaire.defenseurdesdroits.fr/"' in content
    # The footer links it from any page; under the other languages the link's name is in that language
    # (gettext, French until the catalogue has it) and says that the page is in French.
    assert '<a href="/fr/accessibilite/">Déclaration d&#x27;accessibilité</a>' in client.get("/fr/").content.decode()
    with translation.override("ar"):
        label = escape(gettext("Déclaration d'accessibilité"))
    arabic_home = client.get("/ar/").content.decode()
    assert f'<a href="/ar/accessibilite/" hreflang="fr">{label}</a>' in arabic_home

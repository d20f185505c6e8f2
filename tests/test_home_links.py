"""Call-to-action links on the home page can only point to pages, web addresses or email."""

from django.core.exceptions import ValidationError

import pytest

from home.models import HomePageCallToAction

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x"])
def test_script_links_are_refused(home_page, url):
    cta = HomePageCallToAction(page=home_page, audience="Tu es élève", text="…", link_label="Go", link_url=url)
    with pytest.raises(ValidationError) as error:
        cta.full_clean()
    assert "commence par /, https:// ou mailto:" in str(error.value)


@pytest.mark.parametrize("url", ["/fr/compte/connexion/", "https://www.onisep.fr/", "mailto:contact@example.org", ""])
def test_ordinary_links_are_accepted(client, home_page, url):
    """Accepted, saved, and shown as the button's link on the home page (« # » when left empty)."""
    cta = HomePageCallToAction(page=home_page, audience="Tu es élève", text="…", link_label="Go", link_url=url)
    cta.full_clean()
    home_page.calls_to_action.add(cta)
    home_page.save_revision().publish()
    html = client.get(home_page.url).content.decode()
    assert f'<a class="button" href="{url or "#"}">Go</a>' in html

"""Apps built on accounts plug into « Mon espace », the data export and the erasure through hooks."""

from django.urls import reverse

from wagtail import hooks

import pytest

from accounts import rights
from accounts.extensions import DASHBOARD_SECTIONS, ERASE_PERSONAL_DATA, PERSONAL_DATA, DashboardSection
from accounts.factories import PupilFactory

pytestmark = pytest.mark.django_db


def test_an_apps_section_shows_in_mon_espace_for_its_user_only(client):
    pupil, other = PupilFactory(), PupilFactory()

    def sections(request):
        if request.user == pupil:
            return [
                DashboardSection(
                    key="ateliers",
                    title="Mes ateliers",
                    template="accounts/includes/section_links.html",
                    context={"links": [("Métiers du bois, mardi 14 h", "/fr/agenda/bois/")]},
                )
            ]
        return []

    with hooks.register_temporarily(DASHBOARD_SECTIONS, sections):
        client.force_login(pupil)
        page = client.get(reverse("accounts:dashboard")).content.decode()
        client.force_login(other)
        other_page = client.get(reverse("accounts:dashboard")).content.decode()

    assert '<h2 id="section-ateliers">Mes ateliers</h2>' in page
    assert '<a href="/fr/agenda/bois/">Métiers du bois, mardi 14 h</a>' in page
    assert "Mes ateliers" not in other_page


def test_an_apps_data_is_exported_and_erased_with_the_account():
    pupil = PupilFactory()
    erased = []
    with (
        hooks.register_temporarily(PERSONAL_DATA, lambda user: {"ateliers": [f"inscription de {user.pk}"]}),
        hooks.register_temporarily(ERASE_PERSONAL_DATA, erased.append),
    ):
        exported = rights.export(pupil)
        rights.anonymise(pupil)

    assert exported["ateliers"] == [f"inscription de {pupil.pk}"]
    assert erased == [pupil]

"""A pupil on a 320 px phone finds a stage offer by travel time and adds its métier as a wish: the offers of
their collège's stage week come nearest first, « Filtrer » is one tap away, « Ça m'intéresse » opens the
request with the métier in the first wish. No axe violation, no sideways scroll."""

import datetime

import pytest
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD, ConsentedPupilFactory
from metiers.factories import MetierPageFactory
from metiers.models import MetiersIndexPage
from stages.factories import HostOrganisationFactory, PlaceFactory, PlaceWeekFactory, StageWeekFactory

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e


@pytest.fixture
def offers(demo_content):
    index = MetiersIndexPage.objects.child_of(demo_content).get()
    baker = MetierPageFactory(parent=index, title="Fournier / Fournière")
    vet = MetierPageFactory(parent=index, title="Soigneur / Soigneuse animalier")
    pupil = ConsentedPupilFactory(email="lina@example.org", first_name="Lina")  # collège in Saint-Denis
    today = datetime.date.today()
    monday = today + datetime.timedelta(days=14 - today.weekday())
    StageWeekFactory(school=pupil.school_class.school, starts_on=monday)
    for title, commune, sheet in (
        ("Au zoo de la plaine", "95018", vet),  # Argenteuil: farther
        ("Découvrir le fournil", "93066", baker),  # Saint-Denis: nearest
    ):
        place = PlaceFactory(title=title, sheet_list=[sheet], host=HostOrganisationFactory(commune_code=commune))
        PlaceWeekFactory(place=place, starts_on=monday)
    return pupil


def test_a_pupil_finds_an_offer_by_travel_time_and_adds_it_as_a_wish(new_context, base_url, offers):
    phone = new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True).new_page()
    login(phone, base_url, "lina@example.org", DEFAULT_PASSWORD)
    phone.goto(base_url + "/fr/stages/offres/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Les offres de stage pour mes semaines")
    expect(phone.locator("summary", has_text="Filtrer")).to_be_visible()
    titles = phone.locator(".stages-browse__list h3").all_inner_texts()
    assert titles == ["Découvrir le fournil", "Au zoo de la plaine"]
    assert_no_axe_violations(phone)
    assert_no_horizontal_scroll(phone)

    phone.get_by_role("link", name="Ça m'intéresse : Fournier / Fournière").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Demander un stage")
    first_wish = phone.get_by_role("group", name="Souhait n° 1", exact=True)
    expect(first_wish.get_by_label("Un métier")).to_have_value("Fournier / Fournière")
    assert_no_axe_violations(phone)

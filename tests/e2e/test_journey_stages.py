"""Stages: a pupil asks for a stage on a 375 px phone (typing the métier of their wish), staff propose a place from the console, the host
accepts, the parent sees it in « Mon espace » and downloads the convention; after the stage, the pupil
writes their report on a 375 px phone, the host gives an appreciation, the teacher reads both. No axe
violation on the way, and the stages pages do not scroll sideways at 320 px."""

import re

import pytest
from playwright.sync_api import expect

from accounts.factories import DEFAULT_PASSWORD, ConsentedPupilFactory, ParentFactory, StaffFactory, TeacherFactory
from metiers.factories import MetierPageFactory
from metiers.models import MetiersIndexPage
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
    StageWeekFactory,
)
from stages.models import Place, RequestState, StageRequest

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.e2e


@pytest.fixture
def people(demo_content):
    index = MetiersIndexPage.objects.child_of(demo_content).get()
    sheet = MetierPageFactory(parent=index, title="Fournier / Fournière")
    pupil = ConsentedPupilFactory(email="lina@example.org", first_name="Lina")
    week = StageWeekFactory(school=pupil.school_class.school)
    parent = ParentFactory(email="parent@example.org")
    parent.children.add(pupil)
    host_member = ProfessionalFactory(email="boulangere@example.org")
    PlaceWeekFactory(
        place=PlaceFactory(
            title="Découvrir le fournil", sheet_list=[sheet], host=HostOrganisationFactory(members=[host_member])
        ),
        starts_on=week.starts_on,
    )
    return {"pupil": pupil, "parent": parent, "host": host_member, "staff": StaffFactory(email="equipe@example.org")}


def test_request_propose_accept_and_convention(new_context, base_url, people):
    phone = new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True).new_page()
    login(phone, base_url, "lina@example.org", DEFAULT_PASSWORD)
    phone.goto(base_url + "/fr/stages/ma-demande/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Demander un stage")
    assert_no_axe_violations(phone)
    assert_no_horizontal_scroll(phone)
    # No list of the catalogue: the pupil types the métier, the browser suggests the sheets as they type.
    first_wish = phone.get_by_role("group", name="Souhait n° 1", exact=True)
    first_wish.get_by_label("Un métier").press_sequentially("fournière", delay=60)
    expect(
        phone.locator("datalist#id_souhaits-0-metier_suggestions option[value='Fournier / Fournière']")
    ).to_have_count(1)
    assert_no_horizontal_scroll(phone)
    phone.get_by_label("Ta semaine de stage").select_option(index=1)
    phone.get_by_label("Pourquoi ces souhaits ? En quelques mots").fill("J'aime faire du pain avec ma grand-mère.")
    phone.get_by_label("transports en commun").check()
    phone.get_by_role("button", name="Envoyer ma demande").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Demande de stage de Lina")
    expect(phone.get_by_text("Envoyée", exact=True)).to_be_visible()
    assert_no_axe_violations(phone)
    assert_no_horizontal_scroll(phone)

    staff = new_context().new_page()
    login(staff, base_url, "equipe@example.org", DEFAULT_PASSWORD)
    staff.goto(base_url + "/fr/stages/console/")
    assert_no_axe_violations(staff)
    stage_request = StageRequest.objects.get(pupil=people["pupil"])
    staff.locator(f'a[href="/fr/stages/console/{stage_request.pk}/"]').click()
    first_place = staff.locator("li.candidate").first
    expect(first_place).to_contain_text("Découvrir le fournil")
    expect(first_place).to_contain_text("Souhait n° 1 : même fiche métier")
    expect(first_place).to_contain_text("(estimation)")
    assert_no_axe_violations(staff)
    # Each button names its place for screen readers (WCAG 2.4.6): « Proposer cette place : <place> – <host> ».
    staff.get_by_role("button", name=re.compile("^Proposer cette place : Découvrir le fournil – ")).click()
    expect(staff.get_by_text("Place proposée.")).to_be_visible()

    host = new_context().new_page()
    login(host, base_url, "boulangere@example.org", DEFAULT_PASSWORD)
    host.goto(base_url + "/fr/stages/accueil/")
    assert_no_axe_violations(host)
    host.get_by_role("button", name="Accepter Lina").click()
    expect(host.get_by_text("Acceptée par l'accueil", exact=True)).to_be_visible()

    parent = new_context().new_page()
    login(parent, base_url, "parent@example.org", DEFAULT_PASSWORD)
    parent.goto(base_url + "/fr/compte/mon-espace/")
    parent.get_by_role("link", name="Lina : Acceptée par l'accueil").click()
    expect(parent.get_by_text("Découvrir le fournil")).to_be_visible()
    assert_no_axe_violations(parent)
    with parent.expect_download() as download:
        parent.get_by_role("link", name="Télécharger la convention de stage (PDF)").click()
    assert download.value.suggested_filename.startswith("convention-stage-")


REPORT = [
    "Le fournil, le pétrin, la vente au comptoir et la livraison.",
    "Façonner les baguettes avec le boulanger à 6 h du matin.",
    "Je veux faire un CAP boulanger : j'en parle à mon professeur.",
]


def test_after_the_stage_the_pupil_writes_the_report_and_the_teacher_reads_it(new_context, base_url, people):
    teacher = TeacherFactory(email="prof@example.org")
    people["pupil"].school_class.teachers.add(teacher)
    place_week = PlaceWeekFactory(
        place=PlaceFactory(title="Le fournil du matin", host=HostOrganisationFactory(members=[people["host"]])),
        starts_on=StageWeekFactory(school=people["pupil"].school_class.school).starts_on,
    )
    stage_request = StageRequestFactory(pupil=people["pupil"], state=RequestState.DONE, place_week=place_week)

    phone = new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True).new_page()
    login(phone, base_url, "lina@example.org", DEFAULT_PASSWORD)
    phone.get_by_role("link", name="Écrire mon compte rendu de stage").click()
    for number, text in enumerate(REPORT, start=1):
        expect(phone.get_by_role("heading", level=2, name=f"Étape {number} sur 3")).to_be_visible()
        assert_no_axe_violations(phone)
        assert_no_horizontal_scroll(phone)
        phone.get_by_role("textbox").fill(text)
        phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.get_by_text("Ton compte rendu est enregistré.")).to_be_visible()
    expect(phone.get_by_text(REPORT[1])).to_be_visible()
    assert_no_axe_violations(phone)

    host = new_context().new_page()
    login(host, base_url, "boulangere@example.org", DEFAULT_PASSWORD)
    host.goto(base_url + "/fr/stages/accueil/")
    host.get_by_role("link", name="Donner mon appréciation du stage de Lina").click()
    expect(host.get_by_label("Une phrase pour l'élève")).to_be_visible()
    assert_no_axe_violations(host)
    host.get_by_label("Toujours à l'heure").check()
    host.get_by_label("Curieux ou curieuse", exact=True).check()
    host.get_by_label("Une phrase pour l'élève").fill("Tu as posé de très bonnes questions.")
    host.get_by_role("button", name="Enregistrer mon appréciation").click()
    expect(host.get_by_text("Votre appréciation est enregistrée", exact=False)).to_be_visible()

    desk = new_context().new_page()
    login(desk, base_url, "prof@example.org", DEFAULT_PASSWORD)
    desk.get_by_role("link", name=re.compile("compte rendu de stage à lire")).click()
    expect(desk.get_by_text(REPORT[2])).to_be_visible()
    expect(desk.get_by_text("Tu as posé de très bonnes questions.", exact=False)).to_be_visible()
    assert_no_axe_violations(desk)
    desk.goto(base_url + "/fr/stages/semaines/")
    assert_no_axe_violations(desk)

    narrow = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
    for email, paths in [
        (
            "lina@example.org",
            [f"/fr/stages/demandes/{stage_request.pk}/", f"/fr/stages/demandes/{stage_request.pk}/compte-rendu/1/"],
        ),
        ("prof@example.org", ["/fr/stages/semaines/"]),
        ("boulangere@example.org", ["/fr/stages/accueil/", "/fr/stages/accueil/offres/nouvelle/"]),
        ("equipe@example.org", ["/fr/stages/console/", f"/fr/stages/console/{stage_request.pk}/"]),
    ]:
        small = new_context(**narrow).new_page()
        login(small, base_url, email, DEFAULT_PASSWORD)
        for path in paths:
            small.goto(base_url + path)
            assert_no_horizontal_scroll(small)
        assert_no_axe_violations(small)


def test_a_host_names_the_métier_of_a_new_place_on_a_phone(new_context, base_url, people):
    """No list of the 532 sheets: the host types the métier, suggestions come as they type, and a name that
    fits several sheets comes back with the closest ones to choose from, the rest of the form kept."""
    phone = new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True).new_page()
    login(phone, base_url, "boulangere@example.org", DEFAULT_PASSWORD)
    phone.goto(base_url + "/fr/stages/accueil/offres/nouvelle/")
    phone.get_by_label("Intitulé").fill("Une semaine au fournil")
    phone.get_by_label("Métier observé").press_sequentially("fourni", delay=60)
    suggestion = phone.locator("datalist#id_sheet_query_suggestions option[value='Fournier / Fournière']")
    expect(suggestion).to_have_count(1)
    phone.get_by_label("Ce que l'élève verra").fill("Tu pétriras la pâte avec l'équipe.")
    phone.get_by_label("Tuteur ou tutrice").fill("Nadia Kaci")
    phone.get_by_label("Téléphone ou e-mail du tuteur").fill("01 48 00 00 00")
    phone.get_by_label("Heure d'arrivée").fill("09:00")
    phone.get_by_label("Heure de départ").fill("12:00")
    phone.get_by_label("Pause (minutes)").fill("0")
    phone.get_by_label(re.compile("^Semaine du")).first.fill("2")
    phone.get_by_role("button", name="Enregistrer mon offre").click()

    expect(
        phone.get_by_text("« fourni » : choisissez ci-dessous le métier du catalogue", exact=False).first
    ).to_be_visible()
    expect(phone.get_by_label("Métier observé")).to_have_value("fourni")
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)
    phone.get_by_label("Fournier / Fournière", exact=True).check()
    phone.get_by_role("button", name="Enregistrer mon offre").click()
    expect(phone.get_by_text("Votre offre est enregistrée", exact=False)).to_be_visible()
    place = Place.objects.get(title="Une semaine au fournil")
    assert [sheet.title for sheet in place.sheets.all()] == ["Fournier / Fournière"]

    phone.goto(base_url + f"/fr/stages/accueil/offres/{place.pk}/")
    expect(phone.get_by_label("Fournier / Fournière", exact=True)).to_be_checked()
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)

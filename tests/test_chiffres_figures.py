"""The project's figures on built data: what a partner reads in each table, the suppression of small counts
(a count of 3 never appears, nor a pupil's name), the choice of a past year, the CSV, the query bound."""

import csv
import datetime
import io
import re

from django.urls import reverse
from django.utils import timezone

import pytest

from accompagnement.factories import CommentFactory, DocumentFactory, VersionFactory, VolunteerFactory
from accounts import consent
from accounts.factories import ConsentedPupilFactory, NewPupilFactory, SchoolClassFactory, SchoolFactory, UserFactory
from accounts.models import ConsentRecord, SchoolClass, current_school_year
from accounts.roles import Role
from ateliers.factories import SessionFactory, SignUpFactory
from ateliers.models import Feedback, Kind, Session
from carnet.factories import WishFactory
from carnet.models import Path
from chiffres import figures
from stages.factories import PlaceWeekFactory, StageRequestFactory
from stages.models import RequestState, StageReport
from tests.utils import FROZEN_NOW

pytestmark = pytest.mark.django_db

# Built from a frozen « now » (tests.utils.FROZEN_NOW), so that the sessions held « 3 hours ago » are in the
# same school year whatever the date the tests run on (in the first hours of 1 August they were not).
YEAR = current_school_year(FROZEN_NOW.date())
PAST_YEAR = f"{int(YEAR[:4]) - 1}-{YEAR[:4]}"
NAME = "Zéphyrine"
SURNAME = "Tournesol-Unique"


def consenting(school_class, count, **kwargs):
    return [ConsentedPupilFactory(school_class=school_class, **kwargs) for _ in range(count)]


@pytest.fixture
def world(frozen_now):
    """Collège A: 12 pupils in 3e and 3 in 4e who take part; collège B: 3 in 3e; pupils who do not count
    (not activated, consent refused or withdrawn, last year's class). Workshops, stages, CVs around them."""
    school_a = SchoolFactory(name="Collège Alpha", commune="Saint-Denis")
    school_b = SchoolFactory(name="Collège Bêta", commune="Bobigny")
    third = SchoolClassFactory(school=school_a, level=SchoolClass.Level.TROISIEME, name="3e A", school_year=YEAR)
    fourth = SchoolClassFactory(school=school_a, level=SchoolClass.Level.QUATRIEME, name="4e A", school_year=YEAR)
    third_b = SchoolClassFactory(school=school_b, level=SchoolClass.Level.TROISIEME, name="3e B", school_year=YEAR)
    pupils = consenting(third, 11) + consenting(third, 1, first_name=NAME, last_name=SURNAME)
    fourths = consenting(fourth, 3)
    consenting(third_b, 3)
    # Who does not count: not activated, consent refused, consent withdrawn, last year's class.
    NewPupilFactory(school_class=third)
    consenting(third, 1, consent_given=False)
    refused = consenting(third, 1, consent_given=False)[0]
    consent.record(refused, ConsentRecord.Decision.REFUSED, ConsentRecord.Method.LINK, by_name="Parent")
    withdrawn = consenting(third, 1)[0]
    consent.record(withdrawn, ConsentRecord.Decision.WITHDRAWN, ConsentRecord.Method.LINK, by_name="Parent")
    last_year = SchoolClassFactory(school=school_a, name="3e Z", school_year=PAST_YEAR)
    consenting(last_year, 6)

    now = timezone.now()
    workshop = SessionFactory(page__kind=Kind.WORKSHOP, starts_at=now - datetime.timedelta(hours=3), capacity=30)
    talk = SessionFactory(page__kind=Kind.TALK, starts_at=now - datetime.timedelta(hours=3), capacity=50)
    SessionFactory(page__kind=Kind.FORUM, capacity=100)  # to come: not held yet
    SessionFactory(page__kind=Kind.FORUM, starts_at=now - datetime.timedelta(hours=5), capacity=100, cancelled_at=now)
    for index, pupil in enumerate(pupils):
        signup = SignUpFactory(session=workshop, pupil=pupil, attended=True)
        if index < 10:
            learned = Feedback.Smiley.HAPPY if index < 5 else Feedback.Smiley.NEUTRAL
            liked = Feedback.Smiley.HAPPY if index < 8 else Feedback.Smiley.SAD
            Feedback.objects.create(session=workshop, signup=signup, liked=liked, learned=learned)
    for pupil in fourths:
        SignUpFactory(session=talk, pupil=pupil, attended=True)
    Session.objects.filter(pk=workshop.pk).update(seats_taken=12)
    Session.objects.filter(pk=talk.pk).update(seats_taken=3)

    place_week = PlaceWeekFactory(seats=8)
    states = [RequestState.DONE] * 5 + [RequestState.CONVENTION] + [RequestState.PROPOSED] * 3
    states += [RequestState.SENT] * 2 + [RequestState.DRAFT]
    for pupil, state in zip(pupils, states, strict=True):
        found = state in (RequestState.DONE, RequestState.CONVENTION, RequestState.PROPOSED)
        request = StageRequestFactory(pupil=pupil, state=state, place_week=place_week if found else None)
        if state == RequestState.DONE and len(StageReport.objects.all()) < 3:
            StageReport.objects.create(request=request, saw="Le fournil.", submitted_at=now)

    volunteer = VolunteerFactory()
    for pupil in pupils[:3]:
        CommentFactory(version=VersionFactory(document=DocumentFactory(pupil=pupil)), author=volunteer)

    # Orientation wishes (carnet): 6 CAP and 2 seconde générale; the withdrawn pupil's wish does not count.
    for index, pupil in enumerate(pupils[:8]):
        WishFactory(pupil=pupil, path=Path.CAP if index < 6 else Path.GENERAL)
    WishFactory(pupil=withdrawn, path=Path.APPRENTICESHIP)
    return {"pupils": pupils}


def table(tables, key):
    found = next(t for t in tables if t.key == key)
    return {str(label): cells for label, cells, _total in found.rows}


def test_each_table_says_what_the_models_hold_with_small_counts_hidden(world):
    tables = figures.published_tables(YEAR)

    # 4e: 3 pupils, under 5: the whole breakdown is hidden, only the total is shown; the same by collège.
    assert table(tables, "eleves-niveau") == {"4e": ["non publié"], "3e": ["non publié"], "Ensemble": ["18"]}
    assert table(tables, "eleves-college") == {
        "Collège Alpha (Saint-Denis)": ["non publié"],
        "Collège Bêta (Bobigny)": ["non publié"],
        "Ensemble": ["18"],
    }
    # Sessions held: one workshop and one talk; the forum to come and the cancelled one do not count. The
    # talk's 3 pupils hide the seats taken and the pupils present of every kind; the totals are shown.
    assert table(tables, "decouverte") == {
        "Atelier": ["1", "30", "non publié", "non publié"],
        "Conférence": ["1", "50", "non publié", "non publié"],
        "Forum des métiers": ["0", "0", "non publié", "non publié"],
        "Ensemble": ["2", "80", "15", "15"],
    }
    assert list(table(tables, "decouverte-avis").values()) == [["100 %"], ["10"], ["50 %"], ["non calculé"]]
    # 11 requests sent (the draft is not), 6 found (accepted and later), 5 done; the share: 6 out of 11.
    assert list(table(tables, "stages").values()) == [["8"], ["11"], ["6"], ["55 %"], ["5"]]
    # 3 reports: hidden; their share of the 5 stages done: under 10, not calculated.
    assert list(table(tables, "apres-stage").values()) == [["moins de 5"], ["non calculé"]]
    assert table(tables, "cv-lettres") == {
        "CV": ["non publié"],
        "Lettre de motivation": ["non publié"],
        "Ensemble": ["moins de 5"],
    }
    # 8 wishes: the 2 for the seconde générale (and the paths nobody chose) hide the whole breakdown.
    assert table(tables, "voeux") == {
        "Seconde générale et technologique": ["non publié"],
        "Seconde professionnelle": ["non publié"],
        "CAP": ["non publié"],
        "Apprentissage": ["non publié"],
        "Ensemble": ["8"],
    }
    # One volunteer, no professional (0 is « moins de 5 » too), one host offering and hosting.
    assert list(table(tables, "adultes").values()) == [["moins de 5"]] * 4


def test_a_past_year_counts_its_own_classes(world, client):
    assert figures.school_years() == [YEAR, PAST_YEAR]
    past = figures.published_tables(PAST_YEAR)
    assert table(past, "eleves-niveau")["Ensemble"] == ["6"]
    assert table(past, "decouverte")["Ensemble"] == ["0", "0", "moins de 5", "moins de 5"]

    client.force_login(UserFactory(role=Role.PARTNER))
    page = client.get(reverse("chiffres:figures"), {"annee": PAST_YEAR}).content.decode()
    assert f'<option value="{PAST_YEAR}" selected>' in page
    # An unknown year shows the current one, without an error.
    page = client.get(reverse("chiffres:figures"), {"annee": "1999-2000"}).content.decode()
    assert f'<option value="{YEAR}" selected>' in page


def cells_of_page(html):
    return [re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", html, flags=re.S)]


def test_a_count_of_three_and_a_name_never_appear(world, client):
    client.force_login(UserFactory(role=Role.PARTNER))
    html = client.get(reverse("chiffres:figures")).content.decode()
    cells = cells_of_page(html)
    assert len(cells) > 30
    assert "3" not in cells
    assert "moins de 5" in cells
    assert NAME not in html and SURNAME not in html

    response = client.get(reverse("chiffres:csv"))
    text = response.content.decode("utf-8-sig")
    fields = [field.strip() for row in csv.reader(io.StringIO(text), delimiter=";") for field in row]
    assert "3" not in fields
    assert "moins de 5" in fields and "18" in fields
    assert NAME not in text and SURNAME not in text
    # The CSV holds the same tables as the page.
    for caption in re.findall(r"<caption[^>]*>(.*?)</caption>", html):
        assert caption.replace("&#x27;", "'") in text


def test_the_page_is_a_handful_of_queries_whatever_the_number_of_pupils(world, client, django_assert_max_num_queries):
    # One aggregate query per table (the wishes' table of carnet made it 21), none per pupil.
    client.force_login(UserFactory(role=Role.PARTNER))
    with django_assert_max_num_queries(21):
        assert client.get(reverse("chiffres:figures")).status_code == 200
    consenting(SchoolClass.objects.get(name="3e A"), 20)
    with django_assert_max_num_queries(21):
        assert client.get(reverse("chiffres:figures")).status_code == 200

"""The project's figures in the API (`/api/v3/chiffres/`): partners and staff read the same anonymised tables
as the page (« moins de 5 », never a count from 1 to 4, never a name); every other role gets 403, an
anonymous request 401; a token works; a bad year is a JSON error; labels follow `lang`."""

from wagtail.models import APIToken

import pytest

from accounts.factories import ConsentedPupilFactory, SchoolClassFactory, SchoolFactory
from accounts.models import SchoolClass, current_school_year
from chiffres import figures
from tests.test_chiffres_access import viewers  # noqa: F401 (the fixture: the same seven roles)

pytestmark = pytest.mark.django_db

URL = "/api/v3/chiffres/"
YEAR = current_school_year()
PAST_YEAR = f"{int(YEAR[:4]) - 1}-{YEAR[:4]}"
NAME = "Zéphyrine"
SURNAME = "Tournesol-Unique"


@pytest.fixture
def world():
    """12 pupils of 3e (one with a name to look for) and 3 of 4e who take part this year; a class last year."""
    school = SchoolFactory(name="Collège Alpha", commune="Saint-Denis")
    third = SchoolClassFactory(school=school, level=SchoolClass.Level.TROISIEME, name="3e A", school_year=YEAR)
    fourth = SchoolClassFactory(school=school, level=SchoolClass.Level.QUATRIEME, name="4e A", school_year=YEAR)
    for _ in range(11):
        ConsentedPupilFactory(school_class=third)
    ConsentedPupilFactory(school_class=third, first_name=NAME, last_name=SURNAME)
    for _ in range(3):
        ConsentedPupilFactory(school_class=fourth)
    SchoolClassFactory(school=school, name="3e Z", school_year=PAST_YEAR)


def by_id(data, table_id):
    table = next(table for table in data["tables"] if table["id"] == table_id)
    return {row["label"]: row["cells"] for row in table["rows"]}


def all_cells(data):
    return [cell for table in data["tables"] for row in table["rows"] for cell in row["cells"]]


@pytest.mark.parametrize("role", ["partner", "staff"])
def test_partners_and_staff_read_the_anonymised_tables(client, world, viewers, role):
    client.force_login(viewers[role])
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "ETag" not in response
    data = response.json()
    assert data["school_year"] == YEAR
    assert data["school_years"] == [YEAR, PAST_YEAR]
    # 3 pupils in 4e: the breakdown by level is not published (3e would give them back), only its total.
    assert by_id(data, "eleves-niveau") == {"4e": ["non publié"], "3e": ["non publié"], "Ensemble": ["15"]}
    table = data["tables"][0]
    assert table["title"] == "Élèves qui participent, par niveau"
    assert table["columns"] == ["Élèves qui participent"]
    assert [row["total"] for row in table["rows"]] == [False, False, True]
    cells = all_cells(data)
    assert all(isinstance(cell, str) for cell in cells)
    assert not {"1", "2", "3", "4"} & set(cells)
    text = response.content.decode()
    assert NAME not in text and SURNAME not in text


def test_the_same_tables_as_the_page(client, world, viewers):
    client.force_login(viewers["partner"])
    data = client.get(URL, {"annee": PAST_YEAR}).json()
    assert data["school_year"] == PAST_YEAR
    page = figures.published_tables(PAST_YEAR)
    assert [table["id"] for table in data["tables"]] == [table.key for table in page]
    assert [[row["cells"] for row in table["rows"]] for table in data["tables"]] == [
        [cells for _label, cells, _total in table.rows] for table in page
    ]


def test_other_roles_get_403_and_anonymous_401(client, world, viewers):
    for name, user in viewers.items():
        if name in ("partner", "staff"):
            continue
        client.force_login(user)
        response = client.get(URL)
        assert response.status_code == 403, name
        assert response.json()["code"] == "forbidden"
        assert response.json()["message"] == "Ce compte n'a pas le droit de faire cela."
        assert "tables" not in response.json()
    client.logout()
    response = client.get(URL)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_required"


def test_a_partners_token_works_and_a_false_one_does_not(client, world, viewers):
    _token, key = APIToken.create_token(user=viewers["partner"], name="tableau de bord")
    response = client.get(URL, headers={"authorization": f"Bearer {key}"})
    assert response.status_code == 200
    assert by_id(response.json(), "eleves-niveau")["Ensemble"] == ["15"]
    assert client.get(URL, headers={"authorization": "Bearer wagtail_faux"}).status_code == 401
    _token, key = APIToken.create_token(user=viewers["teacher"], name="appli")
    assert client.get(URL, headers={"authorization": f"Bearer {key}"}).status_code == 403


@pytest.mark.parametrize("annee", ["1999-2000", "2026", "annee", ""])
def test_a_bad_year_is_a_json_error_in_french(client, world, viewers, annee):
    client.force_login(viewers["staff"])
    response = client.get(URL, {"annee": annee})
    assert response.status_code == 422
    data = response.json()
    assert data["code"] == "invalid_parameters"
    assert data["message"].startswith("Un paramètre de la requête n'est pas valide")
    assert data["errors"][0]["loc"][-1] == "annee"


def test_labels_follow_the_language(client, world, viewers):
    client.force_login(viewers["partner"])
    data = client.get(URL, {"lang": "en"}).json()
    table = data["tables"][0]
    assert table["title"] == "Pupils taking part, by level"
    assert table["columns"] == ["Pupils taking part"]
    assert "fewer than 5" in all_cells(data)
    assert "moins de 5" not in all_cells(data)

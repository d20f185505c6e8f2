"""Staff's « mots des élèves »: a word saved in the admin is found by the search and suggested by the
autocomplete at once; renamed or removed, it stops matching at once; only staff keep the list."""

from django.urls import reverse

import pytest

from accounts.factories import PupilFactory, TeacherFactory, UserFactory
from accounts.roles import Role
from metiers.models import MetierPage
from search.models import PupilWord, PupilWordSheet

pytestmark = pytest.mark.django_db

URL = reverse("search:search")
AUTOCOMPLETE = reverse("search:autocomplete")
ADD = "/admin/snippets/search/pupilword/add/"


def first_code(client, query):
    results = client.get(URL, {"q": query}).context["search"].page_obj.object_list
    return results[0].page.rome_code if results else None


def form_data(word, page_ids):
    data = {
        "word": word,
        "note": "",
        "sheets-TOTAL_FORMS": str(len(page_ids)),
        "sheets-INITIAL_FORMS": "0",
        "sheets-MIN_NUM_FORMS": "1",
        "sheets-MAX_NUM_FORMS": "1000",
    }
    for index, page_id in enumerate(page_ids):
        data |= {
            f"sheets-{index}-page": str(page_id),
            f"sheets-{index}-ORDER": str(index + 1),
            f"sheets-{index}-id": "",
        }
    return data


def test_a_word_saved_in_the_admin_is_searched_and_suggested_at_once(
    staff_client, imported, django_capture_on_commit_callbacks
):
    baker = MetierPage.objects.get(rome_code="D1102")
    assert first_code(staff_client, "baker") != "D1102"
    assert staff_client.get(AUTOCOMPLETE, {"q": "baker"}).json() == []

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(ADD, form_data("baker", [baker.pk]))

    assert response.status_code == 302
    assert first_code(staff_client, "baker") == "D1102"
    assert [item["title"] for item in staff_client.get(AUTOCOMPLETE, {"q": "baker"}).json()][0] == baker.title


def test_a_removed_word_stops_matching_at_once(client, imported, django_capture_on_commit_callbacks):
    baker = MetierPage.objects.get(rome_code="D1102")
    with django_capture_on_commit_callbacks(execute=True):
        word = PupilWord.objects.create(word="zblorfeur")
        PupilWordSheet.objects.create(word=word, page=baker)
    assert first_code(client, "zblorfeur") == "D1102"

    with django_capture_on_commit_callbacks(execute=True):
        word.delete()

    assert client.get(URL, {"q": "zblorfeur"}).context["search"].results_ids == []


@pytest.mark.parametrize(
    ("factory", "may_edit"),
    [
        (lambda: UserFactory(role=None), False),
        (PupilFactory, False),
        (TeacherFactory, False),
        (lambda: UserFactory(role=Role.VOLUNTEER), False),
        (lambda: UserFactory(role=Role.STAFF), True),
    ],
)
def test_only_staff_keep_the_list(client, imported, factory, may_edit):
    client.force_login(factory())
    response = client.get(ADD)
    assert (response.status_code == 200) is may_edit

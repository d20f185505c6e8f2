"""Outside the admin: a collège's teachers enter its stage weeks (their own collège only, clear French
messages), and professionals enter and edit their places with the weeks open and seats per week; a new
place or an edit of substance waits for staff's check again. Role by neighbour."""

import datetime

from django.core import mail
from django.urls import reverse

import pytest

from accounts.factories import ParentFactory, PupilFactory, SchoolClassFactory, StaffFactory, TeacherFactory
from accounts.models import current_school_year
from home.models import SiteSettings
from metiers.factories import MetierPageFactory
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
    StageWeekFactory,
)
from stages.models import Place, PlaceStatus, PlaceWeek, StageWeek

pytestmark = pytest.mark.django_db

NEXT_YEAR = int(current_school_year()[:4]) + 1
SCHOOL_YEAR = f"{NEXT_YEAR}-{NEXT_YEAR + 1}"
MONDAY = datetime.date(NEXT_YEAR, 12, 7) - datetime.timedelta(days=datetime.date(NEXT_YEAR, 12, 7).weekday())


@pytest.fixture
def teacher():
    teacher = TeacherFactory()
    SchoolClassFactory().teachers.add(teacher)
    return teacher


def post_week(client, school, day, year=SCHOOL_YEAR):
    return client.post(
        reverse("stages:weeks"), {"school": school.pk, "school_year": year, "starts_on": day.isoformat()}
    )


def test_a_teacher_enters_their_collèges_week(teacher, client):
    school = teacher.taught_classes.get().school
    client.force_login(teacher)
    response = post_week(client, school, MONDAY)
    assert response.status_code == 302
    week = StageWeek.objects.get()
    assert (week.school, week.starts_on, week.school_year) == (school, MONDAY, SCHOOL_YEAR)
    page = client.get(reverse("stages:weeks")).content.decode()
    assert "Semaine de stage enregistrée" in page and "au vendredi" in page


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (MONDAY + datetime.timedelta(days=2), "n&#x27;est pas un lundi : choisissez le lundi de la semaine"),
        (
            datetime.date(NEXT_YEAR + 1, 7, 5) - datetime.timedelta(days=datetime.date(NEXT_YEAR + 1, 7, 5).weekday()),
            "tombe entre le",
        ),
        (datetime.date(2020, 1, 6), "déjà passée"),
    ],
)
def test_bad_weeks_get_a_french_message_and_keep_the_date(teacher, client, day, message):
    client.force_login(teacher)
    response = post_week(client, teacher.taught_classes.get().school, day)
    content = response.content.decode()
    assert response.status_code == 200 and message in content
    assert day.isoformat() in content  # what was typed stays
    assert not StageWeek.objects.exists()


def test_the_same_week_twice_is_refused(teacher, client):
    school = teacher.taught_classes.get().school
    client.force_login(teacher)
    post_week(client, school, MONDAY)
    response = post_week(client, school, MONDAY)
    assert "déjà enregistrée pour ce collège" in response.content.decode()
    assert StageWeek.objects.count() == 1


def test_a_teacher_cannot_enter_or_remove_another_collèges_weeks(teacher, client):
    other_school = SchoolClassFactory().school
    other_week = StageWeekFactory(school=other_school, starts_on=MONDAY, school_year=SCHOOL_YEAR)
    client.force_login(teacher)
    response = post_week(client, other_school, MONDAY + datetime.timedelta(days=7))
    assert "que de votre collège" in response.content.decode()
    assert other_school.name not in client.get(reverse("stages:weeks")).content.decode()
    assert client.post(reverse("stages:week_delete", args=[other_week.pk])).status_code == 404
    assert StageWeek.objects.count() == 1


def test_a_week_with_requests_stays(teacher, client):
    school = teacher.taught_classes.get().school
    used = StageWeekFactory(school=school, starts_on=MONDAY, school_year=SCHOOL_YEAR)
    StageRequestFactory(week=used, pupil__school_class=teacher.taught_classes.get())
    free = StageWeekFactory(school=school, starts_on=MONDAY + datetime.timedelta(days=7), school_year=SCHOOL_YEAR)
    client.force_login(teacher)
    client.post(reverse("stages:week_delete", args=[used.pk]))
    client.post(reverse("stages:week_delete", args=[free.pk]))
    assert list(StageWeek.objects.all()) == [used]


def test_the_weeks_page_is_for_teachers_with_classes_only(client):
    for user in [PupilFactory(), ParentFactory(), ProfessionalFactory(), StaffFactory(), TeacherFactory()]:
        client.force_login(user)
        assert client.get(reverse("stages:weeks")).status_code == 403, user


# Professionals' places.


@pytest.fixture
def host_world(metiers_index):
    member = ProfessionalFactory()
    host = HostOrganisationFactory(members=[member])
    week = StageWeekFactory(starts_on=MONDAY, school_year=SCHOOL_YEAR)
    SiteSettings.objects.update_or_create(defaults={"contact_email": "equipe@example.org"})
    return {
        "member": member,
        "host": host,
        "week": week,
        "sheet": MetierPageFactory(parent=metiers_index, title="Fournier"),
    }


def place_data(world, **extra):
    data = {
        "host": world["host"].pk,
        "title": "Découvrir le fournil",
        "sheets": [world["sheet"].pk],
        "description": "Tu verras comment on fait le pain.",
        "tutor": "Nadia Kaci",
        "tutor_contact": "01 48 00 00 00",
        "starts_at": "08:00",
        "ends_at": "15:00",
        "break_minutes": "45",
        f"seats_{MONDAY:%Y%m%d}": "2",
    }
    data.update(extra)
    return data


def test_a_professional_offers_a_place_checked_by_staff_before_matching(
    host_world, client, django_capture_on_commit_callbacks
):
    client.force_login(host_world["member"])
    form = client.get(reverse("stages:place_new")).content.decode()
    assert "Semaine du" in form and host_world["week"].school.name in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("stages:place_new"), place_data(host_world))
    assert response.url == reverse("stages:host")
    place = Place.objects.get()
    assert place.status == PlaceStatus.PENDING and list(place.sheets.all()) == [host_world["sheet"]]
    assert [(w.starts_on, w.seats) for w in place.weeks.all()] == [(MONDAY, 2)]
    assert [m.to for m in mail.outbox] == [["equipe@example.org"]]
    assert "à vérifier" in mail.outbox[0].subject


def test_seats_alone_keep_the_check_an_edit_of_substance_does_not(host_world, client):
    place = PlaceFactory(host=host_world["host"], title="Découvrir le fournil", status=PlaceStatus.APPROVED)
    place.sheets.add(host_world["sheet"])
    PlaceWeekFactory(place=place, starts_on=MONDAY, seats=2)
    client.force_login(host_world["member"])
    url = reverse("stages:place_edit", args=[place.pk])
    data = place_data(host_world, description=place.description, tutor=place.tutor, hours=place.hours)
    data[f"seats_{MONDAY:%Y%m%d}"] = "4"
    client.post(url, data)
    place.refresh_from_db()
    assert place.status == PlaceStatus.APPROVED and place.weeks.get().seats == 4
    client.post(url, {**data, "description": "Tu feras aussi les croissants."})
    place.refresh_from_db()
    assert place.status == PlaceStatus.PENDING


def test_seats_cannot_go_below_those_taken_nor_every_week_be_closed(host_world, client):
    place = PlaceFactory(host=host_world["host"])
    PlaceWeek.objects.create(place=place, starts_on=MONDAY, seats=2, seats_taken=0)
    PlaceWeek.objects.filter(place=place).update(seats_taken=2)
    client.force_login(host_world["member"])
    url = reverse("stages:place_edit", args=[place.pk])
    below = client.post(url, place_data(host_world, **{f"seats_{MONDAY:%Y%m%d}": "1"})).content.decode()
    assert "gardez au moins 2 place(s)" in below
    fresh = client.post(reverse("stages:place_new"), place_data(host_world, **{f"seats_{MONDAY:%Y%m%d}": "0"}))
    assert "Ouvrez au moins une semaine" in fresh.content.decode()
    assert "Découvrir le fournil" in fresh.content.decode()  # typed input kept
    assert place.weeks.get().seats == 2 and Place.objects.count() == 1


def test_only_the_places_hosts_edit_them(host_world, client):
    place = PlaceFactory(host=host_world["host"])
    other_host = ProfessionalFactory()
    HostOrganisationFactory(members=[other_host])
    client.force_login(other_host)
    assert client.get(reverse("stages:place_edit", args=[place.pk])).status_code == 404
    # Another host cannot move a place into an organisation that is not theirs.
    response = client.post(reverse("stages:place_new"), place_data(host_world))
    assert response.status_code == 200 and not Place.objects.exclude(pk=place.pk).exists()
    for user in [PupilFactory(), ParentFactory(), TeacherFactory(), StaffFactory(), ProfessionalFactory()]:
        client.force_login(user)
        assert client.get(reverse("stages:place_new")).status_code == 403, user
        assert client.get(reverse("stages:place_edit", args=[place.pk])).status_code == 403, user

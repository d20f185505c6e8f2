"""Staff complete a pupil's record in the admin: class and birth date (who gives consent)."""

import datetime

from django.urls import reverse

import pytest

from accounts import consent
from accounts.factories import NewPupilFactory, SchoolClassFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_staff_set_a_pupils_birth_date_and_class_in_the_admin(client):
    pupil = NewPupilFactory(birth_date=None, first_name="Lina", last_name="Morel")
    new_class = SchoolClassFactory(name="3e C")
    client.force_login(StaffFactory())
    url = reverse("wagtailusers_users:edit", args=[pupil.pk])

    page = client.get(url)
    assert 'name="birth_date"' in page.content.decode()
    response = client.post(
        url,
        {
            "email": "",
            "first_name": "Lina",
            "last_name": "Morel",
            "birth_date": "2010-01-15",
            "school_class": new_class.pk,
            "groups": [group.pk for group in pupil.groups.all()],
            "password1": "",
            "password2": "",
        },
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    pupil.refresh_from_db()
    assert pupil.birth_date == datetime.date(2010, 1, 15)
    assert pupil.school_class == new_class
    assert consent.decides_for_self(pupil)

"""Staff record a volunteer's charter and attestation dates and change the CV help's settings in the admin;
other roles cannot."""

from django.urls import reverse

import pytest

from accompagnement.factories import VolunteerFactory
from accompagnement.models import HelpSettings, VolunteerProfile
from accounts.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_staff_record_the_safeguarding_dates(client):
    volunteer = VolunteerFactory(profile=False, first_name="Patrick", last_name="Roux")
    client.force_login(StaffFactory())
    response = client.post(
        reverse("volunteerprofile:add"),
        {
            "user": volunteer.pk,
            "charter_signed_on": "2026-11-02",
            "attestation_checked_on": "2026-11-03",
            "available": "on",
            "max_documents": "3",
            "blocked_reason": "",
        },
    )
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user=volunteer)
    assert str(profile.attestation_checked_on) == "2026-11-03"
    assert "Roux" in client.get(reverse("volunteerprofile:index")).content.decode()


def test_staff_switch_the_automatic_rule_on(client):
    client.force_login(StaffFactory())
    url = reverse("wagtailsettings:edit", args=["accompagnement", "helpsettings", HelpSettings.load().pk])
    assert client.get(url).status_code == 200
    data = {"auto_assign": "on", "assignment_days": "21", "charter_valid_days": "365", "attestation_valid_days": "365"}
    assert client.post(url, {**data, "rules_page": ""}).status_code == 302
    settings = HelpSettings.load()
    assert settings.auto_assign and settings.assignment_days == 21


def test_a_volunteer_cannot_open_the_admin_pages(client):
    client.force_login(VolunteerFactory())
    assert client.get(reverse("volunteerprofile:index")).status_code in {302, 403}

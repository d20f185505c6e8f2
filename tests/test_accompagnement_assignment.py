"""Assignment rules: only volunteers with a valid charter and attestation (both expire) and not blocked;
pupils with consent only; one volunteer at a time; the automatic rule picks the least loaded available
volunteer; the assignment ends when the document is done, when staff end it, or after the set days.
Moderation: held comments reach staff's queue, who publish or remove them and can block a volunteer."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from accompagnement import assignment
from accompagnement.factories import AssignmentFactory, DocumentFactory, VersionFactory, VolunteerFactory
from accompagnement.models import Assignment, CommentStatus, HelpSettings, VolunteerProfile
from accounts.factories import ConsentedPupilFactory, StaffFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


def test_refusals_name_each_missing_or_expired_safeguard():
    ok = VolunteerFactory(profile__charter_signed_on=days_ago(10), profile__attestation_checked_on=days_ago(10))
    assert assignment.refusals(ok, TODAY) == []
    expired = VolunteerFactory(profile__charter_signed_on=days_ago(10), profile__attestation_checked_on=days_ago(400))
    assert assignment.refusals(expired, TODAY) == ["L'attestation d'honorabilité a expiré le 26/10/2026."]
    unsigned = VolunteerFactory(profile__charter_signed_on=None, profile__attestation_checked_on=None)
    assert assignment.refusals(unsigned, TODAY) == [
        "La charte n'est pas signée.",
        "L'attestation d'honorabilité n'a pas été vérifiée.",
    ]
    old_charter = VolunteerFactory(
        profile__charter_signed_on=days_ago(366), profile__attestation_checked_on=days_ago(1)
    )
    assert assignment.refusals(old_charter, TODAY) == ["La charte a expiré le 29/11/2026."]
    no_profile = VolunteerFactory(profile=False)
    assert assignment.refusals(no_profile, TODAY) == [
        "Cette personne n'est pas enregistrée comme bénévole accompagnant."
    ]


def test_staff_cannot_assign_an_expired_volunteer_and_are_told_why(client):
    document = DocumentFactory()
    expired = VolunteerFactory(profile__attestation_checked_on=timezone.localdate() - datetime.timedelta(days=400))
    client.force_login(StaffFactory())
    page = client.get(reverse("accompagnement_console")).content.decode()
    assert f'<option value="{expired.pk}"' not in page  # not offered
    response = client.post(reverse("accompagnement_assign", args=[document.pk]), {"volunteer": expired.pk}, follow=True)
    assert "L&#x27;attestation d&#x27;honorabilité a expiré" in response.content.decode()
    assert not Assignment.objects.exists()


def test_no_volunteer_for_a_pupil_without_consent():
    document = DocumentFactory(pupil=ConsentedPupilFactory(consent_given=False))
    with pytest.raises(assignment.AssignmentRefused, match="n'a pas donné son accord"):
        assignment.assign(document, VolunteerFactory())


def test_one_volunteer_at_a_time(django_capture_on_commit_callbacks):
    document = DocumentFactory()
    first = VolunteerFactory(email="claire@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        made = assignment.assign(document, first)
    assert made.ends_on == timezone.localdate() + datetime.timedelta(days=30)
    assert mail.outbox[0].to == ["claire@example.org"]
    with pytest.raises(assignment.AssignmentRefused, match="accompagne déjà"):
        assignment.assign(document, VolunteerFactory())


def test_an_expired_assignment_is_closed_when_someone_new_is_assigned():
    old = AssignmentFactory(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    assert old.document.active_assignment() is None
    assignment.assign(old.document, VolunteerFactory())
    old.refresh_from_db()
    assert old.end_reason == Assignment.EndReason.EXPIRED
    assert old.document.active_assignment().volunteer != old.volunteer


def test_the_automatic_rule_picks_the_least_loaded_available_volunteer(client):
    settings = HelpSettings.load()
    settings.auto_assign, settings.assignment_days = True, 10
    settings.save()
    busy = VolunteerFactory()
    AssignmentFactory(volunteer=busy)
    VolunteerFactory(profile__available=False)
    VolunteerFactory(profile__attestation_checked_on=None)
    free = VolunteerFactory()
    document = DocumentFactory()
    client.force_login(document.pupil)
    client.post(reverse("accompagnement:ask_review", args=[document.pk]))
    made = document.active_assignment()
    assert made.volunteer == free and made.assigned_by is None
    assert made.ends_on == timezone.localdate() + datetime.timedelta(days=10)


def test_without_the_automatic_rule_the_request_waits_for_staff(client):
    VolunteerFactory()
    document = DocumentFactory(pupil__first_name="Lina")
    client.force_login(document.pupil)
    client.post(reverse("accompagnement:ask_review", args=[document.pk]))
    assert document.active_assignment() is None
    client.force_login(StaffFactory())
    assert "Lina" in client.get(reverse("accompagnement_console")).content.decode()


def test_marking_done_ends_the_assignment(client):
    made = AssignmentFactory()
    client.force_login(made.document.pupil)
    client.post(reverse("accompagnement:mark_done", args=[made.document.pk]))
    made.refresh_from_db()
    assert made.end_reason == Assignment.EndReason.DONE and made.ended_at is not None
    client.force_login(made.volunteer)
    assert client.get(reverse("accompagnement:document", args=[made.document.pk])).status_code == 404


def test_a_comment_with_contact_details_is_held_then_moderated(client, django_capture_on_commit_callbacks):
    made = AssignmentFactory()
    version = VersionFactory(document=made.document, number=1)
    StaffFactory(email="equipe@example.org")
    client.force_login(made.volunteer)
    data = {"section": "qualities", "quote": "", "body": "Appelle-moi au 06 12 34 56 78", "suggestion": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accompagnement:comment", args=[version.pk]), data, follow=True)
    assert "gardé pour l&#x27;équipe" in response.content.decode()
    comment = version.comments.get()
    assert comment.status == CommentStatus.HELD and "numéro de téléphone" in comment.held_reason
    assert [m.to for m in mail.outbox] == [["equipe@example.org"]]  # nothing to the family
    client.force_login(made.document.pupil)
    assert (
        "06 12 34 56 78" not in client.get(reverse("accompagnement:document", args=[made.document.pk])).content.decode()
    )
    staff = StaffFactory()
    client.force_login(staff)
    assert "06 12 34 56 78" in client.get(reverse("accompagnement_console")).content.decode()
    client.post(reverse("accompagnement_moderate", args=[comment.pk, "retirer"]))
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REMOVED and comment.moderated_by == staff


def test_blocking_a_volunteer_ends_their_assignments_and_keeps_the_history(client):
    made = AssignmentFactory()
    client.force_login(StaffFactory())
    refused = client.post(reverse("accompagnement_block", args=[made.volunteer.pk]), {"reason": ""}, follow=True)
    assert "Écrivez la raison du blocage" in refused.content.decode()
    client.post(reverse("accompagnement_block", args=[made.volunteer.pk]), {"reason": "Message privé à un élève"})
    made.refresh_from_db()
    assert made.end_reason == Assignment.EndReason.BLOCKED
    profile = VolunteerProfile.objects.get(user=made.volunteer)
    assert profile.blocked_reason == "Message privé à un élève"
    assert assignment.refusals(made.volunteer) == ["Ce bénévole est bloqué."]
    client.post(reverse("accompagnement_end_assignment", args=[made.pk]))
    assert Assignment.objects.filter(pk=made.pk).exists()

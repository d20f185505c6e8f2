"""Every staff screen, one way: who gets in, and bad values in their filters and forms.

- In the Wagtail admin (ateliers' session and fill report, the CV help's console and comments): an anonymous
  visitor and anyone without admin access are sent to the admin's login; staff get the page.
- On the public site (the stages console, used on a phone): `accounts.access.staff_required` sends an
  anonymous visitor to the login page and gives every other role a 403.
- A filter or a posted id that is a word, unknown or 40 digits long is ignored or refused in words, never a
  server error.
- The erasure cancels a pupil's future sign-ups as a system action: the history keeps its reason, no person.
"""

from django.urls import reverse

import pytest
from auditlog.models import LogEntry

from accompagnement.factories import CommentFactory, DocumentFactory, VolunteerFactory
from accompagnement.models import CommentStatus, DocumentState
from accounts import rights
from accounts.factories import (
    ConsentedPupilFactory,
    ParentFactory,
    PupilFactory,
    StaffFactory,
    TeacherFactory,
    UserFactory,
)
from accounts.roles import Role
from ateliers.booking import sign_up
from ateliers.factories import SessionFactory
from ateliers.models import Session, SignUp
from stages.factories import ProfessionalFactory, StageRequestFactory
from stages.models import RequestState

pytestmark = pytest.mark.django_db

HUGE = "1" * 40
BAD_IDS = ["abc", HUGE, "-1", "0", "1.5", ""]


@pytest.fixture
def others():
    """Every signed-in role that is not staff."""
    return {
        "pupil": PupilFactory(),
        "teacher": TeacherFactory(),
        "volunteer": VolunteerFactory(),
        "professional": ProfessionalFactory(),
        "parent": ParentFactory(),
        "partner": UserFactory(role=Role.PARTNER),
    }


@pytest.fixture
def screens():
    session = SessionFactory()
    stage_request = StageRequestFactory(state=RequestState.SENT)
    return {
        "admin": [
            reverse("ateliers_manage_session", args=[session.pk]),
            reverse("ateliers_fill_report"),
            reverse("accompagnement_console"),
            reverse("accompagnement_comments:index"),
        ],
        "public": [
            reverse("stages:console"),
            reverse("stages:console_request", args=[stage_request.pk]),
        ],
    }


def test_admin_staff_screens_let_staff_in_and_send_everyone_else_to_the_admin_login(client, screens, others):
    login = reverse("wagtailadmin_login")
    for url in screens["admin"]:
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith(login), url
        for name, user in others.items():
            client.force_login(user)
            response = client.get(url)
            assert response.status_code == 302 and response["Location"].startswith(login), (url, name)
        client.force_login(StaffFactory())
        assert client.get(url).status_code == 200, url
        client.logout()


def test_public_staff_screens_send_anonymous_to_login_and_refuse_every_other_role(client, screens, others):
    login = reverse("accounts:login")
    for url in screens["public"]:
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith(login), url
        for name, user in others.items():
            client.force_login(user)
            assert client.get(url).status_code == 403, (url, name)
        client.force_login(StaffFactory())
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        client.logout()
    client.force_login(others["teacher"])
    school = StageRequestFactory().week.school
    assert client.post(reverse("stages:console_bulk", args=[school.pk])).status_code == 403


def test_someone_with_admin_access_but_not_staff_is_refused_the_staff_screens(client, screens):
    from django.contrib.auth.models import Permission

    editor = TeacherFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in screens["admin"][:3]:
        assert client.get(url).status_code in (302, 403), url
        assert "Accompagnement CV et lettres" not in client.get(url).content.decode()


def test_the_console_filters_by_collège_and_ignores_what_is_not_one(staff_client):
    ours = StageRequestFactory(state=RequestState.SENT, pupil__first_name="Inès")
    theirs = StageRequestFactory(state=RequestState.SENT, pupil__first_name="Yanis")
    url = reverse("stages:console")

    filtered = staff_client.get(url, {"college": ours.week.school_id}).content.decode()
    assert "Inès" in filtered and "Yanis" not in filtered
    assert f'<option value="{ours.week.school_id}" selected>' in filtered

    for value in [*BAD_IDS, "99999999"]:
        response = staff_client.get(url, {"college": value})
        assert response.status_code == 200, value
        page = response.content.decode()
        assert "Inès" in page and "Yanis" in page, value
    assert theirs.week.school.name in staff_client.get(url).content.decode()


def test_proposing_an_unknown_place_is_refused_in_words(staff_client):
    stage_request = StageRequestFactory(state=RequestState.SENT)
    url = reverse("stages:console_request", args=[stage_request.pk])
    for value in [*BAD_IDS, "99999999"]:
        response = staff_client.post(url, {"place_week": value}, follow=True)
        assert response.status_code == 200, value
        assert "choisissez une des places classées" in response.content.decode().lower(), value
    stage_request.refresh_from_db()
    assert stage_request.state == RequestState.SENT
    assert staff_client.get(url, {"page": HUGE}).status_code == 200


def test_assigning_a_volunteer_who_is_not_one_is_refused_in_words(staff_client):
    document = DocumentFactory(state=DocumentState.REVIEW)
    url = reverse("accompagnement_assign", args=[document.pk])
    for value in [*BAD_IDS, str(PupilFactory().pk)]:
        response = staff_client.post(url, {"volunteer": value}, follow=True)
        assert response.status_code == 200, value
        assert "Choisissez un bénévole dans la liste." in response.content.decode(), value
    assert not document.assignments.exists()


def test_managing_a_session_with_a_bad_sign_up_id_changes_nothing_and_is_no_error(staff_client):
    signup, _ = sign_up(SessionFactory(), ConsentedPupilFactory())
    url = reverse("ateliers_manage_session", args=[signup.session_id])
    for value in ["abc", HUGE, ""]:
        response = staff_client.post(url, {"action": "cancel", "signup": value})
        # Not found (the admin's 404 sends a path without language to the same path with one).
        assert response.status_code in (302, 404), value
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CONFIRMED


def test_the_comments_list_filters_by_state_and_ignores_unknown_values(staff_client):
    CommentFactory(status=CommentStatus.HELD, body="Appelle-moi au zéro six")
    CommentFactory(status=CommentStatus.VISIBLE, body="Bel exemple")
    url = reverse("accompagnement_comments:index")
    held = staff_client.get(url, {"status": CommentStatus.HELD})
    assert held.status_code == 200
    assert held.context["object_list"].count() == 1
    for params in ({"status": "abc"}, {"kind": HUGE}, {"reported": "peut-être"}, {"status": HUGE}):
        assert staff_client.get(url, params).status_code == 200, params


def test_the_erasure_cancels_as_a_system_action_with_its_reason_in_the_history():
    session = SessionFactory(capacity=1)
    pupil = ConsentedPupilFactory()
    signup, _ = sign_up(session, pupil)
    waiting, _ = sign_up(session, ConsentedPupilFactory())
    # The pupil could no longer cancel themselves: only staff and the system may.
    Session.objects.filter(pk=session.pk).update(signup_closes_at=session.starts_at.replace(year=2000))

    rights.anonymise(pupil)

    waiting.refresh_from_db()
    assert waiting.status == SignUp.Status.CONFIRMED
    entry = LogEntry.objects.get_for_object(signup).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor is None
    assert entry.additional_data == {"raison": "effacement des données du compte"}
    assert entry.changes_dict["status"] == ["confirmed", "cancelled"]


def test_a_staff_cancellation_is_recorded_as_theirs(client):
    staff = StaffFactory()
    signup, _ = sign_up(SessionFactory(), ConsentedPupilFactory())
    client.force_login(staff)
    client.post(reverse("ateliers_manage_session", args=[signup.session_id]), {"action": "cancel", "signup": signup.pk})
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CANCELLED
    entry = LogEntry.objects.get_for_object(signup).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == staff
    assert entry.additional_data is None

"""The safeguarding checks as each role meets them, against its neighbour: a host reads a pupil's motivation
masked, a pupil reads a refusal reason masked (page and e-mail) and a host cannot write one with contact
details, a leader reads no feedback of a small session, a walk-in is only an eligible pupil on the day with
one answer for every refusal, a limit and a notice, a volunteer's quote is checked against what they read,
comments and reports are limited per account, and the convention prints the place as approved."""

import datetime

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest

from accompagnement.factories import AssignmentFactory, CommentFactory, VersionFactory
from accompagnement.models import CommentStatus
from accounts.factories import (
    ConsentedPupilFactory,
    ParentFactory,
    PupilFactory,
    SchoolClassFactory,
    StaffFactory,
    UserFactory,
)
from accounts.roles import Role
from ateliers.dashboard import _leader_section
from ateliers.factories import ConsentedPupilFactory, EventPageFactory, SessionFactory, SignUpFactory
from ateliers.models import EventLeader, Feedback, Level, SignUp
from stages import convention
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
)
from stages.models import RequestEvent, RequestState
from stages.notifications import notify_state_change

pytestmark = pytest.mark.django_db

PHONE = "06 12 34 56 78"
DISGUISED = "O6_I2_34_56_78"
MASK = "[coordonnées masquées]"


# Stages ----------------------------------------------------------------------------------------------


@pytest.fixture
def proposed():
    pupil = ConsentedPupilFactory(email="lina@example.org", first_name="Lina")
    parent = ParentFactory(email="maman@example.org")
    parent.children.add(pupil)
    host = ProfessionalFactory(email="accueil@example.org")
    place_week = PlaceWeekFactory(place=PlaceFactory(host=HostOrganisationFactory(members=[host])), seats=1)
    place_week.reserve()
    stage_request = StageRequestFactory(
        pupil=pupil, state=RequestState.PROPOSED, motivation=f"J'aime le pain. Snap : lina_93 ou {DISGUISED}"
    )
    type(stage_request).objects.filter(pk=stage_request.pk).update(place_week=place_week)
    stage_request.refresh_from_db()
    return {"pupil": pupil, "parent": parent, "host": host, "request": stage_request, "place_week": place_week}


def test_a_host_reads_the_pupils_motivation_masked(client, proposed):
    client.force_login(proposed["host"])
    page = client.get(reverse("stages:host")).content.decode()
    assert "J&#x27;aime le pain." in page and MASK in page
    assert "lina_93" not in page and DISGUISED not in page


def test_a_host_cannot_refuse_with_contact_details_and_keeps_the_request(client, proposed):
    client.force_login(proposed["host"])
    url = reverse("stages:request_move", args=[proposed["request"].pk, "refuse"])
    response = client.post(url, {"reason": f"Appelle-moi au {PHONE} ou sur insta", "retour": "host"}, follow=True)
    page = response.content.decode()
    assert "Ce texte sera lu par un élève mineur" in page
    proposed["request"].refresh_from_db()
    assert proposed["request"].state == RequestState.PROPOSED
    # What the host typed is back in the refusal field, marked invalid, with the error under it; once only.
    field = f'id="id_reason_{proposed["request"].pk}"'
    assert field in page and f"Appelle-moi au {PHONE} ou sur insta</textarea>" in page
    assert 'aria-invalid="true"' in page
    again = client.get(reverse("stages:host")).content.decode()
    assert f"Appelle-moi au {PHONE}" not in again and 'aria-invalid="true"' not in again


def test_a_pupil_reads_a_reason_masked_on_the_page_and_in_the_email(
    client, proposed, django_capture_on_commit_callbacks
):
    stage_request = proposed["request"]
    # A reason that holds contact details (written before the check, or by the pupil): every reader sees it masked.
    reason = f"Rappelle au {DISGUISED}"
    type(stage_request).objects.filter(pk=stage_request.pk).update(state=RequestState.REFUSED, reason=reason)
    event = RequestEvent.objects.create(
        request=stage_request, from_state=RequestState.PROPOSED, to_state=RequestState.REFUSED, reason=reason
    )
    client.force_login(proposed["pupil"])
    page = client.get(reverse("stages:request_detail", args=[stage_request.pk])).content.decode()
    assert f"Rappelle au {MASK}" in page and f"Rappelle au {DISGUISED}" not in page
    with django_capture_on_commit_callbacks(execute=True):
        notify_state_change(event.pk)
    bodies = [message.body for message in mail.outbox]
    assert bodies and all(DISGUISED not in body for body in bodies)
    assert any(MASK in body for body in bodies)


def test_staff_see_a_held_motivation_flagged_on_the_console(client):
    pupil_request = StageRequestFactory(state=RequestState.SENT, motivation=f"appelle {PHONE}")
    client.force_login(StaffFactory())
    page = client.get(reverse("stages:console_request", args=[pupil_request.pk])).content.decode()
    assert "Retenu pour l'équipe : Contient un numéro de téléphone." in page


def test_the_convention_prints_the_place_as_approved_not_as_edited(proposed):
    stage_request = proposed["request"]
    type(stage_request).objects.filter(pk=stage_request.pk).update(state=RequestState.ACCEPTED)
    place = proposed["place_week"].place
    place.tutor, place.lunch = "Nadia, 07 11 22 33 44", "Sur place"
    place.send_back_to_check()
    place.save()  # a host's edit sent back for checking
    stage_request.refresh_from_db()
    html = convention.convention_html(stage_request)
    assert "Nadia Kaci" in html and "07 11 22 33 44" not in html and "Sur place" not in html


def test_a_host_cannot_write_a_phone_in_the_appreciation(client, proposed):
    stage_request = proposed["request"]
    past_monday = timezone.localdate() - datetime.timedelta(days=14 + timezone.localdate().weekday())
    type(stage_request).objects.filter(pk=stage_request.pk).update(state=RequestState.CONVENTION)
    stage_request.week.starts_on = past_monday
    stage_request.week.save()
    client.force_login(proposed["host"])
    url = reverse("stages:appreciation", args=[stage_request.pk])
    sentence = f"Bravo ! Rappelle-moi au {DISGUISED}"
    response = client.post(url, {"punctuality": "toujours", "curiosity": "tres", "sentence": sentence})
    page = response.content.decode()
    assert response.status_code == 200 and "Ce texte sera lu par un élève mineur" in page
    assert not type(stage_request).objects.filter(pk=stage_request.pk, appreciation__isnull=False).exists()


# Ateliers: feedback to leaders -----------------------------------------------------------------------


def _past_session_with_answers(count, comment):
    past = timezone.now() - datetime.timedelta(days=2)
    session = SessionFactory(starts_at=past, ends_at=past + datetime.timedelta(hours=2))
    leader = UserFactory(role=Role.PROFESSIONAL)
    EventLeader.objects.create(page=session.page, user=leader, job="boulanger")
    for index in range(count):
        signup = SignUpFactory(session=session, attended=True)
        Feedback.objects.create(signup=signup, session=session, liked=3, learned=2, comment=comment if index else "")
    return leader


@pytest.mark.parametrize("answers", [1, 4])
def test_a_leader_reads_no_feedback_of_a_small_session(client, answers):
    leader = _past_session_with_answers(answers, "Trop bien, merci Karim")
    client.force_login(leader)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Trop bien" not in page and "avis, note moyenne" not in page


def test_a_leader_reads_five_answers_anonymous_and_masked(client):
    leader = _past_session_with_answers(5, f"Trop bien ! mon snap : zoe_93, {DISGUISED}")
    section = _leader_section(leader, timezone.now())
    (_session, comments), *_ = section.context["past"]
    assert comments and all(MASK in comment and DISGUISED not in comment for comment in comments)
    client.force_login(leader)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "5 avis, note moyenne 3,0 sur 3" in page and "zoe_93" not in page


# Ateliers: walk-ins ------------------------------------------------------------------------------------


@pytest.fixture
def check_in(home_page, client):
    soon = timezone.now() + datetime.timedelta(minutes=20)
    school_class = SchoolClassFactory(level="3e")
    event = EventPageFactory(parent=home_page, level=Level.TROISIEME)
    session = SessionFactory(page=event, starts_at=soon, ends_at=soon + datetime.timedelta(hours=2), capacity=10)
    leader = UserFactory(role=Role.PROFESSIONAL)
    EventLeader.objects.create(page=event, user=leader, job="boulanger")
    client.force_login(leader)
    return {"session": session, "class": school_class, "url": reverse("ateliers:check_in", args=[session.pk])}


REFUSED = "Cet élève ne peut pas être ajouté à cette séance."


def test_an_eligible_walk_in_is_added_and_the_pupil_and_parents_are_told(
    client, check_in, django_capture_on_commit_callbacks
):
    pupil = ConsentedPupilFactory(
        identifier="colibri-olive-99", email="eleve@example.org", school_class=check_in["class"]
    )
    parent = ParentFactory(email="parent@example.org")
    parent.children.add(pupil)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(check_in["url"], {"identifier": "colibri-olive-99"})
    assert response.status_code == 302
    assert SignUp.objects.get(session=check_in["session"], pupil=pupil).walk_in
    told = {address for message in mail.outbox for address in message.to}
    assert {"eleve@example.org", "parent@example.org"} <= told
    assert any("sans inscription" in message.subject for message in mail.outbox)


def test_every_refused_walk_in_gets_the_same_answer(client, check_in):
    session = check_in["session"]
    other = ConsentedPupilFactory(identifier="autre-college-01")  # another collège's class, the event is reserved
    session.page.school = check_in["class"].school
    session.page.save()
    busy = ConsentedPupilFactory(identifier="deja-pris-02", school_class=check_in["class"])
    SignUpFactory(pupil=busy, session=SessionFactory(starts_at=session.starts_at, ends_at=session.ends_at))  # a clash
    PupilFactory(identifier="sans-accord-03", school_class=check_in["class"])
    answers = set()
    for identifier in ("inconnu-zzz-00", "autre-college-01", "deja-pris-02", "sans-accord-03"):
        page = client.post(check_in["url"], {"identifier": identifier}).content.decode()
        answers.add(REFUSED in page)
        assert f'value="{identifier}"' in page
    assert answers == {True}
    assert not SignUp.objects.filter(session=session, walk_in=True).exists()
    assert other and busy


def test_a_walk_in_is_refused_outside_the_day_of_the_session(client, check_in):
    session = check_in["session"]
    later = timezone.now() + datetime.timedelta(days=3)
    type(session).objects.filter(pk=session.pk).update(starts_at=later, ends_at=later + datetime.timedelta(hours=2))
    ConsentedPupilFactory(identifier="colibri-olive-99", school_class=check_in["class"])
    page = client.post(check_in["url"], {"identifier": "colibri-olive-99"}).content.decode()
    assert REFUSED in page and not SignUp.objects.filter(session=session).exists()


@override_settings(RATE_LIMITS={"ateliers_walk_in": "3/h"})
def test_walk_ins_are_limited_per_leader(client, check_in):
    for attempt in range(3):
        client.post(check_in["url"], {"identifier": f"essai-{attempt}"})
    ConsentedPupilFactory(identifier="colibri-olive-99", school_class=check_in["class"])
    page = client.post(check_in["url"], {"identifier": "colibri-olive-99"}).content.decode()
    assert "Vous avez ajouté beaucoup d&#x27;élèves en peu de temps" in page
    assert not SignUp.objects.filter(session=check_in["session"]).exists()


# Accompagnement: quotes, limits, split numbers --------------------------------------------------------


@pytest.fixture
def volunteer_version():
    made = AssignmentFactory()
    version = VersionFactory(
        document=made.document, number=1, sections={"qualities": f"Je suis curieuse. Mon num {PHONE}."}
    )
    return made.volunteer, version


def _comment(client, version, quote, body="Bien."):
    return client.post(
        reverse("accompagnement:comment", args=[version.pk]),
        {"section": "qualities", "quote": quote, "body": body, "suggestion": ""},
    )


def test_a_quote_is_checked_against_the_masked_text_the_volunteer_reads(client, volunteer_version):
    volunteer, version = volunteer_version
    client.force_login(volunteer)
    # Guessing the hidden number tells nothing, with or without a body.
    for body in ("Bien.", ""):
        guess = _comment(client, version, f"Mon num {PHONE}", body=body).content.decode()
        assert "Ce passage ne se trouve pas" in guess
    assert not version.comments.exists()
    assert _comment(client, version, f"Mon num {MASK}").status_code == 302
    assert version.comments.get().quote == f"Mon num {MASK}"


@override_settings(RATE_LIMITS={"accompagnement_comment": "3/h", "accompagnement_report": "2/h"})
def test_comments_and_reports_are_limited_per_account(client, volunteer_version):
    volunteer, version = volunteer_version
    client.force_login(volunteer)
    codes = [_comment(client, version, "", body=f"Remarque {n}").status_code for n in range(4)]
    assert codes == [302, 302, 302, 429]
    pupil = version.document.pupil
    comment = CommentFactory(version=version, status=CommentStatus.VISIBLE)
    client.force_login(pupil)
    url = reverse("accompagnement:report", args=[comment.pk])
    assert client.get(url).status_code == 200  # reading the form is not counted
    assert [client.post(url, {"reason": "bof"}).status_code for _ in range(3)][-1] == 429


def test_a_number_split_over_two_comments_is_held(client, volunteer_version):
    volunteer, version = volunteer_version
    client.force_login(volunteer)
    _comment(client, version, "", body="Tu peux m'écrire au 06 12 34")
    _comment(client, version, "", body="et la fin : 56 78")
    statuses = list(version.comments.order_by("created_at").values_list("status", flat=True))
    assert statuses == [CommentStatus.VISIBLE, CommentStatus.HELD]

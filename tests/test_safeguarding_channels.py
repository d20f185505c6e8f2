"""Every channel between an adult and a pupil through the one safeguarding module, over the whole corpus
(tests/data/safeguarding/): each disguised piece of contact details is refused, held or masked before the
other side reads it; each ordinary sentence reaches the reader as written.

A channel is the code path the portal really takes for that field: the CV step's check, a volunteer's
comment or suggestion (held for staff), a pupil's motivation as the host reads it, a host's refusal reason
(refused), a reason as the pupil's page shows it, the host's appreciation (refused), a place's tutor as the
convention prints it, a workshop comment as the leader reads it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

import pytest

import safeguarding
from accompagnement import documents, pupil_text
from accompagnement.factories import AssignmentFactory, VersionFactory
from accompagnement.models import Comment, CommentStatus
from accounts.factories import UserFactory
from accounts.roles import Role
from accounts.templatetags.masking import masked
from ateliers.dashboard import _leader_section
from ateliers.factories import SessionFactory, SignUpFactory
from ateliers.models import EventLeader, Feedback
from stages import access as stages_access
from stages.factories import (
    HostOrganisationFactory,
    PlaceFactory,
    PlaceWeekFactory,
    ProfessionalFactory,
    StageRequestFactory,
)
from stages.forms_after import AppreciationForm
from stages.models import RequestState
from stages.workflow import apply

from .safeguarding_corpus import caught, ordinary

MASK = str(safeguarding.MASK)


def _cv(world, text):
    return bool(pupil_text.errors("cv", text))


def _letter(world, text):
    return bool(pupil_text.errors("lettre", text))


def _comment(world, text, field="body"):
    Comment.objects.filter(author=world["volunteer"]).delete()  # each text alone
    data = {"section": "qualities", "quote": "", "body": "Bien.", "suggestion": ""}
    data[field] = text
    return documents.add_comment(world["volunteer"], world["version"], data).status == CommentStatus.HELD


def _suggestion(world, text):
    return _comment(world, text, field="suggestion")


def _motivation_for_host(world, text):
    stage_request = world["stage_request"]
    stage_request.motivation = text
    return stages_access.host_view(stage_request)["motivation"] != text


def _refusal_reason(world, text):
    point = transaction.savepoint()
    try:
        apply(world["host"], world["proposed"], "refuse", reason=text)
    except ValidationError:
        return True
    finally:
        transaction.savepoint_rollback(point)
        world["proposed"].refresh_from_db()
    return False


def _reason_on_pupils_page(world, text):
    return masked(text) != text


def _appreciation(world, text):
    form = AppreciationForm({"punctuality": "toujours", "curiosity": "tres", "sentence": text})
    return not form.is_valid() and any(
        error.code == "contact_details" for error in form.errors.as_data().get("sentence", [])
    )


def _tutor_in_convention(world, text):
    place = world["place"]
    place.tutor = text
    place.save()
    return place.texts_for_pupils()["tutor"] != text


def _feedback_for_leader(world, text):
    Feedback.objects.filter(pk=world["feedback"].pk).update(comment=text)
    section = _leader_section(world["leader"], timezone.now())
    (_session, comments), *_ = section.context["past"]
    return text not in comments


CHANNELS = {
    "cv": _cv,
    "lettre": _letter,
    "commentaire": _comment,
    "suggestion": _suggestion,
    "motivation lue par l'accueil": _motivation_for_host,
    "raison de refus de l'accueil": _refusal_reason,
    "raison sur la page de l'élève": _reason_on_pupils_page,
    "appréciation de l'accueil": _appreciation,
    "tuteur dans la convention": _tutor_in_convention,
    "avis d'atelier lu par l'animateur": _feedback_for_leader,
}


@pytest.fixture
def world(db):
    made = AssignmentFactory()
    host = ProfessionalFactory()
    place = PlaceFactory(host=HostOrganisationFactory(members=[host]))
    proposed = StageRequestFactory(state=RequestState.PROPOSED)
    place_week = PlaceWeekFactory(place=place)
    place_week.reserve()
    type(proposed).objects.filter(pk=proposed.pk).update(place_week=place_week)
    proposed.refresh_from_db()
    past = timezone.now() - datetime.timedelta(days=2)
    session = SessionFactory(starts_at=past, ends_at=past + datetime.timedelta(hours=2))
    leader = UserFactory(role=Role.PROFESSIONAL)
    EventLeader.objects.create(page=session.page, user=leader, job="boulanger")
    feedbacks = [
        Feedback.objects.create(signup=SignUpFactory(session=session), session=session, liked=3, learned=2)
        for _ in range(5)
    ]
    return {
        "volunteer": made.volunteer,
        "version": VersionFactory(document=made.document, number=1),
        "stage_request": StageRequestFactory(),
        "host": host,
        "proposed": proposed,
        "place": place,
        "leader": leader,
        "feedback": feedbacks[0],
    }


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_disguised_contact_detail_is_caught_on_every_channel(world, channel):
    check = CHANNELS[channel]
    missed = [text for _kind, text in caught() if not check(world, text)]
    assert missed == []


@pytest.mark.parametrize("channel", CHANNELS)
def test_ordinary_sentences_pass_on_every_channel(world, channel):
    check = CHANNELS[channel]
    held = [text for text in ordinary() if check(world, text)]
    assert held == []


def test_the_corpus_is_large_enough_and_says_what_it_holds():
    assert len(caught()) >= 150 and len(ordinary()) >= 150
    assert {kind for kind, _text in caught()} == set(safeguarding.KINDS)


@pytest.mark.parametrize(("kind", "text"), caught())
def test_each_disguise_is_found_as_its_kind_and_masked(kind, text):
    assert kind in safeguarding.kinds(text)
    shown = safeguarding.mask(text)
    assert MASK in shown
    # Nothing of it can be read back from the masked text either.
    assert safeguarding.kinds(shown.replace(MASK, " ")) == set()


def test_a_place_approved_then_edited_keeps_its_approved_texts_for_pupils(db):
    place = PlaceFactory(tutor="Nadia Kaci", lunch="À la cantine")
    place.tutor = "Nadia, 06 12 34 56 78"
    place.send_back_to_check()
    place.save()
    assert place.texts_for_pupils()["tutor"] == "Nadia Kaci"
    place.tutor = "Nadia Kaci et Paul Ba"
    place.approve()
    place.save()
    assert place.texts_for_pupils()["tutor"] == "Nadia Kaci et Paul Ba"

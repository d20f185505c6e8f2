"""Versions, differences, comments anchored to a section and a sentence, suggestions the pupil accepts or
not, and the « signaler » button."""

from django.core import mail
from django.urls import reverse

import pytest

from accompagnement.diff import diff_text
from accompagnement.factories import AssignmentFactory, CommentFactory, DocumentFactory, VersionFactory
from accompagnement.models import CommentStatus, Report, SuggestionState
from accounts.factories import ParentFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(client):
    document = DocumentFactory(pupil__first_name="Lina", pupil__email="lina@example.org")
    assignment = AssignmentFactory(document=document)
    return document, assignment.volunteer


def test_asking_for_a_review_freezes_a_version_and_tells_the_volunteer(
    client, assigned, django_capture_on_commit_callbacks
):
    document, volunteer = assigned
    client.force_login(document.pupil)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accompagnement:ask_review", args=[document.pk]))
        client.post(reverse("accompagnement:step", args=[document.pk, "interests"]), {"text": "Je fais du judo."})
        client.post(reverse("accompagnement:ask_review", args=[document.pk]))
    first, second = document.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert "basket" in first.sections["interests"] and second.sections["interests"] == "Je fais du judo."
    document.refresh_from_db()
    assert document.get_state_display() == "Relecture demandée"
    assert [m.to for m in mail.outbox] == [[volunteer.email], [volunteer.email]]
    assert "Lina" not in mail.outbox[0].body  # e-mails name nobody but their reader


def test_the_pupil_sees_what_changed_between_versions(client, assigned):
    document, _volunteer = assigned
    VersionFactory(document=document, number=1, sections={"interests": "Je joue au basket le mercredi."})
    VersionFactory(document=document, number=2, sections={"interests": "Je joue au handball le mercredi."})
    client.force_login(document.pupil)
    page = client.get(reverse("accompagnement:differences", args=[document.pk]), {"old": 1, "new": 2})
    content = page.content.decode()
    assert "<del>basket</del><ins>handball</ins>" in content
    assert "Je joue au " in content


def test_word_differences():
    assert diff_text("Je suis patiente.", "Je suis très patiente.") == [
        ("same", "Je suis "),
        ("added", "très "),
        ("same", "patiente."),
    ]


def comment_data(**overrides):
    return {"section": "qualities", "quote": "", "body": "Bel exemple.", "suggestion": "", **overrides}


def test_a_comment_is_anchored_to_a_sentence_of_the_section(client, assigned):
    document, volunteer = assigned
    version = VersionFactory(document=document, number=1)
    client.force_login(volunteer)
    url = reverse("accompagnement:comment", args=[version.pk])
    quote = "j'aide mon petit frère"
    client.post(url, comment_data(quote=quote, suggestion="j'aide chaque soir mon petit frère"))
    comment = version.comments.get()
    assert (comment.section, comment.quote, comment.status) == ("qualities", quote, CommentStatus.VISIBLE)
    page = client.get(reverse("accompagnement:document", args=[document.pk])).content.decode()
    assert "<mark>j&#x27;aide mon petit frère</mark>" in page

    # A sentence that is not in that section of that version is refused, the typed comment kept.
    refused = client.post(url, comment_data(quote="Je joue au basket", body="Mon commentaire gardé"))
    assert refused.status_code == 400
    assert "Ce passage ne se trouve pas dans cette partie de la version 1" in refused.content.decode()
    assert "Mon commentaire gardé" in refused.content.decode()
    assert version.comments.count() == 1


def test_the_pupil_accepts_a_suggestion_or_keeps_their_words(client, assigned):
    document, volunteer = assigned
    version = VersionFactory(document=document, number=1)
    accepted = CommentFactory(
        version=version,
        author=volunteer,
        quote="Patiente",
        suggestion="Patiente et attentive",
        suggestion_state=SuggestionState.PENDING,
    )
    declined = CommentFactory(
        version=version,
        author=volunteer,
        section="languages",
        suggestion="Trois langues",
        suggestion_state=SuggestionState.PENDING,
    )
    client.force_login(document.pupil)
    client.post(reverse("accompagnement:suggestion", args=[accepted.pk]), {"action": "accepter"})
    client.post(reverse("accompagnement:suggestion", args=[declined.pk]), {"action": "refuser"})
    document.refresh_from_db()
    assert document.sections["qualities"].startswith("Patiente et attentive : j'aide")
    assert document.sections["languages"] == "Français, arabe, anglais."
    accepted.refresh_from_db()
    declined.refresh_from_db()
    assert (accepted.suggestion_state, declined.suggestion_state) == (
        SuggestionState.ACCEPTED,
        SuggestionState.DECLINED,
    )
    assert version.sections["qualities"].startswith("Patiente : ")  # the version itself never changes


def test_a_suggestion_whose_passage_changed_changes_nothing(client, assigned):
    document, volunteer = assigned
    version = VersionFactory(document=document, number=1)
    comment = CommentFactory(
        version=version, quote="Patiente", suggestion="Calme", suggestion_state=SuggestionState.PENDING
    )
    document.sections = {**document.sections, "qualities": "Curieuse."}
    document.save()
    client.force_login(document.pupil)
    response = client.post(reverse("accompagnement:suggestion", args=[comment.pk]), {"action": "accepter"}, follow=True)
    assert "Le passage commenté a changé" in response.content.decode()
    document.refresh_from_db()
    assert document.sections["qualities"] == "Curieuse."


def test_signaler_hides_the_comment_until_staff_decide(client, assigned, django_capture_on_commit_callbacks):
    document, volunteer = assigned
    parent = ParentFactory()
    parent.children.add(document.pupil)
    comment = CommentFactory(version=VersionFactory(document=document, number=1), author=volunteer, body="Un souci ici")
    StaffFactory(email="equipe@example.org")
    client.force_login(document.pupil)
    assert (
        "Signaler ce commentaire" in client.get(reverse("accompagnement:document", args=[document.pk])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accompagnement:report", args=[comment.pk]), {"reason": "Il me demande mon numéro"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
    assert Report.objects.get().reason == "Il me demande mon numéro"
    assert ["equipe@example.org"] in [m.to for m in mail.outbox]
    for viewer in (document.pupil, parent):
        client.force_login(viewer)
        assert "Un souci ici" not in client.get(reverse("accompagnement:document", args=[document.pk])).content.decode()
    client.force_login(StaffFactory())
    assert "Il me demande mon numéro" in client.get(reverse("accompagnement_console")).content.decode()


def test_the_parent_reads_every_visible_comment_without_acting(client, assigned):
    document, volunteer = assigned
    parent = ParentFactory()
    parent.children.add(document.pupil)
    CommentFactory(version=VersionFactory(document=document, number=1), author=volunteer, body="Bravo pour l'exemple")
    client.force_login(parent)
    page = client.get(reverse("accompagnement:document", args=[document.pk])).content.decode()
    assert "Bravo pour l&#x27;exemple" in page
    assert "Signaler" not in page and "Demander une relecture" not in page

"""The states of a document, a suggestion and a comment's moderation (django-fsm-2): every allowed move,
the refused ones (a French message, never a server error), the guards, and two accepts on a stale text."""

import threading

from django.db import connection, connections
from django.urls import reverse

import pytest

from accompagnement import documents
from accompagnement.factories import AssignmentFactory, CommentFactory, DocumentFactory, VersionFactory
from accompagnement.models import Assignment, CommentStatus, Document, DocumentState, SuggestionState
from accounts.factories import StaffFactory

pytestmark = pytest.mark.django_db

QUALITIES = "Patiente : j'aide mon petit frère à faire ses devoirs."


@pytest.fixture
def document():
    return DocumentFactory(sections={"name": "Lina Benali", "qualities": QUALITIES})


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def suggestion(version, quote="Patiente", text="Patiente et attentive", **kwargs):
    return CommentFactory(
        version=version, quote=quote, suggestion=text, suggestion_state=SuggestionState.PENDING, **kwargs
    )


# The document: draft → review → done, and back to review.


def test_a_document_goes_from_draft_to_review_to_done_and_back_to_review(document):
    assert document.state == DocumentState.DRAFT
    documents.request_review(document)
    document.refresh_from_db()
    assert document.state == DocumentState.REVIEW and document.review_requested_at is not None
    documents.request_review(document)  # a second version while in review
    assert document.versions.count() == 2
    documents.mark_done(document)
    assert Document.objects.get(pk=document.pk).state == DocumentState.DONE
    documents.request_review(document)  # the pupil wants one more look
    assert Document.objects.get(pk=document.pk).state == DocumentState.REVIEW


def test_a_draft_may_be_finished_without_a_review(document):
    documents.mark_done(document)
    assert Document.objects.get(pk=document.pk).state == DocumentState.DONE


def test_the_state_is_never_set_by_hand(document):
    with pytest.raises(AttributeError):
        document.state = DocumentState.DONE


def test_finishing_twice_is_refused_in_french_and_ends_nothing_more(client, document):
    AssignmentFactory(document=document)
    client.force_login(document.pupil)
    url = reverse("accompagnement:mark_done", args=[document.pk])
    first = client.post(url, follow=True)
    assert "Bravo, ton document est terminé !" in messages_of(first)
    second = client.post(url, follow=True)
    assert second.status_code == 200
    assert messages_of(second) == ["Ton document est déjà terminé."]
    assert document.assignments.get().end_reason == Assignment.EndReason.DONE


def test_an_empty_document_is_neither_finished_nor_sent(client):
    empty = DocumentFactory(sections={})
    with pytest.raises(documents.NotNow) as refused:
        documents.mark_done(empty)
    assert "Ton document est vide" in refused.value.message
    with pytest.raises(documents.NotNow):
        documents.request_review(empty)
    assert Document.objects.get(pk=empty.pk).state == DocumentState.DRAFT
    assert not empty.versions.exists()


# A suggestion: pending → accepted / declined.


def test_accepting_puts_the_suggestion_in_the_text(document):
    comment = suggestion(VersionFactory(document=document))
    documents.accept_suggestion(comment)
    document.refresh_from_db()
    comment.refresh_from_db()
    assert document.sections["qualities"].startswith("Patiente et attentive : j'aide")
    assert comment.suggestion_state == SuggestionState.ACCEPTED


def test_declining_keeps_the_text(document):
    comment = suggestion(VersionFactory(document=document))
    documents.decline_suggestion(comment)
    document.refresh_from_db()
    comment.refresh_from_db()
    assert document.sections["qualities"] == QUALITIES
    assert comment.suggestion_state == SuggestionState.DECLINED


def test_the_pupil_is_warned_before_a_suggestion_replaces_a_whole_section(client, document):
    version = VersionFactory(document=document)
    on_a_sentence = suggestion(version)
    whole = suggestion(version, quote="", text="Patiente, attentive et curieuse.")
    client.force_login(document.pupil)
    page = client.get(reverse("accompagnement:document", args=[document.pk])).content.decode()
    warning = f'id="remplace-{whole.pk}"'
    assert warning in page and "elle remplace toute cette partie de ton texte" in page
    assert f'aria-describedby="remplace-{whole.pk}">Remplacer toute la partie par la proposition' in page
    assert f'id="remplace-{on_a_sentence.pk}"' not in page and "Accepter la proposition" in page


def test_an_answered_suggestion_is_refused_in_french(client, document):
    comment = suggestion(VersionFactory(document=document))
    client.force_login(document.pupil)
    url = reverse("accompagnement:suggestion", args=[comment.pk])
    client.post(url, {"action": "refuser"}, follow=True)
    response = client.post(url, {"action": "accepter"}, follow=True)
    assert response.status_code == 200
    assert messages_of(response) == ["Cette suggestion a déjà reçu ta réponse."]
    document.refresh_from_db()
    assert document.sections["qualities"] == QUALITIES


def test_a_suggestion_held_for_staff_cannot_be_accepted(document):
    """The guard: the pupil's page was shown before the comment was reported or held."""
    comment = suggestion(VersionFactory(document=document))
    stale = Document.objects.get(pk=document.pk).versions.get().comments.get()
    documents.report(comment, document.pupil, "Bizarre")
    with pytest.raises(documents.NotNow) as refused:
        documents.accept_suggestion(stale)
    assert "l'équipe de l'association la relit" in refused.value.message
    document.refresh_from_db()
    assert document.sections["qualities"] == QUALITIES


def test_a_whole_section_suggestion_is_refused_once_the_section_changed(document):
    version = VersionFactory(document=document)
    comment = suggestion(version, quote="", text="Curieuse et patiente.")
    documents.save_section(document, "qualities", "Sérieuse.")
    with pytest.raises(documents.NotNow) as refused:
        documents.accept_suggestion(comment)
    assert "Le passage commenté a changé" in refused.value.message
    assert Document.objects.get(pk=document.pk).sections["qualities"] == "Sérieuse."


def test_two_accepts_on_the_same_stale_text_apply_one_change(client, document):
    """Two suggestions on the same passage, both shown on the pupil's page (two tabs, a double click):
    the second finds the passage gone and changes nothing."""
    version = VersionFactory(document=document)
    first = suggestion(version, text="Calme et attentive")  # neither holds the quoted « Patiente »
    second = suggestion(version, text="Douce")
    stale_first, stale_second = (type(first).objects.get(pk=c.pk) for c in (first, second))
    client.force_login(document.pupil)
    client.post(reverse("accompagnement:suggestion", args=[stale_first.pk]), {"action": "accepter"}, follow=True)
    response = client.post(
        reverse("accompagnement:suggestion", args=[stale_second.pk]), {"action": "accepter"}, follow=True
    )
    assert response.status_code == 200
    assert messages_of(response) == [
        "Le passage commenté a changé depuis dans ton texte : recopie la suggestion toi-même si elle te plaît."
    ]
    document.refresh_from_db()
    assert document.sections["qualities"] == QUALITIES.replace("Patiente", "Calme et attentive", 1)
    second.refresh_from_db()
    assert second.suggestion_state == SuggestionState.PENDING  # still answerable: « Garder mes mots »


def test_the_same_suggestion_accepted_twice_from_stale_pages_changes_the_text_once(document):
    comment = suggestion(VersionFactory(document=document), quote="Patiente", text="Patiente, Patiente")
    stale = type(comment).objects.get(pk=comment.pk)
    documents.accept_suggestion(comment)
    with pytest.raises(documents.NotNow):
        documents.accept_suggestion(stale)
    assert Document.objects.get(pk=document.pk).sections["qualities"].count("Patiente") == 2


if connection.vendor == "postgresql":  # not even collected on SQLite: no transactional set-up to undo

    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_concurrent_accepts_on_the_same_passage_apply_one():
        document = DocumentFactory(sections={"qualities": QUALITIES})
        version = VersionFactory(document=document)
        comments = [suggestion(version, text="Calme et attentive"), suggestion(version, text="Douce")]
        outcomes = []
        barrier = threading.Barrier(2)

        def accept(comment):
            barrier.wait()
            try:
                documents.accept_suggestion(comment)
                outcomes.append("acceptée")
            except documents.NotNow:
                outcomes.append("refusée")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=accept, args=(c,)) for c in comments]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["acceptée", "refusée"]
        text = Document.objects.get(pk=document.pk).sections["qualities"]
        assert text in {
            QUALITIES.replace("Patiente", "Calme et attentive", 1),
            QUALITIES.replace("Patiente", "Douce", 1),
        }


# Moderation: visible ⇄ held → removed.


def test_a_reported_comment_is_held_then_published_or_removed():
    staff = StaffFactory()
    published, removed = CommentFactory(), CommentFactory()
    for comment in (published, removed):
        documents.report(comment, comment.version.document.pupil, "")
        comment.refresh_from_db()
        assert comment.status == CommentStatus.HELD and comment.held_reason == "Signalé par l'élève."
    documents.moderate(published, publish=True, by=staff)
    documents.moderate(removed, publish=False, by=staff)
    published.refresh_from_db()
    removed.refresh_from_db()
    assert (published.status, removed.status) == (CommentStatus.VISIBLE, CommentStatus.REMOVED)
    assert published.moderated_by == staff and removed.reports.get().handled_by == staff


def test_reporting_a_held_comment_adds_a_report_and_keeps_the_first_reason():
    comment = CommentFactory(status=CommentStatus.HELD, held_reason="Contient un numéro de téléphone.")
    documents.report(comment, comment.version.document.pupil, "")
    comment.refresh_from_db()
    assert comment.held_reason == "Contient un numéro de téléphone." and comment.reports.count() == 1


def test_a_comment_moderated_twice_is_refused_in_french(client):
    staff = StaffFactory()
    comment = CommentFactory(status=CommentStatus.HELD)
    stale = type(comment).objects.get(pk=comment.pk)
    documents.moderate(comment, publish=False, by=staff)
    with pytest.raises(documents.NotNow) as refused:
        documents.moderate(stale, publish=True, by=staff)
    assert refused.value.message == "Ce commentaire a déjà été traité par un autre membre de l'équipe."
    assert type(comment).objects.get(pk=comment.pk).status == CommentStatus.REMOVED

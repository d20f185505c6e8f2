"""The badge of a stage request's state (templates/includes/badge.html): words first, colour and mark repeat them."""

from .models import RequestState

REQUEST_TONES = {
    RequestState.DRAFT: "todo",
    RequestState.SENT: "wait",
    RequestState.PROPOSED: "todo",
    RequestState.ACCEPTED: "ok",
    RequestState.CONVENTION: "ok",
    RequestState.DONE: "ok",
    RequestState.CANCELLED: "no",
    RequestState.REFUSED: "no",
    RequestState.NO_SOLUTION: "no",
}


def request_tone(state):
    """ok (accepted, signed, done), wait (sent), todo (draft, a place to answer), no (refused, cancelled)."""
    return REQUEST_TONES.get(state, "wait")

"""« Moi »: the signed-in person's own records, read only (session cookie or a Wagtail API token).

Only rows whose pupil is the requester (the ``PUPIL`` view of `accounts.circle`): a parent, a teacher or staff get their own, usually empty, lists
here (see `api.access`). Answers are `Cache-Control: private, no-store`."""

from datetime import date, datetime

from django.utils import timezone

from wagtail.api.v3.auth import BearerTokenAuth

from ninja import Router, Schema
from ninja.security import SessionAuth

from accounts import circle
from accounts.access import can_take_part, is_pupil
from ateliers.models import SignUp
from stages.models import StageRequest

from ..access import private
from ..errors import COMMON_ERRORS, ErrorSchema
from ..schemas import Labelled

router = Router(tags=["moi"], auth=[BearerTokenAuth(), SessionAuth()])
ERRORS = {**COMMON_ERRORS, 401: ErrorSchema}
OWN = {circle.Relation.PUPIL}


class MySignUp(Schema):
    id: int
    status: Labelled
    event_title: str
    event_url: str
    starts_at: datetime
    ends_at: datetime
    place: str


class MyStageRequest(Schema):
    id: int
    state: Labelled
    week_starts_on: date
    place: str | None
    created_at: datetime
    updated_at: datetime


@router.get("/ateliers/", response={200: list[MySignUp], **ERRORS}, url_name="my_signups", operation_id="me_signups")
def my_signups(request):
    """Mes inscriptions aux séances (annulées comprises), les plus proches d'abord."""
    private(request)
    signups = (
        circle.visible(SignUp.objects, request.user, OWN).select_related("session__page").order_by("session__starts_at")
    )
    if is_pupil(request.user) and not can_take_part(request.user):
        # As for any pupil without consent: no seat or waiting place to come (a withdrawal cancelled them);
        # past sessions and cancellations stay, the pupil's own record.
        upcoming = signups.filter(session__starts_at__gt=timezone.now()).exclude(status=SignUp.Status.CANCELLED)
        signups = signups.exclude(pk__in=upcoming.values("pk"))
    return [
        MySignUp(
            id=signup.pk,
            status=Labelled(value=signup.status, label=str(signup.get_status_display())),
            event_title=signup.session.page.title,
            event_url=signup.session.page.get_full_url(request) or "",
            starts_at=signup.session.starts_at,
            ends_at=signup.session.ends_at,
            place=str(signup.session.place_label()),
        )
        for signup in signups
    ]


@router.get("/stages/", response={200: list[MyStageRequest], **ERRORS}, url_name="my_stages", operation_id="me_stages")
def my_stage_requests(request):
    """L'état de mes demandes de stage de 3e."""
    private(request)
    requests = (
        circle.visible(StageRequest.objects, request.user, OWN)
        .select_related("week", "place_week__place")
        .order_by("-created_at", "pk")
    )
    return [
        MyStageRequest(
            id=item.pk,
            state=Labelled(value=item.state, label=str(item.get_state_display())),
            week_starts_on=item.week.starts_on,
            place=item.place_week.place.title if item.place_week_id else None,
            created_at=item.created_at,
            updated_at=item.updated_at,
        )
        for item in requests
    ]

"""The agenda of the parcours Découverte: upcoming sessions of public events, with the seats left, through
the HTML agenda's own query and filters (`ateliers.agenda`). Only what `ateliers.access` calls public."""

from datetime import datetime

from django.http import Http404
from django.utils import translation

from ninja import Query, Router, Schema

from ateliers.agenda import agenda_context
from ateliers.models import AgendaIndexPage, Kind, Level

from ..access import index_for, locale_for, public
from ..errors import COMMON_ERRORS
from ..schemas import FacetSchema, Labelled, Lang, PageInfo, facets_out, page_info, query_dict

router = Router(tags=["agenda"])


class SessionSchema(Schema):
    id: int
    event_id: int
    event_title: str
    event_url: str
    kind: Labelled
    level: Labelled
    school: str | None
    starts_at: datetime
    ends_at: datetime
    place: str
    online: bool
    capacity: int
    seats_left: int
    waiting_list: int
    self_signup: bool


class Agenda(PageInfo):
    items: list[SessionSchema]
    facets: list[FacetSchema]


def _session(request, session):
    event = session.page
    return SessionSchema(
        id=session.pk,
        event_id=event.pk,
        event_title=event.title,
        event_url=event.get_full_url(request) or "",
        kind=Labelled(value=event.kind, label=str(Kind(event.kind).label)),
        level=Labelled(value=event.level, label=str(Level(event.level).label)),
        school=str(event.school_id) if event.school_id else None,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        place=str(session.place_label()),
        online=session.place_kind == session.Place.ONLINE,
        capacity=session.capacity,
        seats_left=session.seats_left,
        waiting_list=session.waiting_count,
        self_signup=session.booking == session.Booking.SELF,
    )


@router.get("/", response={200: Agenda, **COMMON_ERRORS}, url_name="agenda", operation_id="agenda_list")
@public
def agenda(
    request,
    lang: Lang = "fr",
    kind: str = Query("", max_length=20, description=" ou ".join(Kind.values)),
    level: str = Query("", max_length=5, description="4e ou 3e"),
    month: str = Query("", max_length=7, description="AAAA-MM"),
    domain: str = Query("", max_length=10, description="Grand domaine des métiers présentés (identifiant)"),
    school: str = Query("", max_length=10, description="Collège (identifiant) : ses séances et celles ouvertes à tous"),
    places: str = Query("", max_length=1, description="1 : seulement les séances qui ont encore des places"),
    page: int = Query(1, ge=1, le=10_000),
):
    """Les prochaines séances des événements publics, les plus proches d'abord, avec les places restantes."""
    with translation.override(lang):
        agenda_page = index_for(AgendaIndexPage, locale_for(lang))
        if agenda_page is None:
            raise Http404
        request.GET = query_dict(
            kind=kind, level=level, month=month, domain=domain, school=school, places=places, page=page
        )
        context = agenda_context(agenda_page, request)
        page_obj = context["sessions"]
        return {
            **page_info(page_obj),
            "items": [_session(request, session) for session in page_obj.object_list],
            "facets": facets_out(context["facets"]),
        }

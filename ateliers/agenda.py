"""The agenda: upcoming sessions of the events below an agenda page, filtered through `home.facets`.

Filters (GET parameters, no JavaScript needed): kind, month, métier domain, level, collège and « places
left ». An event for both levels shows under 4e and 3e; an event open to every collège shows under each
collège. `?archive=1` lists past sessions instead, newest first. The number of queries does not depend on
the number of sessions or sign-ups (see bench/render.py).
"""

from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import formats, timezone

from accounts.models import School
from home.facets import Facets
from metiers.models import GrandDomaine

from .forms import AgendaFilterForm
from .models import AgendaIndexPage, EventPage, Level, Session, in_source_language

SESSIONS_PER_PAGE = 20


def agenda_events(agenda):
    """The live, public events below `agenda`, or below its French page: a translated agenda lists the French
    events' sessions (a translation has none of its own, see `EventPage.sessions_shown`)."""
    french_path = in_source_language(AgendaIndexPage.objects, agenda.translation_key).values("path")[:1]
    path = Coalesce(Subquery(french_path), Value(agenda.path))
    return EventPage.objects.live().public().filter(path__startswith=path, depth__gt=agenda.depth)


def base_sessions(agenda, archive=False):
    events = agenda_events(agenda)
    sessions = Session.objects.filter(page__in=events.values("pk"), cancelled_at__isnull=True)
    now = timezone.now()
    if archive:
        return sessions.filter(ends_at__lte=now)
    return sessions.filter(ends_at__gt=now)


def apply_filter(sessions, param, value):
    if param == "kind":
        return sessions.filter(page__kind=value)
    if param == "level":
        return sessions.filter(page__level__in=[value, Level.BOTH])
    if param == "places":
        return sessions.filter(seats_taken__lt=F("capacity"))
    if param == "month":
        year, month = value.split("-")
        return sessions.filter(starts_at__year=int(year), starts_at__month=int(month))
    if param == "domain":
        return sessions.filter(page__related_metiers__metier__grand_domaine_id=value)
    if param == "school":
        return sessions.filter(Q(page__school_id=value) | Q(page__school__isnull=True))
    return sessions


def filtered(sessions, chosen):
    for param, option in chosen.items():
        sessions = apply_filter(sessions, param, option.value)
    return sessions


def _grouped(sessions, key):
    return {row[key]: row["n"] for row in sessions.order_by().values(key).annotate(n=Count("pk", distinct=True))}


def count_facet(sessions, facet):
    """{option value: sessions} for one facet, on sessions already filtered by the other facets."""
    param = facet.param
    if param == "kind":
        return _grouped(sessions, "page__kind")
    if param == "level":
        counts = _grouped(sessions, "page__level")
        both = counts.get(Level.BOTH, 0)
        return {level: counts.get(level, 0) + both for level in (Level.QUATRIEME, Level.TROISIEME)}
    if param == "places":
        return {"1": sessions.filter(seats_taken__lt=F("capacity")).count()}
    if param == "month":
        rows = sessions.order_by().annotate(m=TruncMonth("starts_at")).values("m").annotate(n=Count("pk"))
        return {row["m"].strftime("%Y-%m"): row["n"] for row in rows}
    if param == "domain":
        return {str(k): n for k, n in _grouped(sessions, "page__related_metiers__metier__grand_domaine_id").items()}
    if param == "school":
        counts = _grouped(sessions, "page__school_id")
        everywhere = counts.pop(None, 0)
        return {str(option.value): counts.get(int(option.value), 0) + everywhere for option in facet.options}
    return {}


def filter_choices(sessions):
    months = sorted(
        {m for m in sessions.order_by().annotate(m=TruncMonth("starts_at")).values_list("m", flat=True) if m}
    )
    month_choices = [(m.strftime("%Y-%m"), formats.date_format(m, "F Y")) for m in months]
    domain_ids = sessions.values("page__related_metiers__metier__grand_domaine_id")
    domains = [(str(d.pk), d.name) for d in GrandDomaine.objects.filter(pk__in=domain_ids).order_by("name")]
    schools = [(str(s.pk), s.name) for s in School.objects.order_by("name")]
    return {"months": month_choices, "domains": domains, "schools": schools}


def agenda_context(agenda, request):
    archive = request.GET.get("archive") == "1"
    sessions = base_sessions(agenda, archive)
    form = AgendaFilterForm(request.GET, **filter_choices(sessions))
    facets = Facets(request.GET, form.facets())
    facets.count(lambda facet, chosen: count_facet(filtered(sessions, chosen), facet))
    result = filtered(sessions, facets.chosen()).distinct()
    result = result.select_related("page").annotate(
        waiting_count=Count("signups", filter=Q(signups__status="waiting"), distinct=True)
    )
    result = result.order_by("-starts_at" if archive else "starts_at", "pk")
    paginator = Paginator(result, SESSIONS_PER_PAGE)
    sessions = paginator.get_page(request.GET.get("page"))
    show_in_language_of(agenda, sessions)
    return {
        "facets": facets,
        "archive": archive,
        "sessions": sessions,
        "session_count": paginator.count,
        "is_filtered": bool(facets.chosen()),
    }


def show_in_language_of(agenda, sessions):
    """On a translated agenda, show each (French) session under its event's translation in the agenda's
    language when there is a live one: its title and address. One query, none on the French agenda."""
    french = [session for session in sessions if session.page.locale_id != agenda.locale_id]
    if not french:
        return
    keys = {session.page.translation_key for session in french}
    translated = EventPage.objects.live().public().filter(locale_id=agenda.locale_id, translation_key__in=keys)
    by_key = {page.translation_key: page for page in translated}
    for session in french:
        session.page = by_key.get(session.page.translation_key, session.page)

"""The interventions' sections of « Mon espace », their part of the data export and of an erasure (hooks
of accounts.extensions, registered in wagtail_hooks.py): a teacher's requests, a speaker's proposals and
their pool profile. Each returns only what concerns the user."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.extensions import DashboardSection

from . import access
from .models import HELD_BY_SPEAKER, Speaker, WorkshopRequest

TEMPLATE = "interventions/includes/dashboard_rows.html"


def sections(request):
    user = request.user
    found = []
    if access.is_teacher(user):
        rows = list(
            WorkshopRequest.objects.filter(teacher=user)
            .select_related("grand_domaine", "centre")
            .prefetch_related("sheets")
            .order_by("-updated_at")[:10]
        )
        found.append(
            DashboardSection(
                key="interventions-teacher",
                title=_("Interventions demandées pour mes classes"),
                template=TEMPLATE,
                context={
                    "rows": rows,
                    "empty": _("Aucune demande pour l'instant."),
                    "link_url": reverse("interventions:requests"),
                    "link_label": _("Demander une intervention"),
                },
                order=22,
            )
        )
    if access.can_be_speaker(user):
        rows = list(
            WorkshopRequest.objects.filter(speaker__user=user, state__in=HELD_BY_SPEAKER)
            .select_related("school")
            .order_by("-updated_at")[:10]
        )
        has_profile = Speaker.objects.filter(user=user).exists()
        found.append(
            DashboardSection(
                key="interventions-speaker",
                title=_("Mes interventions dans les collèges"),
                template=TEMPLATE,
                context={
                    "rows": rows,
                    "for_speaker": True,
                    "text": ""
                    if has_profile
                    else _("Rejoignez le vivier des intervenants : dites ce que vous présentez, où et quand."),
                    "empty": _("Aucune intervention proposée pour l'instant."),
                    "link_url": reverse("interventions:speaker"),
                    "link_label": _("Mon profil d'intervenant") if has_profile else _("Rejoindre le vivier"),
                },
                order=22,
            )
        )
    return found


def _moment(value):
    return timezone.localtime(value).isoformat() if value else None


def personal_data(user):
    data = {}
    requests = WorkshopRequest.objects.filter(teacher=user).order_by("created_at")
    if requests:
        data["interventions demandées"] = [
            {
                "thème": item.theme_label,
                "format": str(item.get_format_display()),
                "état": str(item.get_state_display()),
                "créneaux": [_moment(slot) for slot in item.slots],
                "date retenue": _moment(item.confirmed_slot),
                "lieu": item.place,
                "ce que la classe a déjà fait": item.already_done,
                "créée le": _moment(item.created_at),
            }
            for item in requests
        ]
    speaker = Speaker.objects.filter(user=user).first()
    if speaker is not None:
        data["profil d'intervenant"] = {
            "métier": speaker.job,
            "formats": speaker.formats,
            "communes": speaker.communes,
            "départements": speaker.departements,
            "jours": speaker.weekdays,
            "dates": speaker.dates,
            "interventions": [
                {
                    "collège": item.school.name,
                    "état": str(item.get_state_display()),
                    "date": _moment(item.confirmed_slot),
                }
                for item in speaker.requests.select_related("school").order_by("created_at")
            ],
        }
    return data


def erase(user):
    """The pool profile goes (requests keep their history without the speaker); a teacher's requests stay
    for the statistics, without the teacher (SET_NULL) and without their free text."""
    WorkshopRequest.objects.filter(teacher=user).update(already_done="", room="")
    Speaker.objects.filter(user=user).delete()

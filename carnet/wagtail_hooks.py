"""The collèges' orientation calendars in the Wagtail admin (staff); the notebook plugs into « Mon espace »,
the data export and the erasure (accounts.extensions), and tells a consent withdrawal what stops."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from accounts import extensions
from accounts.extensions import CONSENT_WITHDRAWN, Stopped
from home.exports import SafeExportViewSetMixin

from . import dashboard
from .models import InterestMark, Notebook, Question, Step, Wish


class StepViewSet(SafeExportViewSetMixin, ModelViewSet):
    """The dates of each collège's orientation year; the notebooks show them and the pupils and their parents
    are reminded a week before (`manage.py send_orientation_reminders`)."""

    model = Step
    icon = "date"
    menu_label = _("Calendrier de l'orientation")
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["label", "school", "on", "reminded_at"]
    list_filter = ["school", "kind"]
    list_export = ["label", "school", "on", "reminded_at"]
    search_fields = ["title", "school__name"]
    panels = [FieldPanel("school"), FieldPanel("kind"), FieldPanel("title"), FieldPanel("on")]

    def get_queryset(self, request):
        return Step.objects.select_related("school").order_by("-on")


step_viewset = StepViewSet()


@hooks.register("register_admin_viewset")
def register_step_viewset():
    return step_viewset


@hooks.register(CONSENT_WITHDRAWN)
def carnet_consent_withdrawn(pupil, dry_run, by=None):
    """Without consent, the notebook is the pupil's alone: parents, teachers and the volunteer no longer read
    it (`carnet.access`), nothing can be added, and the sharing with the volunteer is turned off (it does not
    come back by itself if the family agrees again). What the pupil wrote stays theirs (export, erasure)."""
    stopped = []
    shared = Notebook.objects.filter(pupil=pupil, shared_with_volunteer=True)
    if shared.exists():
        stopped.append(
            Stopped(
                "carnet",
                _("Le carnet d'orientation de %(name)s n'est plus partagé avec son bénévole."),
                {"name": pupil.first_name},
            )
        )
        if not dry_run:
            shared.update(shared_with_volunteer=False)
    has_content = any(model.objects.filter(pupil=pupil).exists() for model in (InterestMark, Wish, Question))
    if has_content:
        stopped.append(
            Stopped(
                "carnet",
                _(
                    "Le carnet d'orientation de %(name)s n'est plus lu par ses parents ni ses professeurs ; il reste visible par l'élève."
                ),
                {"name": pupil.first_name},
            )
        )
    return stopped


extensions.register(dashboard)  # « Mon espace », the data export and the erasure: see dashboard.py


@hooks.register("safeguarding_held_texts")
def held_notebook_texts():
    """Questions and wishes' notes holding contact details: the teacher and parents read them masked; staff
    see them whole in « Textes d'élèves retenus », with the link to the pupil's notebook."""
    from django.urls import reverse

    import safeguarding
    from safeguarding.held import HeldText

    who = ("pupil_id", "pupil__first_name", "pupil__school_class__name")
    sources = [
        (_("Question d'orientation au professeur"), Question.objects.values_list(*who, "text", "created_at")),
        (
            _("Vœu d'orientation (pourquoi ce vœu)"),
            Wish.objects.exclude(note="").values_list(*who, "note", "created_at"),
        ),
    ]
    for channel, rows in sources:
        for pupil_id, first_name, class_name, text, at in rows:
            found = safeguarding.kinds(text)
            if found:
                yield HeldText(
                    channel=channel,
                    written_by=", ".join(part for part in (first_name, class_name) if part) or "—",
                    text=text,
                    reason=safeguarding.held_reason(found),
                    at=at,
                    url=reverse("carnet:notebook", args=[pupil_id]),
                )

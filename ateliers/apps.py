from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AteliersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ateliers"
    verbose_name = _("Parcours Découverte")

    def ready(self):
        from auditlog.registry import auditlog

        from home.caching import register_content_models

        from . import seats
        from .models import EventLeader, EventMetier, Session, SignUp

        # The history of a sign-up: its status and cancellation, who did it (the person signed in, or
        # nobody for a system action, whose reason is kept: `booking.SystemAction`), never the pupil's name.
        auditlog.register(SignUp, include_fields=["status", "cancelled_at"])
        # Public content: the events' métiers, leaders and sessions (the pages themselves are Wagtail pages).
        # Not sign-ups, feedback or calendar feeds: personal rows; the seats left they change are forgotten
        # on the agenda and event pages only (`ateliers.seats`).
        register_content_models(EventMetier, EventLeader, Session)
        seats.connect()

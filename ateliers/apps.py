from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AteliersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ateliers"
    verbose_name = _("Parcours Découverte")

    def ready(self):
        from home.caching import register_content_models

        from . import seats
        from .models import EventLeader, EventMetier, Session

        # Public content: the events' métiers, leaders and sessions (the pages themselves are Wagtail pages).
        # Not sign-ups, feedback or calendar feeds: personal rows; the seats left they change are forgotten
        # on the agenda and event pages only (`ateliers.seats`).
        register_content_models(EventMetier, EventLeader, Session)
        seats.connect()

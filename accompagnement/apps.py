from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccompagnementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accompagnement"
    verbose_name = _("Accompagnement CV et lettres")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Assignment, Comment, VolunteerProfile

        # The audit log keeps who assigned, ended, blocked and moderated, and when; the pupil's own words
        # and the comments' text stay out of it (they go with the pupil's data on erasure, the log does not).
        auditlog.register(Assignment, include_fields=["volunteer", "ended_at", "end_reason"])
        auditlog.register(VolunteerProfile, exclude_fields=["user"])
        auditlog.register(Comment, include_fields=["status", "suggestion_state"])

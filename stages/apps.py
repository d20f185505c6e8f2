from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stages"
    verbose_name = _("Stages")

    def ready(self):
        from auditlog.registry import auditlog

        from home.caching import register_content_models

        from .models import Convention, ConventionSignature, Place, PlaceWeek, StageRequest, StageWeek

        # Public content: the places and their weeks (the seats a métier sheet counts). Not the requests,
        # wishes, reports, appreciations, proposals, conventions or hosts' records: personal or back-office rows.
        register_content_models(Place, PlaceWeek, StageWeek)

        # The audit log keeps the states and the proposed place (who, when); the pupil's own words stay
        # out of it (they are erased with the pupil's data, the log is not).
        auditlog.register(StageRequest, include_fields=["state", "place_week"])
        auditlog.register(Place, include_fields=["status", "hidden_reason"])
        # A convention's state and every field whose change voids the signatures; the signatures themselves.
        auditlog.register(
            Convention,
            include_fields=[
                "state",
                "host",
                "first_day",
                "last_day",
                "starts_at",
                "ends_at",
                "break_minutes",
                "tutor_name",
                "tutor_contact",
            ],
        )
        auditlog.register(ConventionSignature, include_fields=["party", "method", "text_version", "voided_at"])

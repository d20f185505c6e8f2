from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterventionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interventions"
    verbose_name = _("Interventions en classe")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import WorkshopRequest

        # The state and who holds the request, in the history beside `RequestEvent` (who, when, why).
        auditlog.register(WorkshopRequest, include_fields=["state", "speaker", "confirmed_slot"])

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AteliersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ateliers"
    verbose_name = _("Parcours Découverte")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import SignUp

        # The history of a sign-up: its status and cancellation, who did it (the person signed in, or
        # nobody for a system action, whose reason is kept: `booking.SystemAction`), never the pupil's name.
        auditlog.register(SignUp, include_fields=["status", "cancelled_at"])

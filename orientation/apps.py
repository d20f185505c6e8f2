from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrientationConfig(AppConfig):
    name = "orientation"
    verbose_name = _("Orientation : articles pour les élèves, les parents et les professeurs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.caching import register_content_models

        register_content_models(*self.get_models())  # every model of this app is public content

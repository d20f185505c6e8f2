from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Accueil et pages communes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import caching, converters, exports, media, restrictions, routing  # noqa: F401 (media connects the private documents' file naming)

        # Every model of this app is public content, and so are the Wagtail models public pages show.
        caching.register_content_models(*caching.WAGTAIL_CONTENT_MODELS, *self.get_models())
        caching.connect()  # content changes forget the cached pages and fragments
        routing.install()  # locales read through the cache
        restrictions.install()  # view restrictions read through the cache
        exports.install()  # every spreadsheet export of the admin neutralises formulas (Wagtail's too)
        converters.install()  # `<id:pk>` in every URLconf of ours: ids within the database's range

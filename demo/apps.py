from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for `make run`. Depends on every content app; no app depends on it."""

    name = "demo"
    verbose_name = "Contenu de démonstration"

"""Production settings refuse to start with a published or weak SECRET_KEY, and say why in French."""

import re
import secrets

from django.conf import settings

import pytest

from tests.test_config_deploy import GOOD_ENV, run_with_production_settings


def start(secret_key):
    return run_with_production_settings(["-c", "import django; django.setup()"], {**GOOD_ENV, "SECRET_KEY": secret_key})


def example_key():
    text = (settings.BASE_DIR / ".env.example").read_text()
    return re.search(r"^SECRET_KEY=(.*)$", text, re.MULTILINE).group(1).strip()


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (example_key(), "clé d'exemple"),
        ("dev-only-insecure-key-never-used-in-production", "clé d'exemple"),
        ("django-insecure-" + "x" * 60, "clé d'exemple"),
        (secrets.token_urlsafe(20), "trop faible"),
        ("ab" * 40, "trop faible"),
    ],
    ids=["env-example", "dev", "django-insecure", "short", "few-characters"],
)
def test_production_refuses_a_known_or_weak_key(key, message):
    result = start(key)
    assert result.returncode != 0
    assert message in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr


def test_production_starts_with_a_strong_key():
    result = start(secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr

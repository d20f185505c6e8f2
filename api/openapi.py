"""The API's OpenAPI schema as committed in api/openapi.json: `make openapi` writes it, and
tests/test_api_http.py fails when the code's schema differs from the committed one (a changed API must
come with its updated schema, reviewed in the same commit)."""

import json
import os
import sys
from pathlib import Path

FILE = Path(__file__).resolve().parent / "openapi.json"


def generate():
    """The schema as the served one, in French (descriptions and labels are the source language's)."""
    from django.utils import translation

    from .api import api

    with translation.override("fr"):
        return json.dumps(api.get_openapi_schema(path_prefix="/api/v3/"), indent=2, sort_keys=True, ensure_ascii=False)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    sys.stdout.write(generate() + "\n")

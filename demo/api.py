"""Demo of the JSON API: a Wagtail API token for the demo pupil Inès (for the « moi » endpoints, as a future
mobile app would use it), printed with three curl examples. Each load revokes the previous demo token and
makes a new one: only a digest is stored, so the plaintext exists only in this output, like the demo
passwords."""

import os

from django.utils import timezone

from wagtail.models import APIToken

from accounts.models import User

from .pupils import PUPILS

TOKEN_NAME = "Démo : application mobile"  # noqa: S105 (a label, not a secret)


def load(command, home):
    identifier = next(row[0] for row in PUPILS if row[1] == "Inès")
    pupil = User.objects.filter(identifier=identifier).first()
    if pupil is None:
        return
    APIToken.objects.filter(user=pupil, name=TOKEN_NAME, revoked_at__isnull=True).update(revoked_at=timezone.now())
    _token, key = APIToken.create_token(user=pupil, name=TOKEN_NAME)
    # `make run` passes the address it serves (RUN_HOST, RUN_PORT): the examples work as printed on another port.
    base = f"http://{os.environ.get('RUN_HOST', '127.0.0.1')}:{os.environ.get('RUN_PORT', '8000')}"
    command.stdout.write("API JSON : /api/v3/docs/ (documentation), /api/v3/openapi.json (schéma). Exemples :")
    command.stdout.write(f"  curl '{base}/api/v3/metiers/?domaine=D&page_size=5'")
    command.stdout.write(f"  curl '{base}/api/v3/agenda/?places=1'")
    command.stdout.write(f"  curl -H 'Authorization: Bearer {key}' '{base}/api/v3/moi/stages/'  (Inès)")

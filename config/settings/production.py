"""Production: HTTPS only, secure cookies, HSTS, hashed static files served by whitenoise."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY doit être défini dans l'environnement.")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")

# Checks of `manage.py check --deploy` that are decided on purpose (see README, « Déploiement »):
# - W019: X_FRAME_OPTIONS stays SAMEORIGIN because Wagtail's live preview shows the page in a
#   same-origin iframe; other origins are still refused (and by CSP frame-ancestors 'self').
# - W021: HSTS preload is a commitment for the whole domain; the host turns it on with
#   SECURE_HSTS_PRELOAD=true once every subdomain serves HTTPS.
SILENCED_SYSTEM_CHECKS = ["security.W019", "security.W021"]

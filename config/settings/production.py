"""Production: HTTPS only, secure cookies, HSTS, hashed static files served by whitenoise."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

# Keys published with the code (.env.example, dev and test settings): whoever knows one can sign sessions,
# password-reset links and the class import's previews.
KNOWN_SECRET_KEYS = {
    "change-me-to-a-long-random-string",
    "dev-only-insecure-key-never-used-in-production",
    "test-only-key",
}
HOW_TO_GENERATE = 'Générez-en une avec : python -c "import secrets; print(secrets.token_urlsafe(50))"'

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY doit être défini dans l'environnement. " + HOW_TO_GENERATE)
if SECRET_KEY in KNOWN_SECRET_KEYS or SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured("SECRET_KEY est une clé d'exemple publiée avec le code. " + HOW_TO_GENERATE)
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY est trop faible (au moins 50 caractères, variés). " + HOW_TO_GENERATE)

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer's health check may come over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
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

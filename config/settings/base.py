"""Settings shared by every environment.

This module is production-safe on its own: DEBUG is off and every secret or address comes from the
environment (see `.env.example`). `dev.py`, `test.py` and `production.py` adjust it.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps. `home` and `accounts` are the base that content apps build on.
    "home",
    "accounts",
    "safeguarding",
    "metiers",
    "orientation",
    "procedures",
    "ateliers",
    "stages",
    "interventions",
    "accompagnement",
    "chiffres",
    "carnet",
    "search",
    "api",
    "demo",
    # Wagtail and its contrib apps.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    # The JSON API (api/): ninja serves its docs page's Swagger UI from its own static files, no CDN.
    "ninja",
    "corsheaders",
    "django_tasks_db",
    "axes",
    "auditlog",
    # Lucide's icons (ISC), as inline SVG: the grand domaines' pictograms (metiers.templatetags.pictograms).
    "lucide",
    # No django.contrib.admin: Wagtail's admin is the staff's tool; Django's was mounted but unused, with
    # a login outside the per-address delay (removed, issue 24).
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "home.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CORS headers on /api/ only, for the origins in API_CORS_ORIGINS (below).
    "corsheaders.middleware.CorsMiddleware",
    # Public pages for visitors without a session, from the shared cache (see home/page_cache.py).
    "home.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "home.i18n.VisitorLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The user's groups (roles) prefetched once per request (see accounts/middleware.py).
    "accounts.middleware.UserGroupsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who changed a pupil's record (the audit log of `accounts.audit`).
    "auditlog.middleware.AuditlogMiddleware",
    # Responses to logged-in people: Cache-Control private, no-store (see docs/security.md).
    "home.middleware.PrivateResponseCacheMiddleware",
    # A page, not a blank screen, when a form's address is opened as a link (see home/middleware.py);
    # inside the previous one, so that this page is private, no-store too for a logged-in person.
    "home.middleware.NotAllowedPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "home.middleware.AdminContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Which page a URL routes to, kept in the cache until the content changes (see home/routing.py).
    "home.routing.RouteCacheMiddleware",
    # A short growing delay per client address across accounts (see accounts/security.py).
    "accounts.security.LoginDelayMiddleware",
    # Axes must come last: it turns locked-out logins into a clear page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: PostgreSQL whenever DATABASE_URL is set, otherwise an SQLite file in the project folder
# (the embedded default used by `make run`).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts: people log in with their email address, pupils with the identifier of their activation card.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.EmailOrIdentifierBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "first_name", "last_name", "identifier")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "accounts:login"

# Number of reverse proxies in front of the app servers (0 when gunicorn faces the clients): the client's
# address is then read from X-Forwarded-For, for login throttling and rate limits...
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# ...but only from requests that come from these proxies' addresses (networks in CIDR notation): a client
# that reaches the app server directly cannot forge its address. Default: loopback and private networks.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7")

# Login: after LOGIN_DELAY_FREE_FAILURES failed logins from one address within LOGIN_DELAY_WINDOW seconds,
# each attempt from it waits 1, 2, 4… seconds, at most LOGIN_DELAY_MAX (see accounts/security.py).
LOGIN_DELAY_FREE_FAILURES = 10
LOGIN_DELAY_WINDOW = 15 * 60
LOGIN_DELAY_MAX = 30

# Login throttling: five failures lock the (email, IP address) pair for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.security.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Keep failed attempts only (for the lockout), not a log of every successful login of minors.
AXES_DISABLE_ACCESS_LOG = True

# Pupils' activation cards: how long a printed code works (see accounts/activation.py).
ACTIVATION_CODE_VALIDITY_DAYS = int(os.environ.get("ACTIVATION_CODE_VALIDITY_DAYS", "30"))
# Yearly anonymisation (`manage.py anonymise_old_pupils`): months after the end of a pupil's school year.
ANONYMISE_PUPILS_AFTER_MONTHS = int(os.environ.get("ANONYMISE_PUPILS_AFTER_MONTHS", "12"))
# Audit log (django-auditlog) of changes to people's records and staff reads; no IP address kept.
AUDITLOG_DISABLE_REMOTE_ADDR = True

# Sessions and cookies. Pupils often use shared computers at school: a session ends with the browser
# and lasts a school day at most.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A form sent without a valid token gets a page in the visitor's language (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "home.views.csrf_failure"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Cache: a shared Redis cache when REDIS_URL is set (several app servers), else local memory. With Redis,
# sessions are kept in the database and read through the cache (cached_db): a Redis restart, or the page
# cache pushing old keys out of a full Redis, never logs anybody out. Redis down or hung costs speed, not
# pages: home.cache_backend turns its connection errors and timeouts (REDIS_TIMEOUT seconds) into misses.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))
    CACHES = {
        "default": {
            "BACKEND": "home.cache_backend.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "unstage"),
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Django's local-memory default keeps 300 entries and drops a third of them when full: one sheet table
    # of metiers/facts.py (an entry per sheet) would push out everything else, the generation included.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}

# Anonymous page cache (home/page_cache.py): public pages for visitors without a session, forgotten when
# staff change content (home/caching.py) or after TIMEOUT seconds. On by default with Redis only: every
# worker must share the cache, or a publication would reach only the worker that handled it.
PAGE_CACHE = {"ENABLED": env_bool("PAGE_CACHE", default=bool(REDIS_URL)), "TIMEOUT": 300}

# Rate limits (home/rate_limits.py): limit name -> "count/period" (s, m, h, d; "30/10s" is 30 per ten
# seconds), counted per client address unless the view counts per another value (an email address).
# When the cache cannot count (Redis down), a limited request goes through: reading and signing up matter
# more than a limit for a few seconds. Log-in keeps django-axes' database counters; the activation and
# consent codes refuse instead (accounts/throttling.py).
RATELIMIT_FAIL_OPEN = True
RATE_LIMITS = {
    # Password reset emails: per address asked for, and per client, so nobody floods a parent's mailbox.
    "password_reset_email": "3/h",
    "password_reset_client": "20/h",
    # The header search box asks for suggestions as the visitor types.
    "search_autocomplete": "30/10s",
    # The search page: a 200-character worst-case query costs about a second of a server's time.
    "search_page": "30/10s",
    # The search page's anonymous counts (a search with results, a result opened): a class behind one address.
    "search_beacon": "60/10s",
    # Parcours Découverte (ateliers/views.py), per account, not per address (a class shares its collège's):
    # a pupil signs up to several sessions in a row, or cancels some; a teacher books a few classes.
    "ateliers_signup": "20/10m",
    "ateliers_cancel": "20/10m",
    "ateliers_class_booking": "30/10m",
    # A leader adds pupils who came without a seat on the check-in page (`ateliers.booking.add_walk_in`).
    "ateliers_walk_in": "20/h",
    # The CV help (accompagnement/views.py), per account: a volunteer's comments, a pupil's reports.
    "accompagnement_comment": "30/h",
    "accompagnement_report": "10/h",
    # The JSON API (api/), every operation, per client address: a partner's page or app and a CDN in front.
    "api": os.environ.get("API_RATE_LIMIT", "120/m"),
}

# The JSON API may be called from the browsers of these origins only (comma-separated, e.g.
# "https://ent.example.org,https://partenaire.example.org"); every other origin gets no CORS header.
CORS_ALLOWED_ORIGINS = [
    origin.strip() for origin in os.environ.get("API_CORS_ORIGINS", "").split(",") if origin.strip()
]
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Retry-After")

# Internationalisation: French first. Interface and content in French, English and Arabic.
LANGUAGE_CODE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("fr", "Français"),
    ("en", "English"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English")]

# Static files and media
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Email: real delivery through SMTP; the address and credentials come from the environment.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# Seconds a connection to the mail server may hang before the attempt fails (and is retried later): a hung
# server must never hold the task worker (mail is never sent inside a request).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# Seconds before each new attempt of a failed send (accounts/emails.py), then « Renvoyer » in the admin.
EMAIL_RETRY_DELAYS = [int(value) for value in env_list("EMAIL_RETRY_DELAYS", "60,120,300,600,600,600,1800,3600")]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Un stage et après <ne-pas-repondre@unstageetapres.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who receives server error reports (comma-separated addresses).
ADMINS = [("Équipe technique", address) for address in env_list("ADMINS")]
# Error reporting (sentry-sdk) only when SENTRY_DSN is set: no request body, cookie, user or address is
# sent (pupils are minors), only the error, its stack and the URL path. The 500 page says « l'équipe a été
# prévenue » only when ADMINS or SENTRY_DSN is set.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=0.0,
    )
EMAIL_SUBJECT_PREFIX = "[Un stage et après] "

# Background work: the django-tasks queue that Wagtail uses, stored in the database and run by
# `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task still RUNNING after TASK_LEASE_SECONDS has lost its worker (killed, or its machine gone): the worker
# (`manage.py run_worker`) and `manage.py requeue_stale_tasks` give it back to the queue, and mark it failed
# after TASK_MAX_CLAIMS runs that never finished (a task that kills its worker).
TASK_LEASE_SECONDS = int(os.environ.get("TASK_LEASE_SECONDS", "600"))
TASK_MAX_CLAIMS = int(os.environ.get("TASK_MAX_CLAIMS", "3"))
# The health endpoint (/sante/) says the queue is late when a ready task has waited longer (seconds).
HEALTH_QUEUE_MAX_AGE = int(os.environ.get("HEALTH_QUEUE_MAX_AGE", "300"))

# Search: Wagtail's database backend (PostgreSQL full-text search in French, SQLite FTS5 on the
# embedded default); Elasticsearch when ELASTICSEARCH_URL is set.
# Searches that found nothing are counted per week, anonymously (search/unanswered.py), and purged after this
# many months by `manage.py purge_unanswered_searches` (run it daily, e.g. from cron).
SEARCH_UNANSWERED_MONTHS = int(os.environ.get("SEARCH_UNANSWERED_MONTHS", "6"))
# Searches with results are counted too, with how often a result was opened (search/clicks.py): the report
# « Recherches peu cliquées » lists, per week, the queries searched at least SEARCH_FEW_CLICKS_MIN_SEARCHES
# times after which a result was opened less than SEARCH_FEW_CLICKS_PERCENT % of the time.
SEARCH_FEW_CLICKS_PERCENT = int(os.environ.get("SEARCH_FEW_CLICKS_PERCENT", "20"))
SEARCH_FEW_CLICKS_MIN_SEARCHES = int(os.environ.get("SEARCH_FEW_CLICKS_MIN_SEARCHES", "3"))
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "french",
    }
}
if os.environ.get("ELASTICSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        "URLS": [os.environ["ELASTICSEARCH_URL"]],
        "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "unstage_"),
        "TIMEOUT": 5,
        "OPTIONS": {},
        "INDEX_SETTINGS": {
            "settings": {
                "analysis": {
                    "analyzer": {
                        "default": {"type": "french"},
                    }
                }
            }
        },
    }

# Content-Security-Policy (django-csp 4): everything is served by the portal itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        # No inline script on the public site; the admin adds 'unsafe-inline' for Wagtail's own scripts.
        "script-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Un stage et après"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Documents are always served by Wagtail's view, which checks collection view restrictions (the private
# procedure attachments); "direct" would hand out the storage URL and bypass them.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Images are served as public files: the form refuses private collections for them (see home/images.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.media.ImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Logging: no personal data. Requests are not logged with their bodies or query strings.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

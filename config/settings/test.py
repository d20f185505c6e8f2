"""Test settings: fast hasher, local-memory cache and email, plain static storage, immediate tasks, a
file-backed SQLite test database kept between runs, the small métiers extract."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Local memory and database sessions, unless REDIS_URL is set: CI runs the cache, session, rate-limit and
# page-cache tests once more against Redis (`.ci/run`). The anonymous page cache is off; its tests turn it on.
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
PAGE_CACHE = {"ENABLED": False, "TIMEOUT": 300}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
# The demo (and any import without a folder) reads the small extract: five sheets instead of 532.
METIERS_DATA_DIR = BASE_DIR / "tests" / "data" / "metiers"

# SQLite: the test database is a file, not memory, so that `--reuse-db` (pytest's addopts) keeps the
# migrated database from one run to the next; `--create-db` rebuilds it. Its content is disposable,
# so SQLite need not wait for the disk. The browser journeys' live server writes from another thread
# than the test: write-ahead logging lets them read while the other writes, and a write waits for the
# other's (up to 30 s on a busy machine) instead of failing with « database is locked ».
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test-db.sqlite3")}
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA synchronous = OFF; PRAGMA journal_mode = WAL;", timeout=30
    )

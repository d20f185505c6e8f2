"""Local development: DEBUG on, emails printed to the console, SQLite unless DATABASE_URL is set."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
# Tasks run as soon as they are queued, so `make run` needs no worker process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# SQLite (the embedded default): several people using `make run` at once write at the same moment (a login
# writes the session, the last login and the access log). Write-ahead logging lets reads go on during a
# write; IMMEDIATE transactions take the write lock when they start, so a second writer waits (up to 20 s)
# instead of failing with « database is locked » when it upgrades a read lock (Django's docs, SQLite notes).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20, init_command="PRAGMA journal_mode = WAL;"
    )

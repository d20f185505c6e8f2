"""Settings of the fault drill's app servers and worker (bench/faults.py): production's, with plain static
files (the drill does not run collectstatic; whitenoise's manifest is not what it tests) and HTTP allowed
(the drill's clients send X-Forwarded-Proto: https, as the HTTPS proxy would)."""

from config.settings.production import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

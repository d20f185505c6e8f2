"""WSGI entry point, served by gunicorn in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Each app server process gets ready now, not during its first visitors' requests (with gunicorn --preload,
# once in the master process, shared by the workers): the URLs import every view module, and the search
# builds its indexes (about 3 s in all on a 2-core machine). WARM_UP=0 skips it.
if os.environ.get("WARM_UP", "1") != "0":
    from django.urls import get_resolver

    from search.concepts import warm_up

    get_resolver().url_patterns  # noqa: B018 (imports the URL configuration and its views)
    warm_up()

"""The API's URLs alone: mounted in config.urls, and the URLconf its answers name for the middleware that
runs after the view (see `PortalAPI.create_response`)."""

from django.urls import path

from .api import api

urlpatterns = [path("api/v3/", api.urls)]

from django.urls import path

from . import views

app_name = "stages"

urlpatterns = [
    path("proposer/", views.propose, name="propose"),
    path("proposer/merci/", views.propose_thanks, name="propose_thanks"),
]

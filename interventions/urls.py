from django.urls import path

from . import views

app_name = "interventions"

urlpatterns = [
    path("", views.request_list, name="requests"),
    path("intervenant/", views.speaker_profile, name="speaker"),
    path("<id:pk>/", views.request_detail, name="detail"),
    path("<id:pk>/<slug:action>/", views.request_move, name="move"),
]

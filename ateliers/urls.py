from django.urls import path

from . import views

app_name = "ateliers"

urlpatterns = [
    path("seances/<id:pk>/inscription/", views.signup_view, name="signup"),
    path("seances/<id:pk>/annulation/", views.cancel_view, name="cancel"),
    path("seances/<id:pk>/classe/", views.class_booking_view, name="class_booking"),
    path("seances/<id:pk>/feuille-de-presence/", views.attendance_sheet_view, name="attendance"),
    path("seances/<id:pk>/pointage/", views.check_in_view, name="check_in"),
    path("inscriptions/<id:pk>/avis/", views.feedback_view, name="feedback"),
    path("agenda/<id:pk>.ics", views.agenda_feed_view, name="agenda_feed"),
    path("calendrier/", views.my_feed_view, name="my_feed"),
    path("calendrier/<str:token>.ics", views.personal_feed_view, name="personal_feed"),
]

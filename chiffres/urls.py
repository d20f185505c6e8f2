from django.urls import path

from . import views

app_name = "chiffres"

urlpatterns = [
    path("", views.figures_page, name="figures"),
    path("chiffres.csv", views.figures_csv, name="csv"),
]

from django.urls import path

from . import views, views_after, views_browse, views_conventions, views_requests, views_spaces

app_name = "stages"

urlpatterns = [
    path("proposer/", views.propose, name="propose"),
    path("proposer/merci/", views.propose_thanks, name="propose_thanks"),
    path("ma-demande/", views_requests.request_form, name="request_form"),
    path("offres/", views_browse.browse_places, name="browse_places"),
    path("ma-demande/metiers/", views_spaces.wish_sheet_suggestions, name="wish_sheet_suggestions"),
    path("demandes/<id:pk>/", views_requests.request_detail, name="request_detail"),
    path("demandes/<id:pk>/convention.pdf", views_requests.request_convention, name="request_convention"),
    path("demandes/<id:pk>/compte-rendu/<id:step>/", views_after.report_step, name="report_step"),
    path("demandes/<id:pk>/appreciation/", views_after.appreciation, name="appreciation"),
    path("demandes/<id:pk>/<slug:action>/", views_requests.request_move, name="request_move"),
    path("conventions/<id:pk>/", views_conventions.convention_page, name="convention"),
    path("conventions/<id:pk>/modifier/", views_conventions.convention_change, name="convention_change"),
    path("conventions/signer-avec-le-code/", views_conventions.convention_sign_code, name="convention_sign_code"),
    path(
        "conventions/signer-avec-le-code/signature/",
        views_conventions.convention_sign_code_confirm,
        name="convention_sign_code_confirm",
    ),
    path("conventions/signer/<str:token>/", views_conventions.convention_sign_link, name="convention_sign_link"),
    path("semaines/<id:pk>/conventions.zip", views_conventions.week_conventions_zip, name="week_conventions_zip"),
    path("console/", views_requests.console, name="console"),
    path("console/<id:pk>/", views_requests.console_request, name="console_request"),
    path("console/college/<id:school_pk>/tout-proposer/", views_requests.console_bulk, name="console_bulk"),
    path("accueil/", views_requests.host, name="host"),
    path("accueil/offres/nouvelle/", views_spaces.place_edit, name="place_new"),
    path("accueil/offres/<id:pk>/", views_spaces.place_edit, name="place_edit"),
    path("accueil/offres/metiers/", views_spaces.place_sheet_suggestions, name="place_sheet_suggestions"),
    path("semaines/", views_spaces.weeks, name="weeks"),
    path("semaines/<id:pk>/retirer/", views_spaces.week_delete, name="week_delete"),
]

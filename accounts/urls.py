from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views, views_activation, views_rights, views_spaces

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/", views.PasswordResetView.as_view(), name="password_reset"),
    path("mot-de-passe/envoye/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/termine/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("mon-espace/", views.dashboard, name="dashboard"),
    # Pupils' activation and consent (accounts.views_activation)
    path("activation/", views_activation.activate, name="activate"),
    path("accord/", views_activation.consent_by_code, name="consent_by_code"),
    path("accord/lien/<str:token>/", views_activation.consent_by_link, name="consent_by_link"),
    path("accord/reponse/", views_activation.consent_decide, name="consent_decide"),
    path("accord/merci/", views_activation.consent_done, name="consent_done"),
    path("accord/annuler/<str:token>/", views_activation.consent_cancel_link, name="consent_cancel"),
    path("accord/annuler/", views_activation.consent_cancel_answer, name="consent_cancel_answer"),
    path("accord/compte/", views_activation.parent_account_request, name="parent_account_request"),
    path("accord/compte/lien/<str:token>/", views_activation.parent_account_link, name="parent_account_link"),
    path("accord/compte/mot-de-passe/", views_activation.parent_account_create, name="parent_account_create"),
    path("mon-accord/", login_required(views_activation.my_consent), name="my_consent"),
    # Teachers' classes and parents' children (accounts.views_spaces)
    path("classes/", views_spaces.class_list, name="class_list"),
    path("classes/<id:pk>/", views_spaces.class_detail, name="class_detail"),
    path("classes/<id:pk>/cartes/", views_spaces.class_cards, name="class_cards"),
    path("classes/<id:pk>/emails-accord/", views_spaces.class_consent_emails, name="class_consent_emails"),
    path("enfants/<id:pk>/accord/", views_spaces.child_consent, name="child_consent"),
    # Rights over one's data (accounts.views_rights)
    path("mes-donnees/", views_rights.my_data, name="my_data"),
    path("mes-donnees/export.json", views_rights.my_data_json, name="my_data_json"),
    path("enfants/<id:pk>/donnees/", views_rights.child_data, name="child_data"),
    path("enfants/<id:pk>/donnees/export.json", views_rights.child_data_json, name="child_data_json"),
]

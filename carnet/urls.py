from django.urls import path

from . import views

app_name = "carnet"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("eleves/<id:pk>/", views.notebook, name="notebook"),
    path("eleves/<id:pk>/commentaire/", views.comment, name="comment"),
    path("eleves/<id:pk>/fiche/", views.sheet, name="sheet"),
    path("eleves/<id:pk>/fiche-orientation.pdf", views.sheet_pdf, name="sheet_pdf"),
    path("fiches/<id:pk>/interesse/", views.mark, name="mark"),
    path("voeux/", views.add_wish, name="add_wish"),
    path("voeux/<id:pk>/enlever/", views.remove_wish, name="remove_wish"),
    path("questions/", views.ask, name="ask"),
    path("questions/<id:pk>/reponse/", views.answer, name="answer"),
    path("partage/", views.share, name="share"),
    path("classes/<id:pk>/", views.class_view, name="class_view"),
]

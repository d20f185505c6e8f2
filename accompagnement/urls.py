from django.urls import path

from . import views, views_staff

app_name = "accompagnement"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("cv/", views.cv, name="cv"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/etape/<slug:key>/", views.step, name="step"),
    path("documents/<int:pk>/relecture/", views.ask_review, name="ask_review"),
    path("documents/<int:pk>/termine/", views.mark_done, name="mark_done"),
    path("documents/<int:pk>/document.pdf", views.document_pdf, name="pdf"),
    path("documents/<int:pk>/imprimer/", views.document_print, name="print"),
    path("documents/<int:pk>/differences/", views.differences, name="differences"),
    path("versions/<int:pk>/commenter/", views.comment, name="comment"),
    path("commentaires/<int:pk>/suggestion/", views.suggestion, name="suggestion"),
    path("commentaires/<int:pk>/signaler/", views.report, name="report"),
    path("benevole/", views.volunteer, name="volunteer"),
    path("equipe/", views_staff.console, name="staff"),
    path("equipe/documents/<int:pk>/attribuer/", views_staff.assign, name="assign"),
    path("equipe/accompagnements/<int:pk>/terminer/", views_staff.end_assignment, name="end_assignment"),
    path("equipe/benevoles/<int:pk>/bloquer/", views_staff.block, name="block"),
    path("equipe/commentaires/<int:pk>/<slug:action>/", views_staff.moderate, name="moderate"),
]

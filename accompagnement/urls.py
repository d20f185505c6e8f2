from django.urls import path

from . import views

app_name = "accompagnement"

# Staff's console is in the Wagtail admin (views_staff.py, registered in wagtail_hooks.py).
urlpatterns = [
    path("", views.mine, name="mine"),
    path("cv/", views.cv, name="cv"),
    path("documents/<id:pk>/", views.document_detail, name="document"),
    path("documents/<id:pk>/etape/<slug:key>/", views.step, name="step"),
    path("documents/<id:pk>/relecture/", views.ask_review, name="ask_review"),
    path("documents/<id:pk>/termine/", views.mark_done, name="mark_done"),
    path("documents/<id:pk>/document.pdf", views.document_pdf, name="pdf"),
    path("documents/<id:pk>/imprimer/", views.document_print, name="print"),
    path("documents/<id:pk>/differences/", views.differences, name="differences"),
    path("versions/<id:pk>/commenter/", views.comment, name="comment"),
    path("commentaires/<id:pk>/suggestion/", views.suggestion, name="suggestion"),
    path("commentaires/<id:pk>/signaler/", views.report, name="report"),
    path("benevole/", views.volunteer, name="volunteer"),
]

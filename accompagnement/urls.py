from django.urls import path

from . import views

app_name = "accompagnement"

# Staff's console is in the Wagtail admin (views_staff.py, registered in wagtail_hooks.py).
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
]

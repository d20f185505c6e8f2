"""The CV help's sections of « Mon espace », its part of a person's data export and of an erasure (hooks of
accounts.extensions, registered in wagtail_hooks.py). Each returns only what concerns the user."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import circle
from accounts.access import is_pupil, is_staff_member
from accounts.extensions import LINKS_TEMPLATE, DashboardSection
from accounts.roles import Role

from .models import Assignment, Comment, CommentStatus, Document, DocumentState

TEMPLATE = LINKS_TEMPLATE
ORDER = 70


def sections(request):
    user = request.user
    result = []
    if is_pupil(user):
        cv = user.help_documents.filter(kind="cv").first()
        text = _("Ton CV : %(state)s.") % {"state": cv.get_state_display().lower()} if cv else ""
        links = [(_("Écrire mon CV et mes lettres de motivation"), reverse("accompagnement:mine"))]
        result.append(
            DashboardSection("help-pupil", _("Mon CV et mes lettres"), TEMPLATE, {"text": text, "links": links}, ORDER)
        )
    if user.has_role(Role.PARENT):
        links = [
            (
                _("%(name)s : %(kind)s") % {"name": d.pupil.first_name, "kind": d.get_kind_display()},
                reverse("accompagnement:document", args=[d.pk]),
            )
            for d in circle.visible(Document.objects, user, {circle.Relation.PARENT}).select_related("pupil")
        ]
        if links:
            result.append(
                DashboardSection(
                    "help-parent", _("Les CV et lettres de mes enfants"), TEMPLATE, {"links": links}, ORDER
                )
            )
    if user.has_role(Role.TEACHER):
        result.append(_teacher_section(user))
    if user.has_role(Role.VOLUNTEER):
        count = Assignment.objects.active().filter(volunteer=user).count()
        text = _("Vous accompagnez %(count)s document(s).") % {"count": count}
        links = [(_("Ouvrir mon espace bénévole"), reverse("accompagnement:volunteer"))]
        result.append(
            DashboardSection(
                "help-volunteer", _("Accompagnement CV et lettres"), TEMPLATE, {"text": text, "links": links}, ORDER
            )
        )
    if is_staff_member(user):
        held = Comment.objects.filter(status=CommentStatus.HELD).count()
        text = _("%(count)s commentaire(s) à relire.") % {"count": held}
        links = [(_("Ouvrir la console de l'accompagnement"), reverse("accompagnement_console"))]
        result.append(
            DashboardSection(
                "help-staff", _("Accompagnement CV et lettres"), TEMPLATE, {"text": text, "links": links}, ORDER
            )
        )
    return result


def _teacher_section(user):
    """Which of the teacher's pupils have a CV ready (done), in progress or in review; never the text."""
    cvs = circle.visible(Document.objects.filter(kind="cv"), user, {circle.Relation.TEACHER})
    cvs = cvs.select_related("pupil__school_class")
    ready = [
        (f"{d.pupil.first_name} {d.pupil.last_name} ({d.pupil.school_class.name})", "")
        for d in cvs.order_by("pupil__last_name")
        if d.state == DocumentState.DONE
    ]
    counts = {state: sum(1 for d in cvs if d.state == state) for state in DocumentState.values}
    text = _("CV terminés : %(done)s ; en relecture : %(review)s ; en cours d'écriture : %(draft)s.") % {
        "done": counts[DocumentState.DONE],
        "review": counts[DocumentState.REVIEW],
        "draft": counts[DocumentState.DRAFT],
    }
    return DashboardSection(
        "help-teacher", _("Les CV de mes élèves"), TEMPLATE, {"text": text, "links": ready[:200]}, ORDER
    )


def personal_data(user):
    """A pupil's CV and letters with their versions and the comments they received; a volunteer's comments."""
    data = {}
    docs = []
    for document in user.help_documents.prefetch_related("versions__comments"):
        docs.append(
            {
                "type": document.get_kind_display(),
                "état": document.get_state_display(),
                "texte": document.sections,
                "versions": [
                    {
                        "numéro": v.number,
                        "le": v.created_at.isoformat(),
                        "texte": v.sections,
                        "commentaires": [
                            {"partie": c.section, "passage": c.quote, "commentaire": c.body, "suggestion": c.suggestion}
                            for c in v.comments.all()
                            if c.status == CommentStatus.VISIBLE
                        ],
                    }
                    for v in document.versions.all()
                ],
            }
        )
    if docs:
        data["cv_et_lettres"] = docs
    written = [{"le": c.created_at.isoformat(), "commentaire": c.body} for c in user.help_comments.all()]
    if written:
        data["commentaires_de_benevole"] = written
    return data


def erase(user):
    """A pupil's documents go, with their versions and comments. A volunteer's comments stay for the pupil
    (and the history), without their author."""
    user.help_documents.all().delete()
    Comment.objects.filter(author=user).update(author=None)

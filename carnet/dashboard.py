"""The notebook's sections of « Mon espace », its part of a person's data export and of an erasure (hooks of
accounts.extensions, registered in wagtail_hooks.py). Each returns only what concerns the user."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import circle
from accounts.access import can_take_part, is_pupil
from accounts.extensions import LINKS_TEMPLATE, DashboardSection
from accounts.roles import Role

from . import access
from .models import InterestMark, Notebook, ParentComment, Question, Wish

ORDER = 45
R = circle.Relation


def sections(request):
    user = request.user
    result = []
    if is_pupil(user):
        count = Wish.objects.filter(pupil=user).count()
        text = (
            _("Tu as %(count)s vœu(x) pour après la 3e.") % {"count": count}
            if count
            else _("Note les métiers qui t'intéressent et écris ce que tu voudrais faire après la 3e.")
        )
        links = [(_("Ouvrir mon carnet d'orientation"), reverse("carnet:mine"))]
        result.append(
            DashboardSection(
                "carnet-pupil", _("Mon orientation"), LINKS_TEMPLATE, {"text": text, "links": links}, ORDER
            )
        )
    if user.has_role(Role.PARENT):
        links = [
            (
                _("Le carnet d'orientation de %(name)s") % {"name": child.first_name},
                reverse("carnet:notebook", args=[child.pk]),
            )
            for child in circle.pupils_visible_to(user, {R.PARENT}).prefetch_related("groups", "consent_records")
            if can_take_part(child)
        ]
        if links:
            result.append(
                DashboardSection(
                    "carnet-parent", _("L'orientation de mes enfants"), LINKS_TEMPLATE, {"links": links}, ORDER
                )
            )
    if user.has_role(Role.TEACHER):
        links = [
            (
                _("L'orientation de la %(name)s") % {"name": school_class.name},
                reverse("carnet:class_view", args=[school_class.pk]),
            )
            for school_class in user.taught_classes.order_by("name")
        ]
        if links:
            waiting = Question.objects.filter(
                answered_at__isnull=True, pupil__in=circle.pupils_visible_to(user, {R.TEACHER})
            ).count()
            text = _("%(count)s question(s) d'élèves attendent une réponse.") % {"count": waiting}
            result.append(
                DashboardSection(
                    "carnet-teacher",
                    _("L'orientation de mes classes"),
                    LINKS_TEMPLATE,
                    {"text": text, "links": links},
                    ORDER,
                )
            )
    if user.has_role(Role.VOLUNTEER):
        pupils = circle.pupils_visible_to(user, {R.VOLUNTEER}).filter(notebook__shared_with_volunteer=True)
        links = [
            (
                _("Le carnet d'orientation de %(name)s") % {"name": pupil.first_name},
                reverse("carnet:notebook", args=[pupil.pk]),
            )
            for pupil in pupils
            if access.reader_relation(user, pupil) == R.VOLUNTEER
        ]
        if links:
            result.append(
                DashboardSection(
                    "carnet-volunteer", _("Carnets d'orientation partagés"), LINKS_TEMPLATE, {"links": links}, ORDER
                )
            )
    return result


def personal_data(user):
    """A pupil's notebook (marks, wishes, questions and answers, their family's comments, the sharing); the
    comments a parent wrote and the answers a teacher gave."""
    data = {}
    marks = [
        {"fiche": m.sheet.title, "le": m.created_at.isoformat()}
        for m in InterestMark.objects.filter(pupil=user).select_related("sheet")
    ]
    wishes = [
        {
            "ordre": w.rank,
            "voie": w.get_path_display(),
            "spécialité": w.field,
            "pourquoi": w.note,
            "fiches": [s.title for s in w.sheets.all()],
        }
        for w in Wish.objects.filter(pupil=user).prefetch_related("sheets")
    ]
    questions = [
        {"question": q.text, "posée_le": q.created_at.isoformat(), "réponse": q.answer}
        for q in Question.objects.filter(pupil=user)
    ]
    comments = [
        {"commentaire": c.text, "le": c.created_at.isoformat()} for c in ParentComment.objects.filter(pupil=user)
    ]
    notebook = Notebook.objects.filter(pupil=user).first()
    if marks or wishes or questions or comments or notebook:
        data["carnet_orientation"] = {
            "métiers_qui_m_intéressent": marks,
            "vœux": wishes,
            "questions": questions,
            "commentaires_de_la_famille": comments,
            "partagé_avec_le_bénévole": bool(notebook and notebook.shared_with_volunteer),
        }
    written = [
        {"commentaire": c.text, "le": c.created_at.isoformat()} for c in ParentComment.objects.filter(author=user)
    ]
    if written:
        data["commentaires_sur_le_carnet_d_orientation"] = written
    answers = [
        {"réponse": q.answer, "le": q.answered_at.isoformat()} for q in Question.objects.filter(answered_by=user)
    ]
    if answers:
        data["réponses_aux_questions_d_orientation"] = answers
    return data


def erase(user):
    """A pupil's notebook goes whole. A parent's comments and a teacher's answers stay for the pupil,
    without their author."""
    for model in (InterestMark, Wish, Question, ParentComment):
        model.objects.filter(pupil=user).delete()
    Notebook.objects.filter(pupil=user).delete()
    ParentComment.objects.filter(author=user).update(author=None)
    Question.objects.filter(answered_by=user).update(answered_by=None)


def parcours_step(user):
    """« Mon orientation » in the pupil's timeline: how many wishes after the 3e, and the notebook."""
    from django.utils.translation import ngettext

    from accounts.extensions import ParcoursStep

    if not is_pupil(user):
        return None
    wishes = Wish.objects.filter(pupil=user).count()
    link = (_("Ouvrir mon carnet d'orientation"), reverse("carnet:notebook", args=[user.pk]))
    title = _("Mon orientation après la 3e")
    if not wishes:
        return ParcoursStep(30, title, _("Pas encore de vœu"), "todo", link)
    return ParcoursStep(30, title, ngettext("%(count)d vœu", "%(count)d vœux", wishes) % {"count": wishes}, "ok", link)

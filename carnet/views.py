"""The notebook's pages: the pupil's « Mon orientation », the same notebook read by their circle (parents
comment, teachers answer), the teacher's class view, the printable « Ma fiche orientation » and its PDF.
Who may do what: `carnet.access`; everything else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import circle
from accounts.access import blocked_message, can_take_part, is_pupil, is_staff_member
from accounts.models import SchoolClass, User
from metiers.models import MetierPage
from safeguarding import explain_to_pupil, kinds

from . import access, gathering, pdf, suggestions
from .forms import AnswerForm, CommentForm, QuestionForm, WishForm, free_rank
from .models import InterestMark, Notebook, Path, Question, Wish

R = circle.Relation


def _pupil(pk):
    users = User.objects.select_related("school_class__school").prefetch_related("groups", "consent_records")
    return get_object_or_404(users, pk=pk)


def _readable(request, pk):
    pupil = _pupil(pk)
    relation = access.reader_relation(request.user, pupil)
    if relation is None:
        raise Http404
    return pupil, relation


def notebook_context(pupil, relation):
    """Everything one reader sees of the notebook (the parts their relation allows, pupil's words masked
    for adults)."""
    parts = access.parts_for(relation)
    masked = access.masked_for(relation)
    notebook = Notebook.objects.filter(pupil=pupil).first()
    return {
        "pupil": pupil,
        "relation": relation,
        "is_pupil_reader": relation == R.PUPIL,
        "parts": parts,
        "shared": bool(notebook and notebook.shared_with_volunteer),
        "sheets": gathering.marked_sheets(pupil) if "sheets" in parts else [],
        "interests": gathering.interests(pupil) if "sheets" in parts else [],
        "workshops": gathering.workshops(pupil, masked) if "workshops" in parts else [],
        "stages": gathering.stages(pupil, masked) if "stage" in parts else [],
        "wishes": gathering.wishes(pupil, masked) if "wishes" in parts else [],
        "questions": gathering.questions(pupil, masked) if "questions" in parts else [],
        "comments": gathering.comments(pupil) if "comments" in parts else [],
        "articles": suggestions.articles_for(pupil, relation),
        "steps": gathering.steps(pupil) if relation != R.VOLUNTEER else [],
    }


@login_required
def mine(request):
    """« Mon orientation »: the pupil's own notebook."""
    if not is_pupil(request.user):
        raise Http404
    return redirect("carnet:notebook", pk=request.user.pk)


@login_required
def notebook(request, pk, *, wish_form=None, question_form=None, comment_form=None, answer_forms=None):
    pupil, relation = _readable(request, pk)
    context = notebook_context(pupil, relation)
    if relation == R.PUPIL:
        writable = access.may_write(request.user, pupil)
        context["blocked"] = blocked_message(pupil)
        if writable:
            context["wish_form"] = wish_form or WishForm(pupil=pupil)
            context["question_form"] = question_form or QuestionForm()
            context["wishes_full"] = free_rank(pupil) is None
    if access.may_comment(request.user, pupil):
        context["comment_form"] = comment_form or CommentForm()
    if access.may_answer(request.user, pupil):
        answer_forms = answer_forms or {}
        for question in context["questions"]:
            question.form = answer_forms.get(question.pk) or AnswerForm(prefix=f"q{question.pk}")
    return TemplateResponse(request, "carnet/notebook.html", context)


def _safe_next(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@login_required
@require_POST
def mark(request, pk):
    """« Ce métier m'intéresse » on a sheet (again: no longer). The pupil comes back where they were."""
    sheet = get_object_or_404(MetierPage.objects.live(), pk=pk)
    if not access.may_write(request.user, request.user):
        raise Http404
    existing = InterestMark.objects.filter(pupil=request.user, sheet=sheet)
    if existing.exists():
        existing.delete()
        messages.success(request, _("C'est noté : « %(title)s » n'est plus dans ton carnet.") % {"title": sheet.title})
    else:
        try:
            with transaction.atomic():
                InterestMark.objects.create(pupil=request.user, sheet=sheet)
        except IntegrityError:
            pass  # a double submit: the sheet is marked once
        messages.success(
            request, _("C'est noté : « %(title)s » est dans ton carnet d'orientation.") % {"title": sheet.title}
        )
    return redirect(_safe_next(request, sheet.url or "/"))


def _own(request):
    if not access.may_write(request.user, request.user):
        raise Http404
    return request.user


def _create_wish(pupil, data):
    """The wish at the first free rank; None when the three are taken. Two tabs posting at once meet the
    database's unique rank: the second tries the next free rank once more."""
    for _attempt in range(2):
        rank = free_rank(pupil)
        if rank is None:
            return None
        try:
            with transaction.atomic():
                wish = Wish.objects.create(
                    pupil=pupil, rank=rank, path=data["path"], field=data["field"], note=data["note"]
                )
                wish.sheets.set(data["sheets"])
                return wish
        except IntegrityError:
            continue
    return None


@login_required
@require_POST
def add_wish(request):
    pupil = _own(request)
    form = WishForm(request.POST, pupil=pupil)
    if form.is_valid():
        data = form.cleaned_data
        if _create_wish(pupil, data) is None:
            form.add_error(None, _("Tu as déjà trois vœux : enlève-en un pour en écrire un autre."))
        else:
            messages.success(request, _("Ton vœu est enregistré."))
            explanation = explain_to_pupil(kinds(data["note"]))
            if explanation:
                messages.info(request, explanation)
            return redirect("carnet:notebook", pk=pupil.pk)
    return notebook(request, pupil.pk, wish_form=form)


@login_required
@require_POST
def remove_wish(request, pk):
    pupil = _own(request)
    wish = get_object_or_404(Wish, pk=pk, pupil=pupil)
    wish.delete()
    messages.success(request, _("Ce vœu est enlevé de ton carnet."))
    return redirect("carnet:notebook", pk=pupil.pk)


@login_required
@require_POST
def ask(request):
    pupil = _own(request)
    form = QuestionForm(request.POST)
    if form.is_valid():
        Question.objects.create(pupil=pupil, text=form.cleaned_data["text"].strip())
        messages.success(request, _("Ta question est envoyée à ton professeur. Sa réponse s'affichera ici."))
        explanation = explain_to_pupil(kinds(form.cleaned_data["text"]))
        if explanation:
            messages.info(request, explanation)
        return redirect("carnet:notebook", pk=pupil.pk)
    return notebook(request, pupil.pk, question_form=form)


@login_required
@require_POST
def share(request):
    """The pupil turns on or off the sharing with the volunteer who helps with their CV."""
    pupil = _own(request)
    notebook_row, _created = Notebook.objects.get_or_create(pupil=pupil)
    notebook_row.shared_with_volunteer = request.POST.get("shared") == "1"
    notebook_row.save(update_fields=["shared_with_volunteer", "updated_at"])
    if notebook_row.shared_with_volunteer:
        messages.success(
            request, _("Le bénévole qui t'aide pour ton CV peut lire tes métiers, tes ateliers et tes vœux.")
        )
    else:
        messages.success(request, _("Ton carnet n'est plus partagé avec le bénévole."))
    return redirect("carnet:notebook", pk=pupil.pk)


@login_required
@require_POST
def comment(request, pk):
    pupil, _relation = _readable(request, pk)
    if not access.may_comment(request.user, pupil):
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        form.instance.pupil, form.instance.author = pupil, request.user
        form.save()
        messages.success(request, _("Votre commentaire est ajouté au carnet."))
        return redirect("carnet:notebook", pk=pupil.pk)
    return notebook(request, pupil.pk, comment_form=form)


@login_required
@require_POST
def answer(request, pk):
    question = get_object_or_404(Question.objects.select_related("pupil"), pk=pk)
    if not access.may_answer(request.user, question.pupil):
        raise Http404
    form = AnswerForm(request.POST, prefix=f"q{question.pk}")
    if form.is_valid():
        question.answer = form.cleaned_data["answer"].strip()
        question.answered_by, question.answered_at = request.user, timezone.now()
        question.save(update_fields=["answer", "answered_by", "answered_at"])
        messages.success(request, _("Votre réponse est enregistrée : l'élève et sa famille la liront dans le carnet."))
        return redirect("carnet:notebook", pk=question.pupil_id)
    return notebook(request, question.pupil_id, answer_forms={question.pk: form})


@login_required
def class_view(request, pk):
    """A teacher's class: who has no wish yet, who waits for an answer, the spread of wishes by path."""
    school_class = get_object_or_404(SchoolClass.objects.select_related("school"), pk=pk)
    if not (request.user.taught_classes.filter(pk=school_class.pk).exists() or is_staff_member(request.user)):
        raise Http404
    relations = {R.TEACHER, R.STAFF}
    pupils = list(
        circle.pupils_visible_to(request.user, relations)
        .filter(school_class=school_class)
        .prefetch_related("groups", "consent_records", "orientation_wishes", "orientation_questions")
        .order_by("last_name", "first_name")
    )
    taking_part = [p for p in pupils if can_take_part(p)]
    spread = dict.fromkeys(Path.values, 0)
    for pupil in taking_part:
        for wish in pupil.orientation_wishes.all():
            spread[wish.path] += 1
    context = {
        "school_class": school_class,
        "without_wish": [p for p in taking_part if not p.orientation_wishes.all()],
        "waiting": [p for p in taking_part if any(not q.is_answered for q in p.orientation_questions.all())],
        "spread": [(Path(value).label, count) for value, count in spread.items()],
        "pupils": taking_part,
        "not_yet": len(pupils) - len(taking_part),
        **_workshop_theme(request.user, school_class, taking_part),
    }
    return TemplateResponse(request, "carnet/class_view.html", context)


def _workshop_theme(user, school_class, pupils):
    """The three sheets the class's wishes and marks name most often, and one link that starts a workshop
    request for this class on them (interventions, when installed; teachers only)."""
    counts = {}
    links = Wish.sheets.through.objects.filter(wish__pupil__in=pupils).values_list("metierpage_id", flat=True)
    for sheet_id in [*links, *InterestMark.objects.filter(pupil__in=pupils).values_list("sheet_id", flat=True)]:
        counts[sheet_id] = counts.get(sheet_id, 0) + 1
    top = sorted(counts, key=lambda sheet_id: (-counts[sheet_id], sheet_id))[:3]
    if not top or not user.taught_classes.filter(pk=school_class.pk).exists():
        return {}
    try:
        url = reverse("interventions:requests")
    except NoReverseMatch:
        return {}
    titles = dict(MetierPage.objects.filter(pk__in=top).values_list("pk", "title"))
    query = urlencode([("classe", school_class.pk), *(("fiche", pk) for pk in top if pk in titles)])
    return {"theme_sheets": [titles[pk] for pk in top if pk in titles], "theme_url": f"{url}?{query}"}


@login_required
def sheet(request, pk):
    """« Ma fiche orientation »: one printable page."""
    pupil, relation = _readable(request, pk)
    context = {"pupil": pupil, "pages": pdf.sheet_pages(pupil, relation, get_language())}
    return TemplateResponse(request, "carnet/sheet_print.html", context)


@login_required
def sheet_pdf(request, pk):
    pupil, relation = _readable(request, pk)
    response = HttpResponse(pdf.sheet_pdf(pupil, relation, get_language()), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="fiche-orientation.pdf"'
    return response

"""What the notebook gathers by itself: workshops attended with the pupil's own feedback (ateliers), the
stage and its report (stages), the sheets marked, and for each wish what its sheets say about how to get
there (metiers). Read from the apps that own them, never copied. `masked` shows the pupil's own words as an
adult reads them (`safeguarding.mask`)."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from ateliers.models import SignUp
from safeguarding import mask
from stages.models import RequestState, StageReport, StageRequest

from .models import InterestMark, ParentComment, Question, Step, Wish


def _text(value, masked):
    return mask(value) if masked and value else value


@dataclass
class Workshop:
    title: str
    date: object
    liked: str = ""
    learned: str = ""
    comment: str = ""


@dataclass
class Stage:
    title: str
    host: str
    starts_on: object
    state: str
    report: list = field(default_factory=list)  # [(label, text)]


def workshops(pupil, masked=False):
    """Sessions the pupil attended (presence noted), newest first, with their own feedback."""
    signups = (
        SignUp.objects.filter(pupil=pupil, attended=True)
        .select_related("session__page", "feedback")
        .order_by("-session__starts_at")
    )
    result = []
    for signup in signups:
        item = Workshop(signup.session.page.title, signup.session.starts_at)
        feedback = getattr(signup, "feedback", None)
        if feedback is not None:
            item.liked = feedback.get_liked_display()
            item.learned = feedback.get_learned_display()
            item.comment = _text(feedback.comment, masked)
        result.append(item)
    return result


def stages(pupil, masked=False):
    """The pupil's stage requests that got a place (accepted and after), with the report once written."""
    requests = (
        StageRequest.objects.filter(
            pupil=pupil, state__in=[RequestState.ACCEPTED, RequestState.CONVENTION, RequestState.DONE]
        )
        .select_related("place_week__place__host", "week")
        .order_by("-week__starts_on")
    )
    result = []
    for stage_request in requests:
        place = stage_request.place_week.place if stage_request.place_week_id else None
        item = Stage(
            title=place.title if place else "",
            host=place.host.name if place else "",
            starts_on=stage_request.place_week.starts_on if place else stage_request.week.starts_on,
            state=stage_request.get_state_display(),
        )
        report = StageReport.objects.filter(request=stage_request, submitted_at__isnull=False).first()
        if report is not None:
            fields = StageReport._meta
            item.report = [
                (fields.get_field(name).verbose_name, _text(getattr(report, name), masked))
                for name in StageReport.STEPS
                if getattr(report, name)
            ]
        result.append(item)
    return result


def marked_sheets(pupil):
    """The published sheets the pupil marked, newest mark first."""
    marks = InterestMark.objects.filter(pupil=pupil, sheet__live=True).select_related("sheet")
    return [mark.sheet for mark in marks]


def interests(pupil, limit=6):
    """The centres d'intérêt of the sheets the pupil marked, the most shared first: what their choices say
    they like (« travailler de ses mains », « aider les autres »…)."""
    from django.db.models import Count

    from metiers.models import CentreInteret

    return list(
        CentreInteret.objects.filter(
            tagged_sheets__content_object__interest_marks__pupil=pupil, tagged_sheets__content_object__live=True
        )
        .annotate(sheets=Count("tagged_sheets", distinct=True))
        .order_by("-sheets", "name")[:limit]
    )


def wishes(pupil, masked=False):
    """The wishes in order; each with its published sheets and what they say about how to get there."""
    result = []
    for wish in Wish.objects.filter(pupil=pupil).prefetch_related("sheets"):
        wish.note_shown = _text(wish.note, masked)
        wish.routes = [
            {
                "sheet": sheet,
                "level": sheet.get_access_level_display() if sheet.access_level else "",
                "summary": sheet.access_summary,
                "formations": sheet.formations_list,
            }
            for sheet in wish.sheets.all()
            if sheet.live
        ]
        result.append(wish)
    return result


def questions(pupil, masked=False):
    result = list(Question.objects.filter(pupil=pupil).select_related("answered_by"))
    for question in result:
        question.text_shown = _text(question.text, masked)
    return result


def comments(pupil):
    return list(ParentComment.objects.filter(pupil=pupil).select_related("author"))


def steps(pupil, today=None):
    """The steps of the pupil's collège's orientation year (1 August to 31 July), in order."""
    if not pupil.school_class_id:
        return []
    today = today or timezone.localdate()
    start = datetime.date(today.year if today.month >= 8 else today.year - 1, 8, 1)
    end = datetime.date(start.year + 1, 7, 31)
    result = list(Step.objects.filter(school_id=pupil.school_class.school_id, on__gte=start, on__lte=end))
    for step in result:
        step.is_past = step.on < today
    return result

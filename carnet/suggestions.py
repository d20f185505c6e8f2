"""Guidance in context: the guidance articles (orientation) that fit what the notebook holds, for the one
who reads it (pupils' articles for the pupil, parents' for a parent, teachers' for a teacher), in the
reader's language when the article is translated (else the French article, which the site serves under the
reader's prefix). An article fits when it links one of the sheets the pupil marked or wished for, or when
its topic is the wishes' path (apprenticeship; the paths after the 3e), and always the wishes themselves."""

from django.db.models import Q

from wagtail.models import Locale

from accounts import circle
from orientation.models import Audience, GuidanceArticlePage, Topic

from .models import InterestMark, Path, Wish

AUDIENCES = {
    circle.Relation.PUPIL: Audience.PUPILS,
    circle.Relation.PARENT: Audience.PARENTS,
    circle.Relation.TEACHER: Audience.TEACHERS,
}
LIMIT = 4


def topics_for(paths):
    topics = {Topic.APPLICATIONS}
    if not paths or set(paths) & {Path.GENERAL, Path.VOCATIONAL, Path.CAP}:
        topics.add(Topic.AFTER_3E)
    if not paths or Path.APPRENTICESHIP in paths:
        topics.add(Topic.APPRENTICESHIP)
    if not paths:
        topics.add(Topic.DISCOVER)
    return topics


def articles_for(pupil, relation):
    """Up to four live, public articles for the reader, those linking the pupil's sheets first."""
    audience = AUDIENCES.get(relation)
    if audience is None:
        return []
    paths = list(Wish.objects.filter(pupil=pupil).values_list("path", flat=True))
    sheet_ids = set(InterestMark.objects.filter(pupil=pupil).values_list("sheet_id", flat=True))
    sheet_ids |= set(Wish.sheets.through.objects.filter(wish__pupil=pupil).values_list("metierpage_id", flat=True))
    articles = (
        GuidanceArticlePage.objects.live()
        .public()
        .filter(locale=Locale.get_default(), audience=audience)
        .filter(Q(topic__in=topics_for(paths)) | Q(related_metiers__metier_id__in=sheet_ids))
        .distinct()
    )
    linking = set(
        GuidanceArticlePage.objects.filter(related_metiers__metier_id__in=sheet_ids).values_list("pk", flat=True)
    )
    chosen = sorted(articles.select_related("locale"), key=lambda a: (a.pk not in linking, -a.pk))[:LIMIT]
    return _in_active_language(chosen)


def _in_active_language(articles):
    """Each article's live translation in the active language when there is one (one query), else itself."""
    active = Locale.get_active()
    if not articles or active.pk == articles[0].locale_id:
        return articles
    translated = {
        page.translation_key: page
        for page in GuidanceArticlePage.objects.live()
        .filter(locale=active, translation_key__in=[a.translation_key for a in articles])
        .select_related("locale")
    }
    return [translated.get(article.translation_key, article) for article in articles]

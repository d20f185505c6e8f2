"""`{% glossary %}…{% endglossary %}`: the glossary's words explained where they appear.

The first time a word of the glossary (home.models.GlossaryTerm) appears in the wrapped HTML on a page, it
becomes a `<dfn>` followed by its definition in brackets. site.js turns the definition into a disclosure: a
« ? » button next to the word (aria-expanded, aria-controls) shows or hides it — no hover-only tooltip, and
without JavaScript the definition simply stays in the text. Words inside links, headings, buttons or an
existing definition are left alone. French pages only: the definitions are French.
"""

import hashlib
import re

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from bs4 import BeautifulSoup, NavigableString

register = template.Library()

SKIPPED_PARENTS = {"a", "button", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "summary", "title"}
WORD_CHARACTERS = r"0-9A-Za-zÀ-ÖØ-öø-ÿœŒ"


def _terms(request=None):
    """The glossary, kept in the cache until a term changes (home.caching)."""
    from home.caching import cached
    from home.models import GlossaryTerm

    return cached(request, "glossary-terms", lambda: list(GlossaryTerm.objects.all()))


def _pattern(forms):
    alternatives = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<![{WORD_CHARACTERS}])({alternatives})(?![{WORD_CHARACTERS}])", re.IGNORECASE)


def _skipped(node):
    for parent in node.parents:
        if parent.name in SKIPPED_PARENTS or "glossary-term" in (parent.get("class") or []):
            return True
    return False


def explain(html, terms, explained):
    """`html` with the first occurrence of each term not yet in `explained` (a set of term ids) marked."""
    if not terms or not html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for term in terms:
        if term.pk in explained:
            continue
        pattern = _pattern(term.forms)
        for text in soup.find_all(string=pattern):
            if not isinstance(text, NavigableString) or _skipped(text):
                continue
            match = pattern.search(text)
            before, word, after = text[: match.start()], match.group(1), text[match.end() :]
            wrapper = soup.new_tag("span", attrs={"class": "glossary-term"})
            wrapper["data-toggle-label"] = gettext("Que veut dire « %(term)s » ?") % {"term": word}
            dfn = soup.new_tag("dfn")
            dfn.string = word
            definition = soup.new_tag("span", attrs={"class": "glossary-term__definition"})
            definition.string = f" ({term.definition})"
            wrapper.append(dfn)
            wrapper.append(definition)
            text.replace_with(before, wrapper, after)
            explained.add(term.pk)
            break
    return str(soup)


class GlossaryNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        page = context.get("page")
        locale = getattr(page, "locale", None)
        if locale is not None and locale.language_code != "fr":
            return html
        request = context.get("request")
        # One explanation per word and per page, whatever the number of wrapped blocks.
        state = getattr(request, "_glossary", None) if request is not None else None
        if state is None:
            state = {"terms": _terms(request), "explained": set()}
            if request is not None:
                request._glossary = state
        return mark_safe(_explain_cached(request, html, state))  # noqa: S308 (our own rendered HTML)


def _explain_cached(request, html, state):
    """`explain`, kept in the cache per HTML, terms already explained on the page, language and content
    generation: parsing a sheet's HTML is a third of its render."""
    from home.caching import cached

    explained = state["explained"]
    fingerprint = f"{translation.get_language()}|{sorted(explained)}|{html}"
    key = "glossary-html:" + hashlib.sha256(fingerprint.encode()).hexdigest()[:32]

    def compute():
        after = set(explained)
        return explain(html, state["terms"], after), after

    result, after = cached(request, key, compute)
    explained.update(after)
    return result


@register.tag
def glossary(parser, token):
    nodelist = parser.parse(("endglossary",))
    parser.delete_first_token()
    return GlossaryNode(nodelist)

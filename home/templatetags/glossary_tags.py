"""`{% glossary %}…{% endglossary %}`: the glossary's words explained where they appear.

The first time a word of the glossary (home.models.GlossaryTerm) appears in the wrapped HTML on a page, it
becomes a `<dfn>` followed by its definition in brackets. site.js turns the definition into a disclosure: a
« ? » button next to the word (aria-expanded, aria-controls) shows or hides it — no hover-only tooltip, and
without JavaScript the definition simply stays in the text. Words inside links, headings, buttons or an
existing definition are left alone. French pages only: the definitions are French.
"""

import hashlib
import html as html_lib
import re

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

SKIPPED_TAGS = {"a", "button", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "summary", "title"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
WORD_CHARACTERS = r"0-9A-Za-zÀ-ÖØ-öø-ÿœŒ"
WORD_CHARACTER = re.compile(f"[{WORD_CHARACTERS}]")
# A tag (with its name) or a comment. Our HTML is rendered by our own templates and Wagtail's rich text: well
# formed, so following its tags is enough (BeautifulSoup cost a third of a cold sheet).
TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>", re.DOTALL)
GLOSSARY_CLASS = re.compile(r"""class=["'][^"']*\bglossary-term\b""")
# How long a marked-up HTML is kept: its key names the HTML and the glossary's version, so it is never wrong,
# only unused once the page or the glossary changes.
EXPLAINED_TIMEOUT = 7 * 24 * 3600


def _terms(request=None):
    """The glossary, kept in the cache until a term changes (home.caching)."""
    from home.caching import cached
    from home.models import GlossaryTerm

    return cached(request, "glossary-terms", lambda: list(GlossaryTerm.objects.all()))


def _is_word_character(text, index):
    return 0 <= index < len(text) and WORD_CHARACTER.match(text, index) is not None


def _candidates(html, by_form):
    """Where each form appears in `html` as a whole word, [(start, -length, end, form)] in the order a
    left-to-right search that prefers the longest form finds them. `str.find` on the lowered HTML: the
    glossary's twenty forms are found in a few microseconds each, where one case-insensitive pattern of them
    all took about 3 ms over a sheet (a regular expression with a look-behind tries every position)."""
    lowered = html.lower()
    if len(lowered) != len(html):  # a rare capital whose lower case is two characters (« İ »): kept as is
        lowered = "".join(char if len(char.lower()) != 1 else char.lower() for char in html)
    found = []
    for form in by_form:
        start = lowered.find(form)
        while start != -1:
            end = start + len(form)
            if not _is_word_character(html, start - 1) and not _is_word_character(html, end):
                found.append((start, -len(form), end, form))
            start = lowered.find(form, start + 1)
    found.sort()
    return found


def _markup(word, term):
    label = gettext("Que veut dire « %(term)s » ?") % {"term": word}
    return (
        f'<span class="glossary-term" data-toggle-label="{html_lib.escape(label)}"><dfn>{html_lib.escape(word, False)}'
        f'</dfn><span class="glossary-term__definition"> ({html_lib.escape(term.definition, False)})</span></span>'
    )


def explain(html, terms, explained):
    """`html` with the first occurrence of each term not yet in `explained` (a set of term ids) marked.

    Text outside links, headings, buttons, scripts and existing definitions counts; at one place the longest
    form wins. The forms are looked for in the whole HTML first (`_candidates`); the tags are then walked
    only up to the last occurrence that needs them, to know whether it is text and where. Our HTML is
    rendered by our own templates and Wagtail's rich text: characters are written as such, only « & < > " ' »
    as entities (a form with a quote is also looked for escaped)."""
    if not terms or not html:
        return html
    by_form = {}
    for term in terms:
        if term.pk not in explained:
            for form in term.forms:
                for written in {form, html_lib.escape(form)}:
                    by_form.setdefault(written.lower(), term)
    if not by_form:
        return html
    parts, stack, done, consumed = [], [], 0, 0  # stack: (tag name, whether its content is left alone)
    tags = TAG.finditer(html)
    tag = next(tags, None)
    for start, _length, end, form in _candidates(html, by_form):
        if start < consumed:
            continue
        while tag is not None and tag.end() <= start:
            _walk(stack, tag)
            tag = next(tags, None)
        if (tag is not None and tag.start() <= start) or any(skip for _name, skip in stack):
            continue  # inside a tag or a comment, or in a link, heading…
        consumed = end
        term = by_form.get(form)
        if term is None or term.pk in explained:
            continue
        parts += [html[done:start], _markup(html_lib.unescape(html[start:end]), term)]
        done = end
        explained.add(term.pk)
        for other in [other for other, owner in by_form.items() if owner.pk == term.pk]:
            del by_form[other]
        if not by_form:
            break
    if not parts:
        return html
    return "".join(parts) + html[done:]


def _walk(stack, tag):
    """Follow one tag (or comment) of the HTML on the stack of open elements."""
    name = tag.group(2)
    if name is None:
        return
    name = name.lower()
    if tag.group(1):  # a closing tag closes up to its opening one
        for index in range(len(stack) - 1, -1, -1):
            if stack[index][0] == name:
                del stack[index:]
                break
    elif name not in VOID_TAGS and not tag.group(0).endswith("/>"):
        stack.append((name, name in SKIPPED_TAGS or bool(GLOSSARY_CLASS.search(tag.group(0)))))


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


def _glossary_version(terms):
    """A short fingerprint of the glossary: the marked-up HTML kept in the cache names it."""
    text = "\n".join(f"{term.pk}|{'|'.join(term.forms)}|{term.definition}" for term in terms)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _explain_cached(request, html, state):
    """`explain`, kept in the shared cache per HTML, terms already explained on the page, language and glossary
    version, not per content generation: a sheet's HTML marked up once serves every worker, and again after a
    publication elsewhere or a menu change (only a changed page or glossary makes a new key)."""
    from django.core.cache import cache

    explained = state["explained"]
    if "version" not in state:
        state["version"] = _glossary_version(state["terms"])
    fingerprint = f"{state['version']}|{translation.get_language()}|{sorted(explained)}|{html}"
    key = "glossary-html:" + hashlib.sha256(fingerprint.encode()).hexdigest()[:32]
    found = cache.get(key)
    if found is None:
        after = set(explained)
        found = (explain(html, state["terms"], after), after)
        cache.set(key, found, EXPLAINED_TIMEOUT)
    result, after = found
    explained.update(after)
    return result


@register.tag
def glossary(parser, token):
    nodelist = parser.parse(("endglossary",))
    parser.delete_first_token()
    return GlossaryNode(nodelist)

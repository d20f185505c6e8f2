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
# A tag (with its name), a comment, or text between them. Our HTML is rendered by our own templates and
# Wagtail's rich text: well formed, so a tokenizer is enough (BeautifulSoup cost a third of a cold sheet).
TOKEN = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>|[^<]+|<", re.DOTALL)
GLOSSARY_CLASS = re.compile(r"""class=["'][^"']*\bglossary-term\b""")
# How long a marked-up HTML is kept: its key names the HTML and the glossary's version, so it is never wrong,
# only unused once the page or the glossary changes.
EXPLAINED_TIMEOUT = 7 * 24 * 3600


def _terms(request=None):
    """The glossary, kept in the cache until a term changes (home.caching)."""
    from home.caching import cached
    from home.models import GlossaryTerm

    return cached(request, "glossary-terms", lambda: list(GlossaryTerm.objects.all()))


def _pattern(forms):
    alternatives = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<![{WORD_CHARACTERS}])({alternatives})(?![{WORD_CHARACTERS}])", re.IGNORECASE)


def _markup(word, term):
    label = gettext("Que veut dire « %(term)s » ?") % {"term": word}
    return (
        f'<span class="glossary-term" data-toggle-label="{html_lib.escape(label)}"><dfn>{html_lib.escape(word, False)}'
        f'</dfn><span class="glossary-term__definition"> ({html_lib.escape(term.definition, False)})</span></span>'
    )


def explain(html, terms, explained):
    """`html` with the first occurrence of each term not yet in `explained` (a set of term ids) marked.

    One pass over the HTML: text outside links, headings, buttons, scripts and existing definitions is
    searched with one pattern of every form of the terms still to explain, longest forms first."""
    if not terms or not html:
        return html
    by_form = {}
    for term in terms:
        if term.pk not in explained:
            for form in term.forms:
                by_form.setdefault(form.casefold(), term)
    if not by_form:
        return html
    pattern = _pattern(sorted(by_form, key=len, reverse=True))
    parts, stack = [], []  # stack: (tag name, whether its content is left alone)
    for token in TOKEN.finditer(html):
        text, name = token.group(0), token.group(2)
        if name is not None:
            name = name.lower()
            if token.group(1):  # a closing tag closes up to its opening one
                for index in range(len(stack) - 1, -1, -1):
                    if stack[index][0] == name:
                        del stack[index:]
                        break
            elif name not in VOID_TAGS and not text.endswith("/>"):
                stack.append((name, name in SKIPPED_TAGS or bool(GLOSSARY_CLASS.search(text))))
        elif not text.startswith("<") and not any(skip for _name, skip in stack) and by_form:
            text = _explain_text(text, pattern, by_form, explained)
        parts.append(text)
    return "".join(parts)


def _explain_text(raw, pattern, by_form, explained):
    """One text of the HTML (entities and all) with its first occurrences of unexplained terms marked."""
    text = html_lib.unescape(raw)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        term = by_form.get(match.group(1).casefold())
        if term is None or term.pk in explained:
            continue
        pieces += [html_lib.escape(text[last : match.start()], False), _markup(match.group(1), term)]
        last = match.end()
        explained.add(term.pk)
        for form in [form for form, other in by_form.items() if other.pk == term.pk]:
            del by_form[form]
    if not pieces:
        return raw
    return "".join(pieces) + html_lib.escape(text[last:], False)


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

"""Finding a live French métier sheet from the name someone types (a host naming the métier of their stage
place), instead of a list of the whole catalogue.

`search` holds the term dictionary that knows every sheet's names (both genders, alternative names, everyday
synonyms, pupils' words, typos), but `metiers` may not import it (dependencies run `search` → content apps):
`search` plugs its matcher in when it starts (`set_matcher`, in `search.apps`). Without it, folded names are
compared exactly, then by edit ratio (difflib), which is enough for the catalogue's own titles.
"""

import difflib
from dataclasses import dataclass, field

from home.caching import cached
from home.text import fold, split_genders

from .models import MetierPage

MAX_CHOICES = 6
_matcher = None


def set_matcher(matcher):
    """`matcher(folded, ids, limit=, loose=, prefix=)` → [(page id, exact)], best first, among `ids`.
    `loose`: distant names too (for « did you mean »); `prefix`: the name is being typed."""
    global _matcher  # one matcher per process, set at start-up
    _matcher = matcher


def live_sheets():
    """The sheets a place may name: live, in French (the source language)."""
    return MetierPage.objects.live().filter(locale__language_code="fr")


@dataclass
class Resolution:
    """`sheet` (pk, title) when the name is one sheet's; else `choices`, the closest (pk, title) first."""

    sheet: tuple | None = None
    choices: list = field(default_factory=list)


def _names():
    """{pk: (title, {folded names})} of the live sheets: the title and each gendered form. Kept in the cache
    for the current content generation (a sheet published or withdrawn starts a new one): the suggestions
    ask for it at each key typed."""
    return cached(None, "metiers:typed-names", _load_names)


def _load_names():
    names = {}
    rows = live_sheets().values_list("pk", "title", "title_masculine", "title_feminine")
    for pk, title, masculine, feminine in rows:
        forms = {fold(title)}
        for name in (title, masculine, feminine):
            forms.update(fold(form) for form in split_genders(name or ""))
        forms.discard("")
        names[pk] = (title, forms)
    return names


def _fallback(folded, names, limit, prefix=False):
    """Without the search dictionary: names starting with or close to `folded`."""
    scored = {}
    for pk, (_title, forms) in names.items():
        for form in forms:
            typing = prefix and form.startswith(folded)
            score = 1.0 if typing else difflib.SequenceMatcher(None, folded, form).ratio()
            if score >= 0.6 and score > scored.get(pk, 0):
                scored[pk] = score
    best = sorted(scored, key=lambda pk: (-scored[pk], names[pk][0]))
    return [(pk, scored[pk] == 1.0) for pk in best[:limit]]


def _matches(folded, names, limit, loose=False, prefix=False):
    if _matcher is None:
        return _fallback(folded, names, limit, prefix=prefix)
    return _matcher(folded, set(names), limit=limit, loose=loose, prefix=prefix)


def resolve(text, limit=MAX_CHOICES):
    """The sheet `text` names, when only one does: its title or one gendered form, accents and capitals
    aside (« electricienne »), or the dictionary's only match, exactly one of its names (« mitron »).
    Otherwise the closest sheets to choose from (none when nothing comes near): a word shared by several
    titles (« agent »), or an everyday word the dictionary ties to one of several close sheets
    (« cuisinier »), is left to the person to choose, never picked for them."""
    folded = fold(text)
    if not folded:
        return Resolution()
    names = _names()
    exact = sorted((pk for pk, (_title, forms) in names.items() if folded in forms), key=lambda pk: names[pk][0])
    if len(exact) == 1:
        return Resolution(sheet=(exact[0], names[exact[0]][0]))
    found = _matches(folded, names, limit) or _matches(folded, names, limit, loose=True)
    if not exact and len(found) == 1 and found[0][1]:
        return Resolution(sheet=(found[0][0], names[found[0][0]][0]))
    ordered = list(dict.fromkeys([*exact, *(pk for pk, _is_exact in found)]))[:limit]
    return Resolution(choices=[(pk, names[pk][0]) for pk in ordered if pk in names])


def resolve_with_choice(text, chosen=""):
    """`resolve(text)`, where a sheet `chosen` among the closest (the radio buttons offered after an ambiguous
    name, posted with it) wins while it is still one of them. Forms that take a typed métier use this."""
    resolution = resolve(text)
    closest = dict(resolution.choices)
    chosen = str(chosen or "")
    if resolution.sheet is None and chosen.isdigit() and int(chosen) in closest:
        resolution.sheet = (int(chosen), closest[int(chosen)])
    return resolution


def suggest(text, limit=8):
    """Titles of the sheets whose names start with or resemble `text`, as it is being typed."""
    folded = fold(text)
    if len(folded) < 2:
        return []
    names = _names()
    found = _matches(folded, names, limit, prefix=True)
    return [names[pk][0] for pk, _exact in found if pk in names]

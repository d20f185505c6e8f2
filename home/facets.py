"""Facets: the filters of a listing, read from GET parameters, written once for every listing.

A listing declares its facets (`Facet`: a GET parameter, labels and the values it offers) and reads them
with `Facets(request.GET, [...])`:

* the URL stays shareable and works without JavaScript: each facet is one GET parameter;
* bad input never fails: an unknown value is ignored and explained in French (`Facets.errors`), the
  other filters still apply;
* counts follow the usual rule, in one place (`Facets.count`): the count shown for a value is the number
  of items the list would show if that value were chosen, the other chosen filters staying as they are
  (« as if its own filter were not chosen »). The listing only says how to count one facet given the
  other chosen options;
* `Facets.active` lists the chosen filters, each with the query string of the same list without it.

Used by the métiers catalogue (`metiers.listing`), the search page (`search.engine`) and the guidance
index (`orientation`, whose filter form gives its facets through `Facet.from_choice_field`); the template
`includes/facet_select.html` renders one facet as a labelled select with its counts.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

MAX_ECHOED_LENGTH = 40


def echo(value):
    """A value the visitor sent, cut short to be quoted back in a message."""
    value = str(value)
    return value if len(value) <= MAX_ECHOED_LENGTH else value[:MAX_ECHOED_LENGTH] + "…"


@dataclass
class FacetOption:
    """One value of a facet: `value` in the URL, `label` shown, `key` what counts are keyed by (a pk)."""

    value: str
    label: object
    key: object = None
    count: int = 0
    selected: bool = False

    def __post_init__(self):
        if self.key is None:
            self.key = self.value


@dataclass(eq=False)
class Facet:
    """One filter of a listing: its GET parameter, label, « all » label and the values it offers."""

    param: str
    label: object
    all_label: object
    options: list[FacetOption]
    selected: FacetOption | None = None
    remove_query: str = ""
    options_by_value: dict = field(default_factory=dict)

    def __post_init__(self):
        self.options_by_value = {option.value: option for option in self.options}

    @classmethod
    def from_choice_field(cls, param, choice_field):
        """The facet of a form's ChoiceField whose first choice is the empty « all » one (a filter form
        such as the guidance index's renders the form and filters through the facets)."""
        (_empty, all_label), *choices = choice_field.choices
        return cls(param, choice_field.label, all_label, [FacetOption(str(value), label) for value, label in choices])

    @property
    def visible_options(self):
        """Values that match at least one item, and the chosen one even when it matches none."""
        return [option for option in self.options if option.count or option.selected]


class Facets:
    """The facets of one listing, with the values chosen in `params` (a QueryDict)."""

    def __init__(self, params, facets, clean=str):
        """`clean` makes an unknown value safe to quote back (the search page strips symbols)."""
        self.params = params
        self.by_param = {facet.param: facet for facet in facets}
        self.errors = []
        for facet in facets:
            value = str(params.get(facet.param) or "").strip()
            if not value:
                continue
            option = facet.options_by_value.get(value)
            if option is None:
                self.errors.append(
                    _("Le filtre « %(facet)s » ne connaît pas la valeur « %(value)s » : il n'a pas été appliqué.")
                    % {"facet": facet.label, "value": echo(clean(value) or "?")}
                )
                continue
            option.selected = True
            facet.selected = option

    def __getitem__(self, param):
        return self.by_param[param]

    def __iter__(self):
        return iter(self.by_param.values())

    def items(self):
        return self.by_param.items()

    def chosen(self, except_param=None):
        """The chosen option of each filtered facet, by parameter, leaving out `except_param`'s."""
        return {
            param: facet.selected
            for param, facet in self.by_param.items()
            if facet.selected is not None and param != except_param
        }

    def count(self, counter):
        """Set every option's count. `counter(facet, chosen)` returns {option key: number of items} for
        the items kept by the `chosen` options, which are every chosen option except the facet's own."""
        for facet in self:
            counts = counter(facet, self.chosen(except_param=facet.param))
            for option in facet.options:
                option.count = counts.get(option.key, 0)

    @property
    def active(self):
        """Chosen facets, each with `remove_query`: the query string of the same list without it."""
        facets = [facet for facet in self if facet.selected is not None]
        for facet in facets:
            params = self.params.copy()
            params.pop(facet.param, None)
            params.pop("page", None)
            facet.remove_query = f"?{params.urlencode()}"
        return facets

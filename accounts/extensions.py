"""Extension points for the apps built on accounts (workshops, stages, CV help…).

`accounts` must not import those apps (dependencies run one way: apps → accounts), so they plug into
« Mon espace » and into the rights over personal data through Wagtail hooks. One way for every app: the
functions live in the app's `dashboard.py` (`sections`, `personal_data`, `erase`) and its `wagtail_hooks.py`
registers them in one line, ``extensions.register(dashboard)``, on these hooks:

- ``accounts_dashboard_sections``: ``fn(request) -> iterable of DashboardSection``, called for a signed-in
  user only. Each section is rendered in « Mon espace » after the role sections, in `order`. A function
  returns only what concerns ``request.user`` (its own sign-ups, its classes' bookings, its children's
  requests…). Most sections are a sentence and links: the one template `LINKS_TEMPLATE` renders
  ``context={"text": …, "links": [(label, url), …]}``; a section with more to show brings its own.
- ``accounts_personal_data``: ``fn(user) -> dict`` of JSON-ready data about ``user`` held by the app,
  merged into the export (« Voir et télécharger mes données »). Keys are French, as in the export.
- ``accounts_erase_personal_data``: ``fn(user)``, called inside the erasure's transaction: remove or
  anonymise what the app holds about ``user``, keeping anonymous counts for the statistics.
- ``accounts_parcours_steps``: ``fn(user) -> ParcoursStep or None``, for a pupil: where they are in one part of
  the year's parcours (discovering métiers, the stage, the orientation), shown as the « Mon parcours »
  timeline at the top of their « Mon espace », in `order`, each with its status in words (a badge).
- ``accounts_consent_withdrawn``: ``fn(pupil, dry_run, by) -> list of Stopped``. What the app stops for
  ``pupil`` when consent is refused or withdrawn. With ``dry_run`` True it only lists (the confirmation
  page); with False it stops the same things (inside `accounts.consent.withdraw`'s transaction, the
  pupil's row locked) and returns what it stopped (the family's receipt, the teacher's and staff's
  e-mails). ``by`` is the person who withdrew (a parent, the pupil, staff), for the apps' histories.
  The same function serves both, so the page never promises more or less than what is done.
"""

from dataclasses import dataclass, field

from wagtail import hooks

DASHBOARD_SECTIONS = "accounts_dashboard_sections"
LINKS_TEMPLATE = "accounts/includes/section_links.html"
PERSONAL_DATA = "accounts_personal_data"
ERASE_PERSONAL_DATA = "accounts_erase_personal_data"
CONSENT_WITHDRAWN = "accounts_consent_withdrawn"
PARCOURS_STEPS = "accounts_parcours_steps"


@dataclass
class DashboardSection:
    """One block of « Mon espace »: a heading and the template that renders its content."""

    key: str
    title: str
    template: str = LINKS_TEMPLATE
    context: dict = field(default_factory=dict)
    order: int = 100


@dataclass
class ParcoursStep:
    """One step of a pupil's year in « Mon parcours »: its title, where the pupil is (`status`, words shown
    as a badge of `tone`: ok, wait, todo or no; templates/includes/badge.html) and what to do next."""

    order: int
    title: str
    status: str
    tone: str = "todo"
    link: tuple | None = None  # (label, url)


@dataclass
class Stopped:
    """One thing that stops when consent goes: `text` is a translatable sentence (lazy) with
    %(name)s placeholders filled from `params`, rendered in the language active where it is shown (the
    family's page and receipt, the teacher's French e-mail)."""

    app: str
    text: str
    params: dict = field(default_factory=dict)

    def __str__(self):
        return str(self.text) % self.params if self.params else str(self.text)


def consent_withdrawn(pupil, *, dry_run, by=None):
    """Every app's `Stopped` items for `pupil`, in hook order (see the module's docstring)."""
    return [item for fn in hooks.get_hooks(CONSENT_WITHDRAWN) for item in fn(pupil, dry_run, by) or ()]


def register(dashboard):
    """Plug an app's `dashboard` module into « Mon espace », the export and the erasure: whichever of
    `sections(request)`, `personal_data(user)` and `erase(user)` it defines. Called from the app's
    wagtail_hooks.py, so that Wagtail's start-up loads it as every other hook."""
    for hook_name, function_name in (
        (DASHBOARD_SECTIONS, "sections"),
        (PERSONAL_DATA, "personal_data"),
        (ERASE_PERSONAL_DATA, "erase"),
        (PARCOURS_STEPS, "parcours_step"),
    ):
        function = getattr(dashboard, function_name, None)
        if function is not None:
            hooks.register(hook_name, function)


def dashboard_sections(request):
    if not request.user.is_authenticated:
        return []
    sections = [section for fn in hooks.get_hooks(DASHBOARD_SECTIONS) for section in fn(request) or ()]
    return sorted(sections, key=lambda section: (section.order, section.key))


def parcours_steps(user):
    """The pupil's steps of the year, in order (see the module's docstring)."""
    steps = [step for fn in hooks.get_hooks(PARCOURS_STEPS) if (step := fn(user)) is not None]
    return sorted(steps, key=lambda step: step.order)


def personal_data(user):
    data = {}
    for fn in hooks.get_hooks(PERSONAL_DATA):
        data.update(fn(user) or {})
    return data


def erase_personal_data(user):
    for fn in hooks.get_hooks(ERASE_PERSONAL_DATA):
        fn(user)

"""The « parcours Découverte »: workshops, talks and job forums (event pages under the agenda), their
sessions, and pupils' sign-ups.

Seats are counted by the database, never in Python: `Session.seats_taken` is changed only by
`ateliers.booking` while the session row is locked (`select_for_update`), and two constraints hold even if
code forgets it: `seats_taken` never exceeds `capacity`, and a pupil has at most one active (confirmed or
waiting) sign-up per session.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import BaseTranslatableField

from accounts.models import School
from accounts.workflows import assign_staff_workflow
from home.fields import BodyStreamField
from home.models import BasePage


class Kind(models.TextChoices):
    WORKSHOP = "atelier", _("Atelier")
    TALK = "conference", _("Conférence")
    FORUM = "forum", _("Forum des métiers")


class Level(models.TextChoices):
    BOTH = "4e-3e", _("4e et 3e")
    QUATRIEME = "4e", _("4e")
    TROISIEME = "3e", _("3e")


class AgendaIndexPage(BasePage):
    """The agenda: upcoming sessions of every event below it, filterable, and an archive of past ones."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["ateliers.EventPage"]
    max_count_per_parent = 1
    # The menu's name for the agenda in a language it is not translated into (home.templatetags.navigation_tags).
    menu_label = _("Agenda du parcours Découverte")

    class Meta:
        verbose_name = _("agenda du parcours Découverte")
        verbose_name_plural = _("agendas du parcours Découverte")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        assign_staff_workflow(self)

    def get_context(self, request, *args, **kwargs):
        from ..agenda import agenda_context  # the agenda imports this module
        from ..seats import shows_agenda_seats

        shows_agenda_seats(request)  # before the seats are read (see ateliers.seats)
        context = super().get_context(request, *args, **kwargs)
        context.update(agenda_context(self, request))
        return context


def in_source_language(pages, translation_key):
    """`pages` narrowed to the translation in the source language (French) of the page `translation_key`."""
    return pages.filter(translation_key=translation_key, locale__language_code=settings.LANGUAGE_CODE)


class SessionsPanel(InlinePanel):
    """The sessions, on the French page. A translation has none of its own (it shows and books the French
    page's, see `EventPage.sessions_shown`): its form has no sessions and the panel says where to edit them."""

    def on_model_bound(self):
        super().on_model_bound()
        self.on_source_page = HelpPanel(
            heading=self.label, template="ateliers/admin/sessions_on_source_page.html"
        ).bind_to_model(self.model)

    def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
        if form is not None and self.relation_name not in form.formsets:
            return self.on_source_page.get_bound_panel(instance=instance, request=request, form=form, prefix=prefix)
        return super().get_bound_panel(instance=instance, request=request, form=form, prefix=prefix)


class EventPageForm(WagtailAdminPageForm):
    """The event's admin form; a translation's has no sessions (`SessionsPanel`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.has_own_sessions():
            del self.formsets["sessions"]


class EventPage(BasePage):
    """One workshop, talk or job forum, with the métiers it is about, who leads it and its sessions.

    Sessions, and so seats and sign-ups, belong to the French page (French is the source language): an
    English or Arabic translation shows and books the French page's sessions (`sessions_shown`), one set of
    seats whatever the language. Copying the page (for a translation, an alias or a new event) copies no
    session, and wagtail-localize leaves them alone (`override_translatable_fields`); sessions are edited on
    the French page only (`SessionsPanel`).
    """

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.WORKSHOP)
    level = models.CharField(_("niveau"), max_length=5, choices=Level.choices, default=Level.BOTH)
    school = models.ForeignKey(
        School,
        verbose_name=_("collège"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Laissez vide si l'événement est ouvert aux élèves de tous les collèges."),
    )
    body = BodyStreamField(verbose_name=_("description"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("kind"), FieldPanel("level")]), FieldPanel("school")],
            heading=_("Type et public"),
        ),
        FieldPanel("body"),
        InlinePanel("related_metiers", label=_("Métiers présentés"), max_num=8),
        InlinePanel("leaders", label=_("Animé par")),
        SessionsPanel(
            "sessions",
            label=_("Séances"),
            min_num=1,
            help_text=_("Les traductions de cette page montrent ces séances et partagent leurs places."),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body"), index.FilterField("kind")]
    base_form_class = EventPageForm
    # A copy (translation, alias, « Copier ») starts with no session: seats and sign-ups are the original's.
    exclude_fields_in_copy = ["sessions"]
    # Neither translated nor synchronised by wagtail-localize (a synchronised child relation is replaced at
    # each « Synchroniser », deleting the sign-ups of the replaced rows).
    override_translatable_fields = [BaseTranslatableField("sessions")]

    parent_page_types = ["ateliers.AgendaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("événement du parcours Découverte")
        verbose_name_plural = _("événements du parcours Découverte")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        assign_staff_workflow(self)

    def has_own_sessions(self):
        """Whether this page holds its sessions: the French page, or a page with no French translation."""
        return (
            self.pk is None
            or not in_source_language(EventPage.objects, self.translation_key).exclude(pk=self.pk).exists()
        )

    def french_page(self):
        """This event's page in French (the source language), or None."""
        return in_source_language(EventPage.objects, self.translation_key).first()

    def sessions_shown(self):
        """The sessions this page shows and books (one query, whatever its language): the French page's, or
        its own when it has no French translation (an event written first in another language)."""
        french = in_source_language(EventPage.objects, self.translation_key)
        return Session.objects.filter(page__translation_key=self.translation_key).filter(
            Q(page__locale__language_code=settings.LANGUAGE_CODE) | (Q(page=self) & ~Exists(french))
        )

    def get_metiers(self):
        from metiers.models import MetierPage

        ids = [link.metier_id for link in self.related_metiers.all()]
        by_id = {page.pk: page for page in MetierPage.objects.filter(pk__in=ids).live().public()}
        return [by_id[pk] for pk in ids if pk in by_id]

    def get_context(self, request, *args, **kwargs):
        from ..access import can_book_for_class, session_rows
        from ..seats import shows_event_seats

        shows_event_seats(request, self)  # before the seats are read (see ateliers.seats)
        context = super().get_context(request, *args, **kwargs)
        context["session_rows"] = session_rows(request.user, self)
        context["can_book_for_class"] = can_book_for_class(request.user)
        context["metiers"] = self.get_metiers()
        context["leaders"] = [leader for leader in self.leaders.select_related("user") if leader.user_id]
        return context


class EventMetier(Orderable):
    page = ParentalKey(EventPage, related_name="related_metiers", on_delete=models.CASCADE)
    metier = models.ForeignKey(
        "metiers.MetierPage", verbose_name=_("fiche métier"), on_delete=models.CASCADE, related_name="event_links"
    )

    panels = [PageChooserPanel("metier", page_type="metiers.MetierPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("métier présenté")
        verbose_name_plural = _("métiers présentés")


class EventLeader(Orderable):
    """A professional or volunteer who leads the event: shown by first name and job only."""

    page = ParentalKey(EventPage, related_name="leaders", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="led_events",
        # Role names (accounts.roles.Role): professionals, volunteers and staff lead; pupils never.
        limit_choices_to={"groups__name__in": ["Professionnel", "Bénévole", "Équipe"]},
    )
    job = models.CharField(_("métier"), max_length=120, help_text=_("Par exemple « infirmière »."))

    panels = [FieldPanel("user"), FieldPanel("job")]

    class Meta(Orderable.Meta):
        verbose_name = _("animateur ou animatrice")
        verbose_name_plural = _("animateurs")


class Session(Orderable):
    """One date of an event, with its place, its seats and its sign-up window."""

    class Place(models.TextChoices):
        SCHOOL = "school", _("Dans un collège")
        COMPANY = "company", _("Dans une entreprise")
        ONLINE = "online", _("En ligne")

    class Booking(models.TextChoices):
        SELF = "self", _("Les élèves s'inscrivent eux-mêmes")
        CLASS = "class", _("Réservation par classe (professeurs)")

    page = ParentalKey(EventPage, related_name="sessions", on_delete=models.CASCADE)
    starts_at = models.DateTimeField(_("début"), db_index=True)
    ends_at = models.DateTimeField(_("fin"))
    place_kind = models.CharField(_("lieu"), max_length=8, choices=Place.choices, default=Place.SCHOOL)
    place = models.CharField(_("adresse ou salle"), max_length=200, blank=True)
    online_link = models.URLField(
        _("lien de connexion"), blank=True, help_text=_("Montré seulement aux personnes inscrites.")
    )
    capacity = models.PositiveSmallIntegerField(_("places"), default=30)
    seats_taken = models.PositiveSmallIntegerField(_("places prises"), default=0, editable=False)
    signup_opens_at = models.DateTimeField(_("ouverture des inscriptions"), null=True, blank=True)
    signup_closes_at = models.DateTimeField(_("clôture des inscriptions"), null=True, blank=True)
    booking = models.CharField(_("inscriptions"), max_length=5, choices=Booking.choices, default=Booking.SELF)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True, editable=False)
    # An outside speaker (a workshop a teacher asked for) reads the pupils' names only on the day: the
    # attendance sheet, the check-in and « Mon espace » show them from the session's date, staff always.
    names_on_the_day_only = models.BooleanField(
        _("noms des élèves montrés aux animateurs le jour même seulement"), default=False
    )

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("place_kind"), FieldPanel("place")]),
        FieldPanel("online_link"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("booking")]),
        FieldRowPanel([FieldPanel("signup_opens_at"), FieldPanel("signup_closes_at")]),
        FieldPanel("names_on_the_day_only"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        constraints = [
            # The last line of defence against overbooking: the database refuses it whatever the code does.
            models.CheckConstraint(condition=Q(seats_taken__lte=models.F("capacity")), name="session_not_overbooked"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self):
        start = timezone.localtime(self.starts_at)
        return f"{self.page.title}, {start:%d/%m/%Y %H:%M}"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("La fin doit être après le début.")})
        if self.signup_closes_at and self.starts_at and self.signup_closes_at > self.starts_at:
            raise ValidationError({"signup_closes_at": _("Les inscriptions doivent se clore avant le début.")})
        if self.place_kind == self.Place.ONLINE and not self.online_link:
            raise ValidationError({"online_link": _("Donnez le lien de connexion d'une séance en ligne.")})
        taken = Session.objects.filter(pk=self.pk).values_list("seats_taken", flat=True).first() if self.pk else 0
        if self.capacity is not None and taken and self.capacity < taken:
            raise ValidationError(
                {
                    "capacity": ngettext(
                        "%(n)s place est déjà prise : gardez-en au moins autant.",
                        "%(n)s places sont déjà prises : gardez-en au moins autant.",
                        taken,
                    )
                    % {"n": taken}
                }
            )

    def save(self, *args, **kwargs):
        """Saving with the event page (publishing a revision, which holds a copy of every session) must not
        bring back an old seat count or undo a cancellation: those two fields keep the database's values,
        read under the same row lock that sign-ups take."""
        if self.pk is None:
            # A new row has no sign-ups yet, whatever it was made from (a copied page's revision, say).
            self.seats_taken = 0
            return super().save(*args, **kwargs)
        if kwargs.get("update_fields") is not None:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            row = Session.objects.select_for_update().filter(pk=self.pk).values("seats_taken", "cancelled_at").first()
            # A session brought back by an old revision has lost its sign-ups with it.
            self.seats_taken, self.cancelled_at = (row["seats_taken"], row["cancelled_at"]) if row else (0, None)
            return super().save(*args, **kwargs)

    @property
    def seats_left(self):
        return max(0, self.capacity - self.seats_taken)

    @property
    def is_past(self):
        return self.ends_at <= timezone.now()

    def is_open_for_self_signup(self, now=None):
        """Whether pupils may sign up or cancel themselves now (staff are not bound by the window)."""
        now = now or timezone.now()
        return (
            self.booking == self.Booking.SELF
            and self.cancelled_at is None
            and self.starts_at > now
            and (self.signup_opens_at is None or self.signup_opens_at <= now)
            and (self.signup_closes_at is None or now < self.signup_closes_at)
        )

    def place_label(self):
        if self.place_kind == self.Place.ONLINE:
            return _("En ligne")
        return self.place or self.get_place_kind_display()

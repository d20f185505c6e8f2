"""Factories for the parcours Découverte: agenda, events, sessions and sign-ups (the pupil who may take part
is `accounts.factories.ConsentedPupilFactory`)."""

import datetime

from django.utils import timezone

import factory
import wagtail_factories

from accounts.factories import ConsentedPupilFactory

from .models import AgendaIndexPage, EventPage, Kind, Level, Session, SignUp


class AgendaIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda du parcours Découverte"
    slug = "agenda"
    introduction = "Ateliers, conférences et forums des métiers pour les élèves de 4e et de 3e."

    class Meta:
        model = AgendaIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Atelier découverte {n}")
    introduction = "Rencontre des professionnels et essaie leurs gestes."
    kind = Kind.WORKSHOP
    level = Level.BOTH

    class Meta:
        model = EventPage


class SessionFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(EventPageFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    place_kind = Session.Place.COMPANY
    place = "Maison des métiers, Saint-Denis"
    capacity = 30
    booking = Session.Booking.SELF

    class Meta:
        model = Session


class SignUpFactory(factory.django.DjangoModelFactory):
    session = factory.SubFactory(SessionFactory)
    pupil = factory.SubFactory(ConsentedPupilFactory)
    status = SignUp.Status.CONFIRMED

    class Meta:
        model = SignUp

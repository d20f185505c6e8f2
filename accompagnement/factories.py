"""Factories for the CV help: volunteers with their safeguarding dates, documents, versions, assignments,
comments (tests, benchmarks, demo)."""

import datetime

from django.utils import timezone

import factory

from accounts.factories import UserFactory, role_group
from accounts.roles import Role

from .models import Assignment, Comment, Document, Version, VolunteerProfile


class VolunteerFactory(UserFactory):
    """A volunteer who may be assigned: charter signed and attestation checked a month ago."""

    role = role_group(Role.VOLUNTEER)

    @factory.post_generation
    def profile(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            month_ago = timezone.localdate() - datetime.timedelta(days=30)
            defaults = {"charter_signed_on": month_ago, "attestation_checked_on": month_ago, **kwargs}
            VolunteerProfile.objects.update_or_create(user=obj, defaults=defaults)


class VolunteerProfileFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory, role=Role.VOLUNTEER)
    charter_signed_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    attestation_checked_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))

    class Meta:
        model = VolunteerProfile


CV_TEXT = {
    "name": "Lina Benali",
    "school": "3e B – Collège Jean-Moulin",
    "interests": "Je joue au basket le mercredi. Je garde mes petits cousins.",
    "qualities": "Patiente : j'aide mon petit frère à faire ses devoirs.",
    "languages": "Français, arabe, anglais.",
    "discover": "Comment on soigne les animaux.",
}


class DocumentFactory(factory.django.DjangoModelFactory):
    pupil = factory.SubFactory("accounts.factories.ConsentedPupilFactory")
    kind = "cv"
    sections = factory.LazyFunction(lambda: dict(CV_TEXT))

    class Meta:
        model = Document


class VersionFactory(factory.django.DjangoModelFactory):
    document = factory.SubFactory(DocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    sections = factory.LazyAttribute(lambda o: dict(o.document.sections))

    class Meta:
        model = Version


class AssignmentFactory(factory.django.DjangoModelFactory):
    document = factory.SubFactory(DocumentFactory)
    volunteer = factory.SubFactory(VolunteerFactory)
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))

    class Meta:
        model = Assignment


class CommentFactory(factory.django.DjangoModelFactory):
    version = factory.SubFactory(VersionFactory)
    author = factory.SubFactory(VolunteerFactory)
    section = "qualities"
    body = "Bel exemple ! Tu pourrais en ajouter un deuxième."

    class Meta:
        model = Comment

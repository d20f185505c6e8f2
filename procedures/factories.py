"""Factories for the procedures section's pages and attachments, used by tests and benchmarks."""

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import factory
import wagtail_factories

from accounts.factories import StaffFactory

from .access import private_collection
from .models import ProcedureAttachment, ProcedurePage, ProceduresIndexPage, ProcedureStep


class ProceduresIndexPageFactory(wagtail_factories.PageFactory):
    title = "Procédures internes"
    slug = "procedures"
    introduction = "Les règles et les façons de faire de l'association."

    class Meta:
        model = ProceduresIndexPage


class ProcedurePageFactory(wagtail_factories.PageFactory):
    """`ProcedurePageFactory(parent=index, audience=[Role.VOLUNTEER])` writes a procedure for volunteers."""

    title = factory.Sequence(lambda n: f"Procédure {n}")
    introduction = "Ce qu'il faut faire, dans l'ordre."
    procedure_owner = factory.SubFactory(StaffFactory)

    class Meta:
        model = ProcedurePage
        skip_postgeneration_save = True

    @factory.post_generation
    def audience(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.audience_groups.set(Group.objects.filter(name__in=extracted))
            obj.save()  # Commits the groups and rewrites the page's view restriction.


class ProcedureStepFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ProcedurePageFactory)
    title = factory.Sequence(lambda n: f"Étape {n}")
    responsible_role = "Bénévole"
    description = "<p>Faites-le avant le jour J.</p>"

    class Meta:
        model = ProcedureStep


class PrivateDocumentFactory(factory.django.DjangoModelFactory):
    """A text document in the private « Procédures internes » collection."""

    title = factory.Sequence(lambda n: f"Convention vierge {n}")
    file = factory.LazyAttribute(
        lambda obj: ContentFile(b"Convention de stage d'observation - modele vierge\n", name="convention.txt")
    )
    collection = factory.LazyFunction(private_collection)

    class Meta:
        model = get_document_model()


class ProcedureAttachmentFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ProcedurePageFactory)
    document = factory.SubFactory(PrivateDocumentFactory)

    class Meta:
        model = ProcedureAttachment

"""Factories for the métiers app: pages, classifications and appellations (tests and benchmarks)."""

import factory
import wagtail_factories

from .models import (
    AccessLevel,
    Appellation,
    CentreInteret,
    DomaineProfessionnel,
    GrandDomaine,
    MetierPage,
    MetierRelation,
    MetiersIndexPage,
    Secteur,
)


class GrandDomaineFactory(factory.django.DjangoModelFactory):
    code = factory.Iterator("ABCDEFGHIJKLMN")
    name = factory.Sequence(lambda n: f"Grand domaine {n}")
    source_name = factory.SelfAttribute("name")

    class Meta:
        model = GrandDomaine
        django_get_or_create = ["code"]


class DomaineProfessionnelFactory(factory.django.DjangoModelFactory):
    grand_domaine = factory.SubFactory(GrandDomaineFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.grand_domaine.code}{n % 90 + 10}")
    name = factory.Sequence(lambda n: f"Domaine professionnel {n}")
    source_name = factory.SelfAttribute("name")

    class Meta:
        model = DomaineProfessionnel
        django_get_or_create = ["code"]


class SecteurFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: str(1000 + n))
    name = factory.Sequence(lambda n: f"Secteur {n}")
    source_name = factory.SelfAttribute("name")

    class Meta:
        model = Secteur


class CentreInteretFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"J'aime les défis {n}")
    slug = factory.Sequence(lambda n: f"j-aime-les-defis-{n}")
    source_name = factory.SelfAttribute("name")

    class Meta:
        model = CentreInteret


class MetiersIndexPageFactory(wagtail_factories.PageFactory):
    title = "Fiches métiers"
    slug = "metiers"
    introduction = "Découvre des centaines de métiers, classés selon ce qui te plaît."

    class Meta:
        model = MetiersIndexPage


class MetierPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Boulanger {n} / Boulangère {n}")
    slug = factory.Sequence(lambda n: f"boulanger-{n}")
    rome_code = factory.Sequence(lambda n: f"D{1000 + n % 9000:04d}")
    title_masculine = "Boulanger"
    title_feminine = "Boulangère"
    alternative_names = "Mitron\nOuvrier boulanger / Ouvrière boulangère"
    introduction = "Baguettes, croissants, brioches : le boulanger fabrique et vend le pain du quartier."
    tasks = "<ul><li>Prépare la pâte</li><li>Surveille la cuisson</li></ul>"
    access_level = AccessLevel.CAP
    grand_domaine = factory.SubFactory(GrandDomaineFactory, code="D")

    class Meta:
        model = MetierPage
        skip_postgeneration_save = True

    @factory.post_generation
    def interests(obj, create, extracted, **kwargs):
        """`MetierPageFactory(interests=[tag, …])` tags the sheet with centres d'intérêt."""
        if create and extracted:
            obj.centres_interet.add(*extracted)
            obj.save()

    @factory.post_generation
    def sectors_list(obj, create, extracted, **kwargs):
        """`MetierPageFactory(sectors_list=[sector, …])` files the sheet under sectors."""
        if create and extracted:
            obj.sectors.set(extracted)
            obj.save()


class MetierRelationFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(MetierPageFactory)
    target = factory.SubFactory(MetierPageFactory)

    class Meta:
        model = MetierRelation


class AppellationFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(MetierPageFactory)
    code_ogr = factory.Sequence(lambda n: 900000 + n)
    fiche_code = factory.SelfAttribute("page.rome_code")
    label = factory.Sequence(lambda n: f"Appellation {n}")

    class Meta:
        model = Appellation

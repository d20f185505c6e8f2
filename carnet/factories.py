import factory

from accounts.factories import ConsentedPupilFactory

from .models import InterestMark, Notebook, ParentComment, Path, Question, Wish


class NotebookFactory(factory.django.DjangoModelFactory):
    pupil = factory.SubFactory(ConsentedPupilFactory)

    class Meta:
        model = Notebook


class InterestMarkFactory(factory.django.DjangoModelFactory):
    """Needs `sheet=` (a published MetierPage)."""

    pupil = factory.SubFactory(ConsentedPupilFactory)

    class Meta:
        model = InterestMark


class WishFactory(factory.django.DjangoModelFactory):
    pupil = factory.SubFactory(ConsentedPupilFactory)
    rank = 1
    path = Path.GENERAL

    class Meta:
        model = Wish


class QuestionFactory(factory.django.DjangoModelFactory):
    pupil = factory.SubFactory(ConsentedPupilFactory)
    text = "Est-ce qu'on peut faire un CAP après une seconde générale ?"

    class Meta:
        model = Question


class ParentCommentFactory(factory.django.DjangoModelFactory):
    pupil = factory.SubFactory(ConsentedPupilFactory)
    text = "Nous en parlerons ce week-end, bravo pour ton stage."

    class Meta:
        model = ParentComment

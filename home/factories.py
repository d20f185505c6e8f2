"""Factories for the home app's pages, used by tests and benchmarks."""

import wagtail_factories

from .models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Accueil"
    hero_title = "Découvre des métiers, trouve ton stage"
    hero_text = "Un stage et après accompagne les élèves de 4e et de 3e."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "Mentions légales"
    introduction = "Les informations légales du portail."

    class Meta:
        model = StandardPage

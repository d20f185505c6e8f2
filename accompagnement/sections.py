"""The sections of a CV and of a cover letter: one guided step each, with a help text and an example
written for a 13-year-old. The texts are stored by section key (`Document.sections`); the keys are the
anchors of the volunteers' comments, so they never change once used."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    label: str
    help: str
    example: str
    max_length: int = 600
    rows: int = 4
    required: bool = False


CV_SECTIONS = [
    Section(
        "name",
        _("Qui je suis"),
        _("Ton prénom et ton nom"),
        _("Seulement ton prénom et ton nom : pas de photo, pas d'adresse, pas de téléphone."),
        _("Inès Diallo"),
        max_length=80,
        rows=1,
        required=True,
    ),
    Section(
        "school",
        _("Mon collège et ma classe"),
        _("Ton collège et ta classe"),
        _("Tu peux ajouter une option ou un rôle au collège (délégué, club, chorale…)."),
        _("Élève de 3e au collège Jean-Moulin, déléguée de classe."),
        max_length=200,
        rows=2,
        required=True,
    ),
    Section(
        "interests",
        _("Ce que j'aime et ce que je fais"),
        _("Ce que tu aimes et ce que tu fais en dehors des cours"),
        _("Un sport, un club, aider ta famille, dessiner, cuisiner… Tout compte."),
        _("Je joue au basket le mercredi. Je garde souvent mes petits cousins."),
    ),
    Section(
        "qualities",
        _("Mes qualités"),
        _("Tes qualités, chacune avec un exemple"),
        _("Une qualité, puis un exemple qui la montre : c'est plus convaincant."),
        _("Patiente : j'aide mon petit frère à faire ses devoirs tous les soirs."),
    ),
    Section(
        "languages",
        _("Les langues"),
        _("Les langues que tu parles ou apprends"),
        _("Au collège ou à la maison : les deux comptent."),
        _("Français, arabe (à la maison), anglais (au collège)."),
        max_length=200,
        rows=2,
    ),
    Section(
        "discover",
        _("Ce que j'aimerais découvrir"),
        _("Ce que tu aimerais découvrir pendant ton stage"),
        _("Un métier, une façon de travailler, une question que tu te poses."),
        _("Comment on soigne les animaux, et comment se passe une journée dans une clinique."),
    ),
]

LETTER_SECTIONS = [
    Section(
        "recipient",
        _("À qui j'écris"),
        _("Le lieu où tu demandes ton stage"),
        _("Le nom de l'entreprise, du service ou de la personne."),
        _("Boulangerie du Marché, Saint-Denis"),
        max_length=200,
        rows=1,
        required=True,
    ),
    Section(
        "why_metier",
        _("Pourquoi ce métier"),
        _("Pourquoi ce métier t'intéresse"),
        _("Ce qui t'a donné envie : quelqu'un que tu connais, une vidéo, une visite…"),
        _("J'aime faire le pain avec ma grand-mère le dimanche et je voudrais voir comment on le fait en vrai."),
    ),
    Section(
        "why_place",
        _("Pourquoi ce lieu"),
        _("Pourquoi ce lieu en particulier"),
        _("Ce que tu sais de ce lieu, ou ce qui te plaît en lui."),
        _("Votre boulangerie est près de mon collège et j'y achète souvent mon pain."),
    ),
    Section(
        "bring",
        _("Ce que je peux apporter"),
        _("Ce que tu peux apporter"),
        _("Tes qualités utiles pour ce stage, avec un exemple."),
        _("Je suis ponctuelle et curieuse : je pose beaucoup de questions."),
    ),
    Section(
        "availability",
        _("Mes disponibilités"),
        _("Ta semaine de stage"),
        _("Les dates de ta semaine de stage, données par ton collège."),
        _("Du lundi 7 au vendredi 11 décembre."),
        max_length=200,
        rows=2,
    ),
]

SECTIONS = {"cv": CV_SECTIONS, "lettre": LETTER_SECTIONS}


def sections_for(kind):
    return SECTIONS[kind]


def section(kind, key):
    """The section `key` of a document kind, or None for an unknown key."""
    return next((s for s in SECTIONS[kind] if s.key == key), None)

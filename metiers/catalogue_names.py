"""The catalogue's names that the interface shows as choices (the 14 ROME grands domaines, the 42 Onisep
centres d'intérêt), marked for translation: they are data imported in French, but in the request form under
/en/ or /ar/ a pupil reads them as the form's own words. `makemessages` finds them here (pgettext_lazy with
a literal context, the same as DOMAIN_CONTEXT and INTEREST_CONTEXT, so that a name never shares a
translation with an interface string); a name the importer brings later and is not listed stays in French."""

from django.utils.translation import pgettext, pgettext_lazy

DOMAIN_CONTEXT = "grand domaine"
INTEREST_CONTEXT = "centre d'intérêt"


DOMAIN_NAMES = [
    pgettext_lazy("grand domaine", "Agriculture et Pêche, Espaces naturels et Espaces verts, Soins aux animaux"),
    pgettext_lazy("grand domaine", "Arts et Façonnage d'ouvrages d'art"),
    pgettext_lazy("grand domaine", "Banque, Assurance, Immobilier"),
    pgettext_lazy("grand domaine", "Commerce, Vente et Grande distribution"),
    pgettext_lazy("grand domaine", "Communication, Média et Multimédia"),
    pgettext_lazy("grand domaine", "Construction, Bâtiment et Travaux publics"),
    pgettext_lazy("grand domaine", "Hôtellerie-Restauration, Tourisme, Loisirs et Animation"),
    pgettext_lazy("grand domaine", "Industrie"),
    pgettext_lazy("grand domaine", "Installation et Maintenance"),
    pgettext_lazy("grand domaine", "Santé"),
    pgettext_lazy("grand domaine", "Services à la personne et à la collectivité"),
    pgettext_lazy("grand domaine", "Spectacle"),
    pgettext_lazy("grand domaine", "Support à l'entreprise"),
    pgettext_lazy("grand domaine", "Transport et Logistique"),
]
INTEREST_NAMES = [
    pgettext_lazy("centre d'intérêt", "Enquêter, analyser l'information, je veux en faire mon travail"),
    pgettext_lazy("centre d'intérêt", "J'ai envie de créer, construire, rénover"),
    pgettext_lazy("centre d'intérêt", "J'ai l'âme d'un chef / d'une cheffe"),
    pgettext_lazy("centre d'intérêt", "J'ai le sens des affaires"),
    pgettext_lazy("centre d'intérêt", "J'ai le sens du contact"),
    pgettext_lazy("centre d'intérêt", "J'ai le sens du service public"),
    pgettext_lazy("centre d'intérêt", "J'ai le souci du détail"),
    pgettext_lazy("centre d'intérêt", "J'ai un bon coup de crayon"),
    pgettext_lazy("centre d'intérêt", "J'aime bien faire des expériences"),
    pgettext_lazy("centre d'intérêt", "J'aime communiquer, convaincre"),
    pgettext_lazy("centre d'intérêt", "J'aime faire des découvertes"),
    pgettext_lazy("centre d'intérêt", "J'aime faire respecter la loi, les règles"),
    pgettext_lazy("centre d'intérêt", "J'aime jouer avec les mots"),
    pgettext_lazy("centre d'intérêt", "J'aime l'activité physique"),
    pgettext_lazy("centre d'intérêt", "J'aime le travail manuel"),
    pgettext_lazy("centre d'intérêt", "J'aime les langues"),
    pgettext_lazy("centre d'intérêt", "J'aime m'occuper des animaux"),
    pgettext_lazy("centre d'intérêt", "J'aime manier les chiffres"),
    pgettext_lazy("centre d'intérêt", "J'aime me déplacer et voyager"),
    pgettext_lazy("centre d'intérêt", "J'aime organiser, planifier"),
    pgettext_lazy("centre d'intérêt", "J'aime piloter, conduire"),
    pgettext_lazy("centre d'intérêt", "J'aime être au contact de la nature"),
    pgettext_lazy("centre d'intérêt", "J'aime être aux commandes"),
    pgettext_lazy("centre d'intérêt", "J'aimerais travailler dehors"),
    pgettext_lazy("centre d'intérêt", "Je rêve de travailler à l'étranger"),
    pgettext_lazy("centre d'intérêt", "Je souhaite contribuer à la protection de l'environnement"),
    pgettext_lazy("centre d'intérêt", "Je souhaite m'occuper d'enfants"),
    pgettext_lazy("centre d'intérêt", "Je souhaite prendre soin des autres"),
    pgettext_lazy("centre d'intérêt", "Je souhaite protéger et secourir"),
    pgettext_lazy("centre d'intérêt", "Je souhaite transmettre"),
    pgettext_lazy("centre d'intérêt", "Je suis accro au numérique"),
    pgettext_lazy("centre d'intérêt", "Je suis amateur / amatrice de sensations fortes"),
    pgettext_lazy("centre d'intérêt", "Je suis attiré / attirée par l'envers du décor"),
    pgettext_lazy("centre d'intérêt", "Je suis passionné / passionnée par la cuisine"),
    pgettext_lazy("centre d'intérêt", "Je suis passionné / passionnée par les autres cultures"),
    pgettext_lazy("centre d'intérêt", "Je suis passionné / passionnée par les nouvelles technologies"),
    pgettext_lazy("centre d'intérêt", "Je suis un / une artiste"),
    pgettext_lazy("centre d'intérêt", "Je veux travailler dans le commerce"),
    pgettext_lazy("centre d'intérêt", "Je veux être utile aux autres"),
    pgettext_lazy("centre d'intérêt", "Le sport est ma passion"),
    pgettext_lazy("centre d'intérêt", "Ma vocation est de soigner"),
    pgettext_lazy("centre d'intérêt", "Réparer, bricoler, j'adore ça"),
]


def domain_name(name):
    """A grand domaine's name in the active language."""
    return pgettext(DOMAIN_CONTEXT, name) if name else name


def interest_name(name):
    """A centre d'intérêt's name in the active language."""
    return pgettext(INTEREST_CONTEXT, name) if name else name

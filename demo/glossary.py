"""Demo glossary: the hard words found in the sheets and articles, explained for a 13-year-old.
Idempotent: words are found by name and their definitions updated."""

from home.models import GlossaryTerm

TERMS = [
    (
        "palliatif",
        "palliatifs\npalliative\npalliatives",
        "Des soins pour soulager une personne très malade qu'on ne peut plus guérir.",
    ),
    ("traçabilité", "", "Pouvoir retrouver d'où vient un produit et tout ce qui lui est arrivé."),
    ("pluridisciplinaire", "pluridisciplinaires", "Où travaillent ensemble des personnes de plusieurs métiers."),
    ("astreinte", "astreintes", "Rester joignable pour venir travailler si on t'appelle, même la nuit ou le week-end."),
    (
        "AFGSU",
        "",
        "Attestation de formation aux gestes et soins d'urgence : un diplôme de premiers secours des soignants.",
    ),
    ("Ifsi", "IFSI", "Institut de formation en soins infirmiers : l'école où l'on devient infirmier ou infirmière."),
    (
        "QHSSE",
        "QHSE",
        "Qualité, hygiène, santé, sécurité, environnement : les règles pour travailler bien et sans danger.",
    ),
    (
        "RIASEC",
        "",
        "Six familles de goûts (réaliste, investigateur, artiste, social, entreprenant, conventionnel) pour trouver des métiers qui te ressemblent.",
    ),
    (
        "code ROME",
        "codes ROME",
        "Le numéro que France Travail donne à chaque famille de métiers, par exemple D1102 pour boulanger.",
    ),
    (
        "convention",
        "convention de stage",
        "Le contrat du stage, signé par le collège, le lieu de stage, tes parents et toi.",
    ),
    ("alternance", "", "Apprendre un métier en passant du temps à l'école et du temps en entreprise."),
]


def load(command, home):
    for term, variants, definition in TERMS:
        GlossaryTerm.objects.update_or_create(term=term, defaults={"variants": variants, "definition": definition})
    command.stdout.write(f"Lexique : {len(TERMS)} mots.")

"""The contact-detail filter: phone numbers in French formats, e-mail addresses, social-media handles,
links and street addresses are caught; the ordinary sentences a volunteer writes to a pupil, and those a
pupil writes in a CV, pass."""

from django.urls import reverse

import pytest

from accompagnement.factories import AssignmentFactory, VersionFactory
from accompagnement.models import CommentStatus
from safeguarding.detect import ADDRESS, EMAIL, HANDLE, LINK, PHONE, find_contact_details, mask


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Appelle-moi au 06 12 34 56 78 ce soir.", PHONE),
        ("Mon numéro : 0612345678", PHONE),
        ("06.12.34.56.78", PHONE),
        ("06-12-34-56-78", PHONE),
        ("+33 6 12 34 56 78", PHONE),
        ("+33612345678", PHONE),
        ("0033 6 12 34 56 78", PHONE),
        ("Au bureau : 01 45 67 89 10", PHONE),
        ("(0)7 81 23 45 67", PHONE),
        ("0 6 1 2 3 4 5 6 7 8", PHONE),
        ("Écris-moi à claire.durand@gmail.com", EMAIL),
        ("claire arobase gmail point com", EMAIL),
        ("claire [at] gmail.com", EMAIL),
        # E-mail addresses in disguise (QA).
        ("ines [at] gmail [dot] com", EMAIL),
        ("ines (at) gmail (dot) com", EMAIL),
        ("ines {at} hotmail.fr", EMAIL),
        ("Mon mail : ines at gmail", EMAIL),
        ("ines at yahoo dot fr", EMAIL),
        ("ines arobase orange", EMAIL),
        ("ines arrobase free point fr", EMAIL),
        ("ines @ gmail.com", EMAIL),
        ("ines @ gmail . com", EMAIL),
        ("ines (@) outlook (point) fr", EMAIL),
        ("ines.dz @ monsite point fr", EMAIL),
        ("C'est ines sur gmail point com", EMAIL),
        ("c'est ines, gmail . com", EMAIL),
        # Phone numbers spelt in words (QA).
        ("zéro six douze trente-quatre cinquante-six soixante-dix-huit", PHONE),
        ("Appelle le zero 6 12 34 56 78", PHONE),
        ("06 douze 34 cinquante-six 78", PHONE),
        ("Zéro sept, quatre-vingt-un, vingt et un, quatre-vingt-dix-sept, onze", PHONE),
        ("zéro-un-quarante-cinq-soixante-sept-quatre-vingt-neuf-dix", PHONE),
        ("ZERO SIX DOUZE TRENTE QUATRE CINQUANTE SIX", PHONE),
        ("Mon insta : @claire_d93", HANDLE),
        ("Ajoute-moi sur Snap, c'est plus simple.", HANDLE),
        ("On peut continuer sur WhatsApp.", HANDLE),
        ("Regarde https://exemple.org/mon-cv", LINK),
        ("Va sur www.monsite.com", LINK),
        ("Mon blog : claire-conseils.fr", LINK),
        ("bit.ly/3xYzAb", LINK),
        ("snap: lina_93", HANDLE),
        ("Mon pseudo sur Discord : lina93", HANDLE),
        ("J'habite 12 rue de la Paix.", ADDRESS),
        ("12, rue de la Paix", ADDRESS),
        ("3 bis avenue Jean-Jaurès", ADDRESS),
        ("Au 5 bd Carnot", ADDRESS),
        ("18 boulevard Anatole-France", ADDRESS),
        ("7 allée des Tilleuls", ADDRESS),
        ("2 impasse du Moulin", ADDRESS),
        ("J'habite rue Gabriel-Péri.", ADDRESS),
        ("93200 Saint-Denis", ADDRESS),
        ("75019 Paris", ADDRESS),
        ("93150 Le Blanc-Mesnil", ADDRESS),
    ],
)
def test_contact_details_are_caught(text, kind):
    assert kind in find_contact_details(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bravo, ta phrase est claire et donne envie de te rencontrer.",
        "En 2025-2026 tu es en 3e : dis-le dès la première ligne.",
        "Ton stage est du 07/12/2026 au 11/12/2026, de 8 h 30 à 16 h.",
        "Tu as 14 ans : pas besoin de l'écrire sur le CV.",
        "Remplace « etc. » par un vrai exemple.",
        "Tu cites 3 qualités, garde les 2 meilleures.",
        "Le score était de 12 à 10, raconte ce match !",
        "Ton collège est à Saint-Denis (93200), c'est proche de la boulangerie.",
        "Que fais-tu le mercredi ? Du sport ? Du dessin ?",
        "Très bien.Je propose de couper cette phrase en deux.",
        "Tu peux écrire : je suis à l'aise à l'oral.",
        "Page 2, ligne 3 : une faute d'accord.",
        "Tu peux parler de ton club de foot, du PSG ou de l'équipe de ton quartier.",
        "Signale-moi si une suggestion ne te plaît pas : tu gardes toujours tes mots.",
        # What a pupil writes in a CV or a letter.
        "Élève de 3e B au collège Louise-Michel, déléguée de classe.",
        "J'ai 15 ans et je suis en 4e A.",
        "Je voudrais faire un stage de 5 jours dans une boulangerie.",
        "Du lundi 7 au vendredi 11 décembre 2026, de 8 h 30 à 16 h 30.",
        "Rendez-vous à 8 h 30 place de la Mairie pour le cross.",
        "Le 14 juillet 2025, j'ai aidé à la fête du quartier.",
        "En 2025-2026, je fais partie du club théâtre (2 heures par semaine).",
        "J'ai fini à la 1re place du cross et j'ai gagné 2 places de cinéma.",
        "Je suis allée 3 fois au musée et j'ai 3 cours de sport par semaine.",
        "Il y a 12000 habitants dans mon village et 10 rues.",
        "En 2026 Paris accueille beaucoup de touristes.",
        "Je fais des montages vidéo et je dessine des mangas.",
        "J'aime le 14h30-16h30 du mercredi : c'est l'heure du basket.",
        # Near the disguises of an e-mail address or a phone number, but ordinary (QA).
        "Je suis bon at maths et en anglais.",
        "Rendez-vous à 8 h 30 devant le gymnase.",
        "De mon point de vue, ce stage m'a beaucoup appris.",
        "Nous avons un point commun : le foot.",
        "Mon point fort : je suis ponctuelle, et à l'heure.",
        "On se retrouve @ la cantine.",
        "J'ai quinze ans et je suis en quatrième.",
        "Un stage de trois semaines, le vingt-deux mars deux mille vingt-six.",
        "J'ai zéro absence, deux frères et trois sœurs.",
        "Mon stage dure du 07 12 2026 au 11 12 2026.",
        "Zéro six fois sur dix, je gagne.",
        "Je regarde le concert en live. Me voici devant la scène.",
        "J'ai un forfait chez Free. Ca marche bien.",
        "Mon vélo est neuf. Frédéric l'a réparé.",
        "Zéro six douze trente : six chiffres ne font pas un numéro.",
    ],
)
def test_ordinary_sentences_pass(text):
    assert find_contact_details(text) == set()


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Mon insta @inesdz le soir.", "Mon [coordonnées masquées] le soir."),
        ("insta : @inesdz", "[coordonnées masquées]"),
        ("Écris à ines [at] gmail [dot] com stp", "Écris à [coordonnées masquées] stp"),
        ("snap lina_93 @lina_93", "[coordonnées masquées]"),
        (
            "zéro six douze trente-quatre cinquante-six soixante-dix-huit ou @lina",
            "[coordonnées masquées] ou [coordonnées masquées]",
        ),
        ("06 12 34 56 78, lina@gmail.com", "[coordonnées masquées], [coordonnées masquées]"),
    ],
)
def test_adjacent_pieces_are_one_mask(text, masked):
    assert mask(text) == masked


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("Écris-moi : claire [at] gmail [dot] com", "une adresse e-mail"),
        ("Mon numéro : zéro six douze trente-quatre cinquante-six soixante-dix-huit", "un numéro de téléphone"),
    ],
)
def test_a_volunteers_comment_with_disguised_contact_details_is_held(client, body, reason):
    made = AssignmentFactory()
    version = VersionFactory(document=made.document, number=1)
    client.force_login(made.volunteer)
    data = {"section": "qualities", "quote": "", "body": body, "suggestion": ""}
    client.post(reverse("accompagnement:comment", args=[version.pk]), data)
    comment = version.comments.get()
    assert comment.status == CommentStatus.HELD and reason in comment.held_reason

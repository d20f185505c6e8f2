"""A pictogram per ROME grand domaine and per centre d'intérêt, from Lucide (ISC licence; the `lucide` package on PyPI ships the SVG
files, rendered inline by the portal: no CDN, no extra request). Decorative: the domain's name is always
written next to it, so the drawing is hidden from screen readers."""

from django import template

from lucide.templatetags.lucide import lucide

register = template.Library()

# ROME grand domaine code → Lucide icon name (https://lucide.dev/icons/, names kept by the package).
DOMAIN_ICONS = {
    "A": "sprout",  # Agriculture, pêche, espaces verts, soins aux animaux
    "B": "palette",  # Arts et façonnage d'ouvrages d'art
    "C": "landmark",  # Banque, assurance, immobilier
    "D": "shopping-cart",  # Commerce, vente
    "E": "newspaper",  # Communication, média
    "F": "hard-hat",  # Construction, BTP
    "G": "chef-hat",  # Hôtellerie-restauration, tourisme, loisirs
    "H": "factory",  # Industrie
    "I": "wrench",  # Installation et maintenance
    "J": "stethoscope",  # Santé
    "K": "heart-handshake",  # Services à la personne et à la collectivité
    "L": "drama",  # Spectacle
    "M": "briefcase-business",  # Support à l'entreprise
    "N": "truck",  # Transport et logistique
}
FALLBACK = "compass"

# Centre d'intérêt slug → Lucide icon name: a drawing that says the wish at a glance, next to its words.
INTEREST_ICONS = {
    "enqueter-analyser-linformation-je-veux-en-faire-mon-travail": "scan-search",
    "jai-envie-de-creer-construire-renover": "hammer",
    "jai-lame-dun-chef-dune-cheffe": "crown",
    "jai-le-sens-des-affaires": "badge-euro",
    "jai-le-sens-du-contact": "handshake",
    "jai-le-sens-du-service-public": "landmark",
    "jai-le-souci-du-detail": "search",
    "jai-un-bon-coup-de-crayon": "pencil",
    "jaime-bien-faire-des-experiences": "flask-conical",
    "jaime-communiquer-convaincre": "megaphone",
    "jaime-faire-des-decouvertes": "telescope",
    "jaime-faire-respecter-la-loi-les-regles": "scale",
    "jaime-jouer-avec-les-mots": "feather",
    "jaime-lactivite-physique": "bike",
    "jaime-le-travail-manuel": "hand",
    "jaime-les-langues": "languages",
    "jaime-moccuper-des-animaux": "paw-print",
    "jaime-manier-les-chiffres": "calculator",
    "jaime-me-deplacer-et-voyager": "plane",
    "jaime-organiser-planifier": "calendar-check",
    "jaime-piloter-conduire": "car",
    "jaime-etre-au-contact-de-la-nature": "trees",
    "jaime-etre-aux-commandes": "gamepad-2",
    "jaimerais-travailler-dehors": "sun",
    "je-reve-de-travailler-a-letranger": "globe",
    "je-souhaite-contribuer-a-la-protection-de-lenvironnement": "leaf",
    "je-souhaite-moccuper-denfants": "baby",
    "je-souhaite-prendre-soin-des-autres": "heart-pulse",
    "je-souhaite-proteger-et-secourir": "shield-plus",
    "je-souhaite-transmettre": "presentation",
    "je-suis-accro-au-numerique": "laptop",
    "je-suis-amateur-amatrice-de-sensations-fortes": "mountain",
    "je-suis-attire-attiree-par-lenvers-du-decor": "clapperboard",
    "je-suis-passionne-passionnee-par-la-cuisine": "chef-hat",
    "je-suis-passionne-passionnee-par-les-autres-cultures": "earth",
    "je-suis-passionne-passionnee-par-les-nouvelles-technologies": "cpu",
    "je-suis-un-une-artiste": "paintbrush",
    "je-veux-travailler-dans-le-commerce": "store",
    "je-veux-etre-utile-aux-autres": "hand-heart",
    "le-sport-est-ma-passion": "trophy",
    "ma-vocation-est-de-soigner": "stethoscope",
    "reparer-bricoler-jadore-ca": "wrench",
}
INTEREST_FALLBACK = "sparkles"


@register.simple_tag
def domain_pictogram(domaine, size=24):
    """`{% domain_pictogram sheet.grand_domaine %}`: the domain's inline SVG, hidden from screen readers."""
    if domaine is None:
        return ""
    name = DOMAIN_ICONS.get(getattr(domaine, "code", ""), FALLBACK)
    return lucide(name, size=size, aria_hidden="true", focusable="false", **{"class": "pictogram"})


@register.simple_tag
def interest_pictogram(slug, size=20):
    """`{% interest_pictogram option.value %}`: a centre d'intérêt's inline SVG (by its slug), hidden from
    screen readers (its words are always written next to it)."""
    if not slug:
        return ""
    name = INTEREST_ICONS.get(str(slug), INTEREST_FALLBACK)
    return lucide(name, size=size, aria_hidden="true", focusable="false", **{"class": "pictogram"})

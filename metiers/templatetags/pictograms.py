"""A pictogram per ROME grand domaine, from Lucide (ISC licence; the `lucide` package on PyPI ships the SVG
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


@register.simple_tag
def domain_pictogram(domaine, size=24):
    """`{% domain_pictogram sheet.grand_domaine %}`: the domain's inline SVG, hidden from screen readers."""
    if domaine is None:
        return ""
    name = DOMAIN_ICONS.get(getattr(domaine, "code", ""), FALLBACK)
    return lucide(name, size=size, aria_hidden="true", focusable="false", **{"class": "pictogram"})

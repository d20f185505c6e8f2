from .pages import AccessLevel, Appellation, MetierPage, MetierRelation, MetiersIndexPage, Riasec
from .snippets import CentreInteret, DomaineProfessionnel, GrandDomaine, MetierPageCentreInteret, Secteur

__all__ = [
    "AccessLevel",
    "Appellation",
    "CentreInteret",
    "DomaineProfessionnel",
    "GrandDomaine",
    "MetierPage",
    "MetierPageCentreInteret",
    "MetierRelation",
    "MetiersIndexPage",
    "Riasec",
    "Secteur",
]

"""The stages app's models: the professionals' proposals, host organisations and their places, the
collèges' stage weeks, and the pupils' stage requests with their states."""

from .after import HostAppreciation, StageReport, stage_is_over
from .conventions import (
    Convention,
    ConventionArticle,
    ConventionEvent,
    ConventionSignature,
    ConventionState,
    ConventionText,
    Party,
    SignatureMethod,
)
from .hosts import HostOrganisation, Place, PlaceStatus, PlaceWeek, StageWeek
from .proposals import ProfessionalProposal, ProposalKind
from .requests import MissingReason, NoSeatLeft, RequestEvent, RequestState, StageRequest, Wish

__all__ = [
    "Convention",
    "ConventionArticle",
    "ConventionEvent",
    "ConventionSignature",
    "ConventionState",
    "ConventionText",
    "Party",
    "SignatureMethod",
    "HostAppreciation",
    "StageReport",
    "stage_is_over",
    "HostOrganisation",
    "MissingReason",
    "NoSeatLeft",
    "Place",
    "PlaceStatus",
    "PlaceWeek",
    "ProfessionalProposal",
    "ProposalKind",
    "RequestEvent",
    "RequestState",
    "StageRequest",
    "StageWeek",
    "Wish",
]

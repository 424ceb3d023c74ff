"""The case record: referrals, the young person, the case and the people around it, the timeline,
the audit of who saw and changed what, and the shared links that open one thing to a young person or
their family."""

from .appearance import Accessories, Appearance, Clothes, ClothesColour, Eyes, Hair, HairColour, Mouth, Skin, Theme
from .audit import AuditEvent
from .case import (
    Case,
    CaseLink,
    CaseUserObjectPermission,
    CloseOutcome,
    KeyWorkerSpell,
    Stage,
    StageChange,
)
from .closing import CloseRequest
from .concerns import ConcernEntry, ConcernKind, ConcernLink
from .consent import Consent
from .links import LinkUse, Person, SharedLink
from .living import Move
from .missing import MissingEpisode, PoliceRisk, ReturnInterview
from .network import NetworkChange, NetworkMember, OwnCloseness
from .referral import Awareness, Referral, ShareConsent, Urgency, Worry
from .referral_import import ReferralImport
from .risk import RiskChange, RiskLevel, WarningSign, with_current_level
from .timeline import RETURN_INTERVIEW_WITHIN, TimelineEntry
from .young_person import Avatar, LegalStatus, LivingSituation, YoungPerson

__all__ = [
    "Accessories",
    "Appearance",
    "Clothes",
    "ClothesColour",
    "Eyes",
    "Hair",
    "HairColour",
    "Mouth",
    "Skin",
    "Theme",
    "AuditEvent",
    "Avatar",
    "Awareness",
    "Case",
    "CaseLink",
    "CaseUserObjectPermission",
    "CloseOutcome",
    "ConcernEntry",
    "ConcernKind",
    "ConcernLink",
    "Consent",
    "CloseRequest",
    "KeyWorkerSpell",
    "LegalStatus",
    "LinkUse",
    "LivingSituation",
    "MissingEpisode",
    "Move",
    "NetworkChange",
    "NetworkMember",
    "OwnCloseness",
    "Person",
    "PoliceRisk",
    "RETURN_INTERVIEW_WITHIN",
    "Referral",
    "ReferralImport",
    "ReturnInterview",
    "RiskChange",
    "RiskLevel",
    "ShareConsent",
    "SharedLink",
    "Stage",
    "StageChange",
    "TimelineEntry",
    "Urgency",
    "WarningSign",
    "Worry",
    "with_current_level",
    "YoungPerson",
]

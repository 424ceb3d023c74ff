"""Writes to assessments. Each is one transaction, keyword-only, and records who did it. Callers use
`services.<name>`; the functions live in modules by what they write."""

from .contributions import (
    AssessmentError,
    Conflict,
    assessment_open,
    contribution_add,
    contribution_save,
    contribution_send,
    contribution_share,
    contribution_start,
    judgement_save,
)
from .links import (
    LINK_DAYS,
    LINK_PURPOSE,
    contribution_shared_with,
    key_person_link_create,
    link_share,
    link_write_more,
    section_link_create,
    section_link_of,
    sent_before,
)
from .reviews import REVIEW_INTERVAL_WEEKS, review_hold, review_interval_change, snapshot
from .timescales import (
    ProposalReplaced,
    first_picture_reached,
    timescale_decide,
    timescale_is_latest,
    timescale_propose,
)

__all__ = [
    "LINK_DAYS",
    "LINK_PURPOSE",
    "REVIEW_INTERVAL_WEEKS",
    "AssessmentError",
    "Conflict",
    "ProposalReplaced",
    "assessment_open",
    "contribution_add",
    "contribution_save",
    "contribution_send",
    "contribution_share",
    "contribution_shared_with",
    "contribution_start",
    "first_picture_reached",
    "key_person_link_create",
    "judgement_save",
    "link_share",
    "link_write_more",
    "review_hold",
    "review_interval_change",
    "section_link_create",
    "section_link_of",
    "sent_before",
    "snapshot",
    "timescale_decide",
    "timescale_is_latest",
    "timescale_propose",
]

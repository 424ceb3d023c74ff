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
    MAX_TOKEN_LENGTH,
    contribution_shared_with,
    link_check_passcode,
    link_create,
    link_find,
    link_revoke,
    link_share,
    link_used,
    link_write_more,
    sent_before,
    token_hash,
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
    "MAX_TOKEN_LENGTH",
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
    "judgement_save",
    "link_check_passcode",
    "link_create",
    "link_find",
    "link_revoke",
    "link_share",
    "link_used",
    "link_write_more",
    "review_hold",
    "review_interval_change",
    "sent_before",
    "snapshot",
    "timescale_decide",
    "timescale_is_latest",
    "timescale_propose",
    "token_hash",
]

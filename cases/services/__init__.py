"""Writes to the case record that touch more than one row or need an audit entry. Each is one
transaction, keyword-only, and records who did it."""

from .case import (
    CaseError,
    case_allocate,
    case_change_stage,
    case_close,
    case_create,
    case_link,
    case_reopen,
    case_set_plan_coordinator,
    case_unlink,
    case_update_people,
    young_person_update,
)
from .network import case_add_partner, case_remove_partner, network_add, network_remove, network_update
from .referral_import import referral_import_cancel, referral_import_confirm, referral_import_create
from .referrals import (
    referral_accept,
    referral_create,
    referral_decline,
    referral_resolve_duplicate,
    referral_signpost,
    referrals_create,
    team_caseload,
)
from .timeline import missing_episode_end, return_interview_done, timeline_add

__all__ = [
    "CaseError",
    "case_add_partner",
    "case_allocate",
    "case_change_stage",
    "case_close",
    "case_create",
    "case_link",
    "case_remove_partner",
    "case_reopen",
    "case_set_plan_coordinator",
    "case_unlink",
    "case_update_people",
    "missing_episode_end",
    "network_add",
    "network_remove",
    "network_update",
    "referral_accept",
    "referral_create",
    "referrals_create",
    "referral_decline",
    "referral_import_cancel",
    "referral_import_confirm",
    "referral_import_create",
    "referral_resolve_duplicate",
    "referral_signpost",
    "return_interview_done",
    "team_caseload",
    "timeline_add",
    "young_person_update",
]

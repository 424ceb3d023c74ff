"""The access policy: the only place that answers "may this person see or change this case?",
"which cases may this person see?" and what of a case's record they may see.

Who may do what comes from two sources, and nothing else:
- the person's role and team, said once on the user: a manager sees and changes every case of their
  team (derived here, on every request, so a change of role or team, or a deactivated account, takes
  effect on the next request; no group an administrator could tick widens or splits it);
- django-guardian per-object grants in direct foreign-key tables, derived from the case's people by
  `sync_grants`, which every service that changes those people calls:
  - the key worker and the plan coordinator: view and change;
  - a partner agency worker who is an active member of the case's network: view, and contribute if
    they may add to the record; nothing once they are removed or the case closes.

Not a global permission, not a group, not being a superuser. A case a person may not see answers 404,
exactly like a case that does not exist.

State rules belong here too: a getter asked for `open_only` refuses a change to a closed case (CaseClosed,
answered the same way on every page by `cases.middleware`), and a family's draft is nobody else's to read.

- `case`: access to a case, decided once per request (`CaseAccess`); the cases a person may see;
- `words`: who reads the words of young people and their families, and anyone's words on a case;
- `referrals`: referrals, before a case exists, and imported referral files;
- `grants`: the per-case grants, derived from the case's people.
"""

from .case import (
    CHANGE,
    CLOSED_MESSAGE,
    CONTRIBUTE,
    NO_ACCESS,
    STAFF_PERMS,
    VIEW,
    CaseAccess,
    CaseClosed,
    access_to,
    can_change,
    can_contribute,
    can_view,
    changeable_cases,
    get_case_for_change,
    get_case_for_contribution,
    get_case_for_management,
    get_case_for_missing_episode,
    get_case_for_view,
    linked_cases,
    managed_team_id,
    team_managers,
    timeline_for,
    visible_cases,
    visible_entries_q,
)
from .grants import sync_grants
from .missing import companion_choices, episode_companions, may_read_restricted
from .referrals import (
    case_referrals,
    get_import_for_manager,
    get_referral_for_decision,
    get_referral_for_view,
    may_decide_referrals,
    may_read_referral_words,
    visible_referrals,
)
from .words import (
    Reader,
    WordsReader,
    family_words_readers,
    may_read_all_feedback_words,
    partner_agencies_of,
    plan_readers,
    readable_words,
    words_reader,
)

__all__ = [
    "CHANGE",
    "CLOSED_MESSAGE",
    "CONTRIBUTE",
    "NO_ACCESS",
    "STAFF_PERMS",
    "VIEW",
    "CaseAccess",
    "CaseClosed",
    "Reader",
    "WordsReader",
    "access_to",
    "can_change",
    "can_contribute",
    "can_view",
    "changeable_cases",
    "companion_choices",
    "episode_companions",
    "case_referrals",
    "family_words_readers",
    "plan_readers",
    "get_case_for_change",
    "get_case_for_contribution",
    "get_case_for_management",
    "get_case_for_missing_episode",
    "get_case_for_view",
    "get_import_for_manager",
    "get_referral_for_decision",
    "get_referral_for_view",
    "linked_cases",
    "managed_team_id",
    "may_decide_referrals",
    "may_read_all_feedback_words",
    "may_read_restricted",
    "may_read_referral_words",
    "partner_agencies_of",
    "readable_words",
    "sync_grants",
    "team_managers",
    "timeline_for",
    "visible_cases",
    "visible_entries_q",
    "visible_referrals",
    "words_reader",
]

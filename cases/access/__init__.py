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
- `concerns`: the register of persons, places, vehicles and online accounts of concern, and its links;
- `grants`: the per-case grants, derived from the case's people;
- `consent`: whether the case's consent to share lets a partner agency in.
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
    managers_of_every_team,
    team_managers,
    timeline_for,
    visible_cases,
    visible_entries_q,
)
from .concerns import (
    case_concern_links,
    changeable_concerns,
    concern_team_for_change,
    get_case_for_concerns,
    get_concern_for_change,
    get_concern_for_view,
    map_links,
    reads_a_register,
    reads_register_of,
    register_team_ids,
    visible_concern_links,
    visible_concerns,
)
from .consent import consent_problem, current_consent
from .grants import sync_grants
from .missing import companion_choices, concern_choices, episode_companions, episode_concerns, may_read_restricted
from .oversight import (
    direction_readable_cases,
    get_close_request_for_decision,
    may_ask_to_close,
    may_close_directly,
    may_complete_direction,
    may_read_directions,
    supervised_cases,
)
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
    "case_concern_links",
    "changeable_concerns",
    "concern_team_for_change",
    "get_case_for_concerns",
    "get_concern_for_change",
    "get_concern_for_view",
    "map_links",
    "reads_a_register",
    "reads_register_of",
    "register_team_ids",
    "visible_concern_links",
    "visible_concerns",
    "changeable_cases",
    "companion_choices",
    "concern_choices",
    "episode_companions",
    "episode_concerns",
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
    "consent_problem",
    "current_consent",
    "managed_team_id",
    "may_decide_referrals",
    "may_read_all_feedback_words",
    "may_read_restricted",
    "may_read_referral_words",
    "partner_agencies_of",
    "readable_words",
    "sync_grants",
    "direction_readable_cases",
    "get_close_request_for_decision",
    "may_ask_to_close",
    "may_close_directly",
    "may_complete_direction",
    "may_read_directions",
    "supervised_cases",
    "managers_of_every_team",
    "team_managers",
    "timeline_for",
    "visible_cases",
    "visible_entries_q",
    "visible_referrals",
    "words_reader",
]

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User

from .. import audit, notices
from ..models import AuditEvent, Case, Consent, Referral, Stage, Urgency, YoungPerson
from .case import CaseError, case_create
from .consent import consent_record

Action = AuditEvent.Action
Status = Referral.Status

YOUNG_PERSON_FIELDS = ["given_name", "family_name", "date_of_birth", "living_situation", "education_setting"]


def team_caseload(team: Team) -> int:
    """Open cases of the team (one query)."""
    return Case.objects.filter(team=team).exclude(stage=Stage.CLOSED).count()


@transaction.atomic
def referral_create(
    *,
    team: Team,
    by: User | None,
    fields: dict,
    source: str = Referral.Source.FORM,
    received_at: datetime | None = None,
) -> Referral:
    [referral] = referrals_create(team=team, by=by, source=source, rows=[(fields, received_at)])
    return referral


@transaction.atomic
def referrals_create(
    *, team: Team, by: User | None, source: str, rows: list[tuple[dict, datetime | None]]
) -> list[Referral]:
    """Referrals to a team, each marked with the young person the team may already know (the same name and
    date of birth), for the manager to decide. One query finds them all, so that an import of thousands of
    rows takes seconds."""
    referrals = [
        Referral(team=team, created_by=by, source=source, received_at=received_at or timezone.now(), **fields)
        for fields, received_at in rows
    ]

    def key(referral: Referral):
        return YoungPerson.duplicate_key(referral.given_name, referral.family_name, referral.date_of_birth)

    known = YoungPerson.first_duplicates(team=team, keys=[key(referral) for referral in referrals])
    for referral in referrals:
        referral.possible_duplicate_id = known.get(key(referral))
    return Referral.objects.bulk_create(referrals)


def _require_waiting(referral: Referral) -> None:
    if referral.status != Status.WAITING:
        raise CaseError(_("This referral has already been decided."))


@transaction.atomic
def referral_resolve_duplicate(*, referral: Referral, choice: str, by: User) -> Referral:
    _require_waiting(referral)
    if referral.possible_duplicate_id is None:
        raise CaseError(_("This referral has no possible duplicate."))
    if choice not in (Referral.DuplicateChoice.LINKED, Referral.DuplicateChoice.SEPARATE):
        raise CaseError(_("Choose whether it is the same young person."))
    referral.duplicate_choice = choice
    referral.save(update_fields=["duplicate_choice"])
    audit.record(
        user=by, case=None, referral=referral, action=Action.CHANGE, what=f"referral: possible duplicate {choice}"
    )
    return referral


def _decide(referral: Referral, status: str, by: User, **fields) -> None:
    referral.status = status
    referral.decided_at = timezone.now()
    referral.decided_by = by
    for name, value in fields.items():
        setattr(referral, name, value)
    referral.save(update_fields=["status", "decided_at", "decided_by", *fields])


def _consent_from(referral: Referral, case: Case, by: User) -> None:
    """The case starts from what the referrer knew of consent to share, if they asked."""
    said = referral.share_consent
    if not said:
        return
    refused = said.startswith("refused_")
    consent_record(
        case=case,
        basis=Consent.Basis.REFUSED if refused else Consent.Basis.CONSENT,
        given_by=said.removeprefix("refused_"),
        given_on=timezone.localtime(referral.received_at).date(),
        excludes=[],
        notes=_("From the referral received on %(day)s") % {"day": f"{referral.received_at:%d %b %Y}"},
        by=by,
    )


@transaction.atomic
def referral_accept(*, referral: Referral, key_worker: User, by: User, over_capacity_reason: str = "") -> Case:
    """Accept and allocate a key worker. Returns the case: a new one, or the young person's open case
    when the referral was linked to a young person the team already works with."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    _require_waiting(referral)
    if referral.possible_duplicate_id and not referral.duplicate_choice:
        raise CaseError(_("First decide whether this is the young person the team already knows."))
    team = referral.team
    at_capacity = team_caseload(team) >= team.case_capacity
    if at_capacity and not over_capacity_reason.strip():
        raise CaseError(
            _("The team is at its capacity of %(capacity)s cases: give a reason to accept beyond it.")
            % {"capacity": team.case_capacity}
        )

    case = None
    if referral.duplicate_choice == Referral.DuplicateChoice.LINKED:
        young_person = referral.possible_duplicate
        assert young_person is not None, "linked is chosen only for a referral with a possible duplicate"
        case = young_person.cases.exclude(stage=Stage.CLOSED).order_by("-opened_at").first()
    else:
        young_person = YoungPerson.objects.create(
            team=team, **{name: getattr(referral, name) for name in YOUNG_PERSON_FIELDS}
        )
    if case is None:
        urgent = referral.urgency == Urgency.URGENT
        case = case_create(young_person=young_person, team=team, key_worker=key_worker, by=by, urgent=urgent)
    else:
        notices.referral_added(case=case, referral=referral, by=by)
    _decide(referral, Status.ACCEPTED, by, case=case, over_capacity_reason=over_capacity_reason if at_capacity else "")
    _consent_from(referral, case, by)
    audit.record(
        user=by,
        case=case,
        referral=referral,
        action=Action.CREATE,
        what=f"referral accepted (received {referral.received_at:%d %b %Y})",
    )
    return case


@transaction.atomic
def referral_decline(*, referral: Referral, reason: str, by: User) -> Referral:
    _require_waiting(referral)
    if not reason.strip():
        raise CaseError(_("Give the reason for declining."))
    _decide(referral, Status.DECLINED, by, decision_reason=reason)
    audit.record(user=by, case=None, referral=referral, action=Action.CHANGE, what="referral declined")
    return referral


@transaction.atomic
def referral_signpost(*, referral: Referral, service: str, reason: str, by: User) -> Referral:
    _require_waiting(referral)
    if not service.strip():
        raise CaseError(_("Name the service you are signposting to."))
    _decide(referral, Status.SIGNPOSTED, by, signposted_to=service, decision_reason=reason)
    audit.record(user=by, case=None, referral=referral, action=Action.CHANGE, what="referral signposted")
    return referral

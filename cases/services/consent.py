"""Recording consent to share information with partner agencies."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import PartnerAgency, User

from .. import audit
from ..models import AuditEvent, Case, Consent
from .case import CaseError

# Consent is given by someone; the other bases are decisions to share without it.
NEEDS_SOMEONE = (Consent.Basis.CONSENT, Consent.Basis.REFUSED)


@transaction.atomic
def consent_record(
    *,
    case: Case,
    basis: str,
    given_by: str,
    given_on: date,
    excludes: list[str],
    notes: str = "",
    by: User | None,
) -> Consent:
    if case.is_closed:
        raise CaseError(_("Reopen the case first."))
    if basis not in Consent.Basis.values:
        raise CaseError(_("Choose the basis for sharing."))
    if given_by not in Consent.GivenBy.values:
        raise CaseError(_("Choose who said so."))
    if basis in NEEDS_SOMEONE and not given_by:
        raise CaseError(_("Say who agreed or did not agree."))
    if basis not in NEEDS_SOMEONE:
        given_by = ""
    if given_on > timezone.localdate():
        raise CaseError(_("The date must be today or in the past."))
    unknown = set(excludes) - set(PartnerAgency.Kind.values)
    if unknown:
        raise CaseError(_("Choose agencies from the list."))
    consent = Consent.objects.create(
        case=case,
        basis=basis,
        given_by=given_by,
        given_on=given_on,
        excludes=sorted(set(excludes)) if basis != Consent.Basis.REFUSED else [],
        notes=notes.strip(),
        recorded_by=by,
    )
    audit.record(user=by, case=case, action=AuditEvent.Action.CREATE, what=f"consent to share: {basis}")
    return consent

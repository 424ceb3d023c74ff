"""Whether the case's consent lets a partner agency in: the check made before a partner agency worker joins a
case's network. Going past it needs a reason, said by the person adding them (the service records it)."""

from django.utils.translation import gettext as _

from accounts.models import PartnerAgency

from ..models import Case, Consent


def current_consent(case: Case) -> Consent | None:
    return case.consents.order_by("-recorded_at", "-pk").first()


def consent_problem(case: Case, agency: PartnerAgency | None) -> str:
    """Why sharing this case with a worker of `agency` goes past what was agreed, in words for the person
    adding them; "" when it does not."""
    consent = current_consent(case)
    if consent is None:
        return _("No consent to share information is recorded for this case.")
    if not consent.allows_sharing:
        return _("They did not agree to share information with partner agencies.")
    if agency is not None and agency.kind in consent.excludes:
        return _("The consent to share leaves out %(kind)s.") % {"kind": agency.get_kind_display()}
    return ""

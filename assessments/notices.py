"""Who is told when something happens in an assessment, and what they are told. Called by the services
(`assessments/services/`) where the thing happens, inside their transaction; `accounts.notifications.tell`
records each message once per person and key and emails its kind (never its words) once the change is
committed. The words here are for the app (behind sign-in) and may name the young person."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import Message, tell

from .models import Contribution, TimescaleAgreement


def words_sent(*, contribution: Contribution) -> None:
    """A young person or family member sent their words (through their shared link): the key worker reads
    them and adds them to the assessment."""
    section = contribution.section
    case = section.assessment.case
    if case.key_worker is None:
        return
    text = _("%(who)s sent their words for “%(section)s” in %(name)s's assessment.") % {
        "who": contribution.who,
        "section": section,
        "name": case.young_person.display_name,
    }
    url = reverse("assessments:section", args=[case.pk, section.kind])
    tell([Message(case.key_worker, f"words-sent:{contribution.pk}", text, url)])


def timescale_decided(*, proposal: TimescaleAgreement, decision: TimescaleAgreement, by: User) -> None:
    """The worker who proposed the timescale is told what the manager decided (not when they decided it
    themselves)."""
    proposer = proposal.created_by
    if proposer.pk == by.pk:
        return
    case = proposal.assessment.case
    words = {"who": by.get_full_name() or by.username, "name": case.young_person.display_name}
    if decision.status == TimescaleAgreement.Status.CHANGED:
        text = _("%(who)s changed the assessment timescale you proposed for %(name)s.") % words
    else:
        text = _("%(who)s agreed the assessment timescale you proposed for %(name)s.") % words
    url = reverse("assessments:timescales", args=[case.pk])
    tell([Message(proposer, f"timescale-decided:{decision.pk}", text, url)])

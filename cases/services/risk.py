"""Recording the level of concern and the warning signs noticed. Each change is a new row, audited; only
while the case is open.

A rise of the level to high or very high (from a lower level, or as the first level recorded) tells the
team's managers, once: the notification's key is the change's own (`risk-raised:<pk>`), so the same change
never tells twice, and a later rise (high, then very high) is a new change and tells again. A fall, or a
change between levels below high, tells nobody."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import Message, tell

from .. import access, audit
from ..models import AuditEvent, Case, RiskChange, RiskLevel, WarningSign

TEXT_LENGTH = 4000


class RiskError(Exception):
    """A change that cannot be recorded, in words for the person recording it."""


def _check_open(case: Case) -> None:
    if case.is_closed:
        raise RiskError(_("Reopen the case first."))


def current_level(case: Case) -> RiskChange | None:
    return case.risk_changes.order_by("-changed_at", "-pk").first()


@transaction.atomic
def risk_change(*, case: Case, level: str, why: str, doing: str, by: User) -> RiskChange:
    """A new level of concern, with why and what is being done. The level must differ from the current one
    (the same level again is not a change: say what is being done in the case's record)."""
    _check_open(case)
    if level not in RiskLevel.values:
        raise RiskError(_("Choose the level of concern."))
    why, doing = why.strip(), doing.strip()
    if not why:
        raise RiskError(_("Say why the level of concern is changing."))
    if not doing:
        raise RiskError(_("Say what is being done."))
    if len(why) > TEXT_LENGTH or len(doing) > TEXT_LENGTH:
        raise RiskError(_("Say it in %(n)s characters or fewer.") % {"n": TEXT_LENGTH})
    # One change at a time for a case: the level before this one is read under the case's lock.
    Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True).first()
    before = current_level(case)
    if before is not None and before.level == level:
        raise RiskError(_("The level of concern is already %(level)s.") % {"level": before.get_level_display()})
    change = RiskChange.objects.create(
        case=case,
        level=level,
        previous_level=before.level if before else "",
        why=why,
        doing=doing,
        changed_by=by,
    )
    audit.record(user=by, case=case, action=AuditEvent.Action.CHANGE, what=f"level of concern: {level}")
    if change.calls_for_safety_meeting:
        _tell_managers(change, by)
    return change


def _tell_managers(change: RiskChange, by: User) -> None:
    case = change.case
    if case.team_id is None:
        return
    text = _("%(who)s raised the level of concern about %(name)s to %(level)s.") % {
        "who": by.get_full_name() or by.username,
        "name": case.young_person.display_name,
        "level": change.get_level_display().lower(),
    }
    url = reverse("cases:risk", args=[case.pk])
    managers = access.team_managers(case.team_id).exclude(pk=by.pk)
    tell([Message(manager, f"risk-raised:{change.pk}", text, url, urgent=True) for manager in managers])


def _check_day(case: Case, day: date) -> None:
    if day > timezone.localdate():
        raise RiskError(_("The date must be today or in the past."))
    if day < case.young_person.date_of_birth:
        raise RiskError(_("The date must be after they were born."))


@transaction.atomic
def warning_sign_record(*, case: Case, sign: str, noticed_on: date, by: User) -> WarningSign:
    """A warning sign noticed on a day. A sign already seen now is not recorded twice."""
    _check_open(case)
    if sign not in WarningSign.Sign.values:
        raise RiskError(_("Choose a warning sign."))
    _check_day(case, noticed_on)
    Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True).first()
    if case.warning_signs.filter(sign=sign, ended_on__isnull=True).exists():
        raise RiskError(_("This warning sign is already recorded as seen now."))
    last_ended = case.warning_signs.filter(sign=sign).order_by("-ended_on").values_list("ended_on", flat=True).first()
    if last_ended is not None and noticed_on < last_ended:
        raise RiskError(_("The date must be on or after the day it was last no longer seen."))
    spell = WarningSign.objects.create(case=case, sign=sign, noticed_on=noticed_on, noticed_by=by)
    audit.record(user=by, case=case, action=AuditEvent.Action.CREATE, what=f"warning sign noticed: {sign}")
    return spell


@transaction.atomic
def warning_sign_no_longer_seen(*, case: Case, sign: str, ended_on: date, by: User) -> WarningSign:
    """A warning sign seen until now is no longer seen from a day. The spell keeps when it was noticed."""
    _check_open(case)
    _check_day(case, ended_on)
    spell = case.warning_signs.select_for_update().filter(sign=sign, ended_on__isnull=True).first()
    if spell is None:
        raise RiskError(_("This warning sign is not recorded as seen now."))
    if ended_on < spell.noticed_on:
        raise RiskError(_("The date must be on or after the day it was noticed."))
    spell.ended_on, spell.ended_by, spell.ended_recorded_at = ended_on, by, timezone.now()
    spell.save(update_fields=["ended_on", "ended_by", "ended_recorded_at"])
    audit.record(user=by, case=case, action=AuditEvent.Action.CHANGE, what=f"warning sign no longer seen: {sign}")
    return spell

"""Demo: Destiny's level of concern (medium about six weeks ago, high after she went missing with Lily) and
the warning signs her worker noticed. Run after `cases.demo.seed` (it needs Destiny's case and her missing
episode); once only (nothing is added when she already has a level)."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User

from .. import services
from ..models import Case, RiskChange, RiskLevel, WarningSign

# (sign, noticed days ago, no longer seen days ago or None)
DESTINYS_SIGNS = [
    (WarningSign.Sign.OUT_LATE, 45, None),
    (WarningSign.Sign.OLDER_FRIENDS, 38, None),
    (WarningSign.Sign.GIFTS, 30, None),
    (WarningSign.Sign.NEW_PHONE, 21, None),
    (WarningSign.Sign.MISSING, 3, None),
    # Back at school every day since the plan with her teacher: noticed, and no longer seen.
    (WarningSign.Sign.SCHOOL, 60, 14),
]


def seed(people: dict[str, User], cases: dict[str, Case]) -> None:
    destiny, worker = cases["destiny"], people["worker"]
    if destiny.risk_changes.exists():
        return
    now = timezone.now()
    medium = services.risk_change(
        case=destiny,
        level=RiskLevel.MEDIUM,
        why="Staying out late most weekends and talks about an older \u201cboyfriend\u201d she will not name.",
        doing="Weekly visits; safety conversations about the boyfriend; asked the children's home to log her times.",
        by=worker,
    )
    RiskChange.objects.filter(pk=medium.pk).update(changed_at=now - timedelta(weeks=6))
    high = services.risk_change(
        case=destiny,
        level=RiskLevel.HIGH,
        why="Missing overnight with Lily; found in a flat in Oldham with older males. New phone and gifts "
        "she cannot explain.",
        doing="Strategy discussion held; My Safety Plan meeting to be planned this week; police told about the "
        "address.",
        by=worker,
    )
    RiskChange.objects.filter(pk=high.pk).update(changed_at=now - timedelta(hours=50))
    today = timezone.localdate()
    for sign, noticed, ended in DESTINYS_SIGNS:
        services.warning_sign_record(case=destiny, sign=sign, noticed_on=today - timedelta(days=noticed), by=worker)
        if ended is not None:
            services.warning_sign_no_longer_seen(
                case=destiny, sign=sign, ended_on=today - timedelta(days=ended), by=worker
            )

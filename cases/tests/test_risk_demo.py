"""The demo's risk history: Destiny medium about six weeks ago, high after she went missing with Lily."""

from django.utils import timezone

from accounts.models import Notification
from cases.demo import risk as risk_demo
from cases.models import WarningSign


def test_destiny_has_her_history_and_warning_signs_once(key_worker, manager, case):
    risk_demo.seed({"worker": key_worker}, {"destiny": case})
    risk_demo.seed({"worker": key_worker}, {"destiny": case})
    changes = list(case.risk_changes.order_by("changed_at"))
    assert [c.level for c in changes] == ["medium", "high"]
    now = timezone.now()
    assert (now - changes[0].changed_at).days == 42 and (now - changes[1].changed_at).days == 2
    seen = set(case.warning_signs.filter(ended_on__isnull=True).values_list("sign", flat=True))
    assert seen == {"missing", "older_friends", "gifts", "new_phone", "out_late"}
    assert case.warning_signs.get(sign=WarningSign.Sign.SCHOOL).ended_on is not None
    assert Notification.objects.filter(recipient=manager, key=f"risk-raised:{changes[1].pk}").count() == 1

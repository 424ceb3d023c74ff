"""Recording who saw and changed what. Views record views; services record changes."""

from accounts.models import User

from .models import AuditEvent, Case


def record(*, user: User | None, case: Case | None, action: str, what: str) -> None:
    AuditEvent.objects.create(
        user=user if user is not None and user.is_authenticated else None, case=case, action=action, what=what[:200]
    )


def viewed(request, case: Case, what: str) -> None:
    record(user=request.user, case=case, action=AuditEvent.Action.VIEW, what=what)

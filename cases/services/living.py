"""Recording where the young person lives: a move is added to the case's history and, when it is the latest,
becomes where they live now."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .. import audit
from ..models import AuditEvent, Case, LivingSituation, Move


class MoveError(Exception):
    """A move that cannot be recorded, in words for the person recording it."""


@transaction.atomic
def move_record(
    *, case: Case, by: User, moved_on: date, to_kind: str, in_area: bool, planned: bool, reason: str
) -> Move:
    if case.is_closed:
        raise MoveError(_("Reopen the case first."))
    if moved_on > timezone.localdate():
        raise MoveError(_("The date of the move must be today or in the past."))
    if moved_on < case.young_person.date_of_birth:
        raise MoveError(_("The date of the move must be after they were born."))
    if to_kind not in LivingSituation.values:
        raise MoveError(_("Choose where they moved to."))
    if not reason.strip():
        raise MoveError(_("Say why they moved."))
    latest = case.moves.order_by("-moved_on", "-pk").values_list("moved_on", flat=True).first()
    move = Move.objects.create(
        case=case,
        moved_on=moved_on,
        to_kind=to_kind,
        in_area=in_area,
        planned=planned,
        reason=reason.strip(),
        recorded_by=by,
    )
    # A move recorded late, before one already on the record, is history: where they live now is unchanged.
    if latest is None or moved_on >= latest:
        young_person = case.young_person
        young_person.living_situation = to_kind
        young_person.save(update_fields=["living_situation"])
    audit.record(user=by, case=case, action=AuditEvent.Action.CREATE, what=f"move on {moved_on:%Y-%m-%d}")
    return move

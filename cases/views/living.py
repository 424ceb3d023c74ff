"""Where the young person lives: the history of their moves, and recording a move."""

from datetime import timedelta

from django.contrib import messages
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, services
from ..case_page import posted, render_case
from ..forms.living import MoveForm
from ..models import Move

# The case shows how many times they moved in the last year: the measure of stability.
STABILITY_DAYS = 365


def in_last_year(moves: QuerySet[Move]) -> QuerySet[Move]:
    """The moves of the last year, of those given."""
    return moves.filter(moved_on__gt=timezone.localdate() - timedelta(days=STABILITY_DAYS))


def moves_in_last_year(case) -> int:
    return in_last_year(case.moves.all()).count()


@require_GET
def moves(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    context = {
        "moves": case.moves.select_related("recorded_by"),
        "moves_last_year": moves_in_last_year(case),
    }
    return render_case(request, "cases/moves.html", case, "overview", context, viewed="where they live")


@require_http_methods(["GET", "POST"])
def move_add(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    back = reverse("cases:moves", args=[case.pk])
    form = MoveForm(posted(request), cancel_url=back)
    if request.method == "POST" and form.is_valid():
        try:
            services.move_record(case=case, by=request.user, **form.move_fields())
        except services.MoveError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The move is recorded."))
            return redirect(back)
    context = {"form": form, "title": _("Record a move")}
    return render_case(
        request, "cases/case_form.html", case, "overview", context, viewed="where they live (to add a move)"
    )

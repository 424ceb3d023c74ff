"""Where the young person lives, as a history of moves."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import AuditEvent, Move


def a_move(days_ago: int, **change) -> dict:
    day = timezone.localdate() - timedelta(days=days_ago)
    return {
        "moved_on_0": str(day.day),
        "moved_on_1": str(day.month),
        "moved_on_2": str(day.year),
        "to_kind": "foster_care",
        "in_area": "no",
        "planned": "breakdown",
        "reason": "The children's home could not keep her safe.",
        **change,
    }


def test_the_key_worker_records_a_move_and_it_becomes_where_they_live(client_for, key_worker, case):
    response = client_for(key_worker).post(reverse("cases:move-add", args=[case.pk]), a_move(3))
    assert response.status_code == 302
    move = Move.objects.get(case=case)
    assert (move.to_kind, move.in_area, move.planned, move.recorded_by) == ("foster_care", False, False, key_worker)
    assert move.moved_on == timezone.localdate() - timedelta(days=3)
    case.young_person.refresh_from_db()
    assert case.young_person.living_situation == "foster_care"
    assert AuditEvent.objects.filter(case=case, user=key_worker, action="create", what__startswith="move on").exists()
    page = client_for(key_worker).get(reverse("cases:moves", args=[case.pk])).content.decode()
    assert "could not keep her safe" in page and "Breakdown" in page and "No: out of area" in page


def test_a_move_recorded_late_is_history_and_leaves_where_they_live_now(key_worker, case):
    today = timezone.localdate()
    services.move_record(
        case=case,
        by=key_worker,
        moved_on=today - timedelta(days=10),
        to_kind="supported",
        in_area=True,
        planned=True,
        reason="Her own flat.",
    )
    services.move_record(
        case=case,
        by=key_worker,
        moved_on=today - timedelta(days=200),
        to_kind="kinship",
        in_area=True,
        planned=True,
        reason="Went to her aunt's.",
    )
    case.young_person.refresh_from_db()
    assert case.young_person.living_situation == "supported"
    assert [m.to_kind for m in case.moves.all()] == ["supported", "kinship"]


@pytest.mark.parametrize(
    "change,message",
    [
        ({"moved_on_0": "", "moved_on_1": "", "moved_on_2": ""}, "Enter the date of the move"),
        ({"moved_on_0": "31", "moved_on_1": "2"}, "Enter a real date"),
        ({"moved_on_2": str(timezone.localdate().year + 1)}, "The date of the move must be today or in the past"),
        ({"to_kind": "castle"}, "Select a valid choice"),
        ({"to_kind": ""}, "Choose where they moved to"),
        ({"in_area": ""}, "Say whether it is in the council"),
        ({"planned": "maybe"}, "Select a valid choice"),
        ({"reason": "   "}, "Say why they moved"),
        ({"reason": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_a_bad_move_is_refused_and_nothing_typed_is_lost(client_for, key_worker, case, change, message):
    response = client_for(key_worker).post(reverse("cases:move-add", args=[case.pk]), a_move(3, **change))
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and message in content
    assert not Move.objects.exists()


def test_a_move_before_they_were_born_is_refused(client_for, key_worker, case):
    born = case.young_person.date_of_birth
    days = (timezone.localdate() - born).days + 1
    response = client_for(key_worker).post(reverse("cases:move-add", args=[case.pk]), a_move(days))
    assert "after they were born" in response.content.decode()
    assert not Move.objects.exists()


@pytest.mark.parametrize("who", ["partner_with_grant", "outsider", "partner_without_grant"])
def test_people_who_may_not_change_the_case_cannot_record_a_move(request, client_for, case, who):
    response = client_for(request.getfixturevalue(who)).post(reverse("cases:move-add", args=[case.pk]), a_move(3))
    assert response.status_code == 404
    assert not Move.objects.exists()


def test_a_closed_case_takes_no_move(client_for, key_worker, case):
    services.case_close(case=case, reason="Done", outcome="", by=key_worker)
    response = client_for(key_worker).get(reverse("cases:move-add", args=[case.pk]))
    assert response.status_code == 302 and response.url == reverse("cases:detail", args=[case.pk])
    with pytest.raises(services.MoveError):
        services.move_record(
            case=case,
            by=key_worker,
            moved_on=timezone.localdate(),
            to_kind="family",
            in_area=True,
            planned=True,
            reason="Home",
        )


def test_the_case_overview_leads_to_the_moves(client_for, key_worker, case):
    page = client_for(key_worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("cases:moves", args=[case.pk]) in page
    page = client_for(key_worker).get(reverse("cases:moves", args=[case.pk])).content.decode()
    assert "No moves recorded yet." in page and reverse("cases:move-add", args=[case.pk]) in page

"""The level of concern as professional judgement with its history, and the warning signs noticed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification, User
from accounts.tests.factories import UserFactory
from cases import services
from cases.models import AuditEvent, RiskChange, WarningSign

WHY = "Missing overnight; found with older males."
DOING = "Strategy discussion; weekly visits."


def change_to(case, level, by, why=WHY, doing=DOING):
    return services.risk_change(case=case, level=level, why=why, doing=doing, by=by)


def a_day(days_ago: int) -> dict:
    day = timezone.localdate() - timedelta(days=days_ago)
    return {"on_0": str(day.day), "on_1": str(day.month), "on_2": str(day.year)}


def test_each_change_is_a_new_row_and_the_history_is_kept(key_worker, manager, case):
    change_to(case, "medium", key_worker, why="Out late most weekends.")
    change_to(case, "high", key_worker)
    change_to(case, "medium", manager, why="Settled after the safety plan.")
    levels = list(RiskChange.objects.filter(case=case).order_by("pk").values_list("level", "previous_level", "why"))
    assert levels == [
        ("medium", "", "Out late most weekends."),
        ("high", "medium", WHY),
        ("medium", "high", "Settled after the safety plan."),
    ]
    assert AuditEvent.objects.filter(case=case, action="change", what__startswith="level of concern").count() == 3


def test_the_key_worker_changes_the_level_and_the_page_shows_it_newest_first(client_for, key_worker, case):
    change_to(case, "low", key_worker, why="First worry: out late.")
    client = client_for(key_worker)
    response = client.post(
        reverse("cases:risk-change", args=[case.pk]),
        {"level": "medium", "why": "  Older friends.  ", "doing": "Visits"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("cases:risk", args=[case.pk])
    newest = RiskChange.objects.filter(case=case).first()
    assert (newest.level, newest.why, newest.doing, newest.changed_by) == (
        "medium",
        "Older friends.",
        "Visits",
        key_worker,
    )
    page = client.get(response["Location"]).content.decode()
    assert page.index("Older friends.") < page.index("First worry: out late.")
    assert "Medium" in page and "Plan a My Safety Plan meeting" not in page
    assert AuditEvent.objects.filter(case=case, user=key_worker, action="view", what="risk and warning signs").exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"level": "", "why": WHY, "doing": DOING}, "Choose the level of concern"),
        ({"level": "extreme", "why": WHY, "doing": DOING}, "Choose the level of concern"),
        ({"level": "high", "why": "   ", "doing": DOING}, "Say why the level of concern is changing"),
        ({"level": "high", "why": WHY, "doing": ""}, "Say what is being done"),
        ({"level": "high", "why": "x" * 4001, "doing": DOING}, "4000 characters"),
        ({"level": "medium", "why": WHY, "doing": DOING}, "already Medium"),
    ],
)
def test_bad_input_changes_nothing_and_says_why(client_for, key_worker, case, data, message):
    change_to(case, "medium", key_worker)
    response = client_for(key_worker).post(reverse("cases:risk-change", args=[case.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert RiskChange.objects.filter(case=case).count() == 1


def test_a_rise_to_high_prompts_a_safety_meeting_and_tells_the_managers_once(client_for, key_worker, manager, case):
    other_manager = UserFactory(username="manager2", role=User.Role.MANAGER, team=case.team)
    UserFactory(username="elsewhere", role=User.Role.MANAGER)  # another team's manager: not told
    change_to(case, "medium", key_worker)
    client = client_for(key_worker)
    response = client.post(reverse("cases:risk-change", args=[case.pk]), {"level": "high", "why": WHY, "doing": DOING})
    change = RiskChange.objects.filter(case=case).first()
    assert response["Location"] == reverse("cases:risk", args=[case.pk]) + f"?raised={change.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "plan a My Safety Plan meeting" in page
    assert reverse("plans:meeting-new", args=[case.pk]) in page
    told = Notification.objects.filter(key=f"risk-raised:{change.pk}")
    assert set(told.values_list("recipient__username", flat=True)) == {manager.username, other_manager.username}
    assert all(n.urgent and n.url == reverse("cases:risk", args=[case.pk]) for n in told)
    # Opening the page again (or reloading it) tells nobody again, and the prompt is only for the change just saved.
    client.get(response["Location"])
    assert Notification.objects.filter(kind="risk-raised").count() == 2
    assert "My Safety Plan meeting" not in client.get(reverse("cases:risk", args=[case.pk])).content.decode()


def test_a_second_rise_to_very_high_is_a_new_change_and_tells_again_but_a_fall_does_not(key_worker, manager, case):
    high = change_to(case, "high", key_worker)  # the first level recorded, at high: a rise
    very_high = change_to(case, "very_high", key_worker)
    change_to(case, "high", key_worker)
    change_to(case, "low", key_worker)
    change_to(case, "medium", key_worker)
    keys = set(Notification.objects.filter(recipient=manager).values_list("key", flat=True))
    assert keys == {f"risk-raised:{high.pk}", f"risk-raised:{very_high.pk}"}


def test_a_manager_who_raises_the_level_is_not_told_of_their_own_change(manager, case):
    change_to(case, "very_high", manager)
    assert not Notification.objects.filter(recipient=manager).exists()


def test_the_prompt_is_not_shown_for_a_change_that_is_not_a_rise_to_high(client_for, key_worker, case):
    change_to(case, "very_high", key_worker)
    down = change_to(case, "high", key_worker)
    page = client_for(key_worker).get(reverse("cases:risk", args=[case.pk]) + f"?raised={down.pk}")
    assert "My Safety Plan meeting" not in page.content.decode()


def test_warning_signs_are_ticked_with_their_date_and_kept_over_time(client_for, key_worker, case):
    client = client_for(key_worker)
    url = reverse("cases:risk-sign", args=[case.pk])
    assert client.post(url, {"sign": "new_phone", "change": "noticed", **a_day(20)}).status_code == 302
    assert client.post(url, {"sign": "new_phone", "change": "ended", **a_day(5)}).status_code == 302
    assert client.post(url, {"sign": "new_phone", "change": "noticed", **a_day(1)}).status_code == 302
    spells = list(WarningSign.objects.filter(case=case).order_by("pk").values_list("noticed_on", "ended_on"))
    today = timezone.localdate()
    assert spells == [(today - timedelta(days=20), today - timedelta(days=5)), (today - timedelta(days=1), None)]
    page = client.get(reverse("cases:risk", args=[case.pk])).content.decode()
    assert "New phone" in page and "no longer seen from" in page
    assert AuditEvent.objects.filter(case=case, what="warning sign no longer seen: new_phone").count() == 1
    assert AuditEvent.objects.filter(case=case, what="warning sign noticed: new_phone").count() == 2


def test_the_sign_form_takes_the_sign_asked_for_by_the_risk_pages_link(client_for, key_worker, case):
    page = client_for(key_worker).get(reverse("cases:risk-sign", args=[case.pk]) + "?sign=gifts&change=ended")
    html = " ".join(page.content.decode().split())
    assert 'value="gifts" checked="checked"' in html and 'value="ended" checked="checked"' in html


@pytest.mark.parametrize(
    "data, message",
    [
        ({"sign": "", "change": "noticed", **a_day(1)}, "Choose a warning sign"),
        ({"sign": "a score", "change": "noticed", **a_day(1)}, "Choose a warning sign"),
        ({"sign": "gifts", "change": "", **a_day(1)}, "Say whether it was noticed or is no longer seen"),
        ({"sign": "gifts", "change": "noticed", **a_day(-2)}, "The date must be today or in the past"),
        ({"sign": "gifts", "change": "noticed", "on_0": "31", "on_1": "2", "on_2": "2026"}, "Enter a real date"),
        ({"sign": "gifts", "change": "noticed"}, "Enter the date it was noticed, or no longer seen"),
        ({"sign": "new_phone", "change": "noticed", **a_day(1)}, "already recorded as seen now"),
        ({"sign": "gifts", "change": "ended", **a_day(1)}, "not recorded as seen now"),
        ({"sign": "new_phone", "change": "ended", **a_day(30)}, "on or after the day it was noticed"),
    ],
)
def test_bad_warning_sign_input_changes_nothing(client_for, key_worker, case, data, message):
    services.warning_sign_record(
        case=case, sign="new_phone", noticed_on=timezone.localdate() - timedelta(days=10), by=key_worker
    )
    response = client_for(key_worker).post(reverse("cases:risk-sign", args=[case.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(WarningSign.objects.filter(case=case).values_list("sign", "ended_on")) == [("new_phone", None)]


def test_a_partner_sees_the_level_and_why_but_cannot_change_it(client_for, key_worker, partner_with_grant, case):
    change_to(case, "high", key_worker)
    client = client_for(partner_with_grant)
    page = client.get(reverse("cases:risk", args=[case.pk])).content.decode()
    assert WHY in page and "High" in page
    assert reverse("cases:risk-change", args=[case.pk]) not in page
    assert reverse("cases:risk-sign", args=[case.pk]) not in page
    assert client.get(reverse("cases:risk-change", args=[case.pk])).status_code == 404
    data = {"level": "low", "why": "x", "doing": "y"}
    assert client.post(reverse("cases:risk-change", args=[case.pk]), data).status_code == 404
    sign = {"sign": "gifts", "change": "noticed", **a_day(1)}
    assert client.post(reverse("cases:risk-sign", args=[case.pk]), sign).status_code == 404
    assert RiskChange.objects.filter(case=case).count() == 1 and not WarningSign.objects.exists()


@pytest.mark.parametrize("name", ["cases:risk", "cases:risk-change", "cases:risk-sign"])
def test_another_teams_worker_and_a_partner_not_on_the_case_get_404(
    client_for, outsider, partner_without_grant, key_worker, case, name
):
    change_to(case, "high", key_worker)
    for person in (outsider, partner_without_grant):
        client = client_for(person)
        assert client.get(reverse(name, args=[case.pk])).status_code == 404
        posted = client.post(reverse(name, args=[case.pk]), {"level": "low", "why": "x", "doing": "y"})
        assert posted.status_code == (405 if name == "cases:risk" else 404)
    assert RiskChange.objects.filter(case=case).count() == 1


def test_a_closed_case_takes_no_change(client_for, key_worker, closed_case):
    response = client_for(key_worker).post(
        reverse("cases:risk-change", args=[closed_case.pk]), {"level": "high", "why": WHY, "doing": DOING}
    )
    assert response.status_code == 409
    assert not RiskChange.objects.exists()
    with pytest.raises(services.RiskError):
        change_to(closed_case, "high", key_worker)
    with pytest.raises(services.RiskError):
        services.warning_sign_record(case=closed_case, sign="gifts", noticed_on=timezone.localdate(), by=key_worker)

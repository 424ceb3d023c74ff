"""The young person's own view of their people ("My people" in their space): kept apart from the
professional view, every change kept with what was there before, and shown to their worker beside the
professional view on the network page, to those who read the young person's words only."""

import pytest
from django.urls import reverse

from act.testing import assert_query_budget
from cases import services
from cases.models import AuditEvent, NetworkChange, NetworkMember, Person
from cases.services import CaseError
from cases.tests.factories import CaseFactory
from cases.tests.network import add, url
from dashboards.services import space_link_create


@pytest.fixture
def link(case, key_worker):
    link, _token = space_link_create(
        case=case, person=Person.YOUNG_PERSON, name="", by=key_worker, days=14, passcode="otter"
    )
    return link


@pytest.fixture
def parents_link(case, key_worker):
    link, _token = space_link_create(
        case=case, person=Person.PARENT_CARER, name="Mum", by=key_worker, days=14, passcode="otter"
    )
    return link


def test_until_they_say_the_young_person_starts_from_the_professional_view_in_their_own_words(nan):
    assert nan.own_closeness == ""
    assert nan.closeness_as_they_see_it == "close"
    assert add(nan.case, "Coach", closeness="some").closeness_as_they_see_it == "in_between"
    assert add(nan.case, "Uncle", closeness="distant").closeness_as_they_see_it == "further"


def test_moving_someone_further_keeps_their_view_apart_from_the_professional_one(nan, link):
    change = services.network_move(member=nan, link=link, closer=False)
    nan.refresh_from_db()
    assert nan.own_closeness == "in_between"
    assert nan.closeness == "close"  # the professional view is not touched
    assert change is not None
    assert (change.what, change.before, change.after) == ("closeness", "close", "in_between")
    assert (change.case, change.member, change.link, change.person) == (nan.case, nan, link, Person.YOUNG_PERSON)
    assert change.seen_at is None


def test_each_move_is_kept_as_its_own_change_with_what_was_there_before(nan, link):
    services.network_move(member=nan, link=link, closer=False)
    services.network_move(member=nan, link=link, closer=False)
    services.network_move(member=nan, link=link, closer=True)
    kept = list(NetworkChange.objects.filter(member=nan).order_by("pk").values_list("before", "after"))
    assert kept == [("close", "in_between"), ("in_between", "further"), ("further", "in_between")]
    nan.refresh_from_db()
    assert nan.own_closeness == "in_between"


def test_moving_past_the_closest_or_the_furthest_changes_nothing(nan, link):
    assert services.network_move(member=nan, link=link, closer=True) is None
    far = add(nan.case, "Uncle", closeness="distant")
    assert services.network_move(member=far, link=link, closer=False) is None
    assert not NetworkChange.objects.exists()
    nan.refresh_from_db()
    assert nan.own_closeness == ""


def test_saying_someone_makes_them_feel_unsafe_and_taking_it_back_are_both_kept(nan, link):
    services.network_say_unsafe(member=nan, link=link, unsafe=True)
    nan.refresh_from_db()
    assert nan.feels_unsafe is True
    assert services.network_say_unsafe(member=nan, link=link, unsafe=True) is None  # said already
    services.network_say_unsafe(member=nan, link=link, unsafe=False)
    nan.refresh_from_db()
    assert nan.feels_unsafe is False
    kept = list(NetworkChange.objects.order_by("pk").values_list("what", "before", "after"))
    assert kept == [("unsafe", "no", "yes"), ("unsafe", "yes", "no")]


def test_someone_they_add_is_marked_as_theirs_with_no_staff_only_details(case, link):
    member = services.network_add_own(link=link, name="Auntie Kim", relationship="my aunt", own_closeness="close")
    member.refresh_from_db()
    assert member.case == case and member.added_by_young_person
    assert (member.own_closeness, member.closeness, member.kind) == ("close", "close", "other")
    assert member.user is None and member.added_by is None
    assert (member.agency, member.contact_details, member.can_contribute) == ("", "", False)
    change = NetworkChange.objects.get()
    assert (change.what, change.before, change.after, change.member) == ("added", "", "close", member)


def test_every_change_is_audited_as_coming_through_their_link_not_an_account(nan, link):
    services.network_move(member=nan, link=link, closer=False)
    services.network_say_unsafe(member=nan, link=link, unsafe=True)
    services.network_add_own(link=link, name="Kim", relationship="", own_closeness="further")
    entries = AuditEvent.objects.filter(case=nan.case, what__startswith="network, the young person's view")
    assert entries.count() == 3
    assert set(entries.values_list("user", flat=True)) == {None}


def test_a_parents_link_cannot_change_the_young_persons_view(nan, parents_link):
    with pytest.raises(CaseError):
        services.network_move(member=nan, link=parents_link, closer=False)
    with pytest.raises(CaseError):
        services.network_say_unsafe(member=nan, link=parents_link, unsafe=True)
    with pytest.raises(CaseError):
        services.network_add_own(link=parents_link, name="Kim", relationship="", own_closeness="close")
    assert not NetworkChange.objects.exists()
    assert NetworkMember.objects.count() == 1


def test_another_cases_member_or_a_removed_one_is_refused_by_the_services(nan, link, key_worker, outsider_case):
    theirs = add(outsider_case, "Their nan")
    with pytest.raises(CaseError):
        services.network_move(member=theirs, link=link, closer=False)
    services.network_remove(member=nan, by=key_worker)
    with pytest.raises(CaseError):
        services.network_say_unsafe(member=nan, link=link, unsafe=True)
    assert not NetworkChange.objects.exists()


def test_an_unknown_closeness_is_refused(link):
    with pytest.raises(ValueError):
        services.network_add_own(link=link, name="Kim", relationship="", own_closeness="nearby")
    assert not NetworkMember.objects.exists()


# The staff's network page


def test_the_worker_sees_their_view_beside_the_professional_one_with_each_change_before_and_after(
    client_for, key_worker, nan, link
):
    services.network_move(member=nan, link=link, closer=False)
    services.network_say_unsafe(member=nan, link=link, unsafe=True)
    services.network_add_own(link=link, name="Auntie Kim", relationship="my aunt", own_closeness="close")
    response = client_for(key_worker).get(url("network", nan.case))
    content = response.content.decode()
    assert "Destiny said Nan makes them feel unsafe." in content
    assert 'class="govuk-warning-text"' in content
    assert "How close, as Destiny sees it" in content and "Added by Destiny" in content
    assert content.count('role="img"') == 2  # the professional picture and theirs
    assert 'aria-labelledby="their-ecomap-title"' in content
    changes = content[content.index('id="their-changes"') :]
    assert "3 new" in changes and "Mark as seen" in changes
    # Newest first, each with what was there before.
    assert changes.index("Auntie Kim") < changes.index("Makes them feel unsafe") < changes.index("In between")
    assert "Close to me" in changes and "Not said to make them feel unsafe" in changes
    assert [change.what for change in response.context["changes"]] == ["added", "unsafe", "closeness"]


def test_nothing_said_yet_is_said_plainly_to_the_worker(client_for, key_worker, nan):
    content = client_for(key_worker).get(url("network", nan.case)).content.decode()
    assert "Destiny has not moved or added anyone yet." in content
    assert "Destiny has not changed anything yet." in content
    assert "Not said yet" in content
    assert content.count('role="img"') == 1


@pytest.mark.parametrize("who", ["partner_with_grant", "outsider_who_manages_nothing"])
def test_those_who_do_not_read_the_young_persons_words_do_not_see_their_view(request, client_for, nan, link, who):
    services.network_say_unsafe(member=nan, link=link, unsafe=True)
    if who == "outsider_who_manages_nothing":
        response = client_for(request.getfixturevalue("outsider")).get(url("network", nan.case))
        assert response.status_code == 404
        return
    response = client_for(request.getfixturevalue(who)).get(url("network", nan.case))
    content = response.content.decode()
    assert response.status_code == 200
    assert "makes them feel unsafe" not in content and "As Destiny sees it" not in content
    assert "Nan" in content


def test_the_manager_reads_their_view_too(client_for, manager, nan, link):
    services.network_say_unsafe(member=nan, link=link, unsafe=True)
    content = client_for(manager).get(url("network", nan.case)).content.decode()
    assert "Destiny said Nan makes them feel unsafe." in content
    assert "Mark as seen" in content


def test_mark_as_seen_marks_the_changes_the_page_showed_and_no_later_one(client_for, key_worker, nan, link):
    shown = services.network_move(member=nan, link=link, closer=False)
    later = services.network_move(member=nan, link=link, closer=False)
    response = client_for(key_worker).post(url("network-changes-seen", nan.case), {"up_to": shown.pk})
    assert response.status_code == 302
    shown.refresh_from_db()
    later.refresh_from_db()
    assert shown.seen_at is not None and shown.seen_by == key_worker
    assert later.seen_at is None
    assert AuditEvent.objects.filter(user=key_worker, what="network: the young person's changes seen").count() == 1
    content = client_for(key_worker).get(url("network", nan.case)).content.decode()
    assert "1 new" in content


@pytest.mark.parametrize("bad", ["", "abc", "-5", "1e5", "99999999999999999999999999", "١"])
def test_mark_as_seen_with_a_bad_number_marks_nothing_and_does_not_fail(client_for, key_worker, nan, link, bad):
    services.network_move(member=nan, link=link, closer=False)
    response = client_for(key_worker).post(url("network-changes-seen", nan.case), {"up_to": bad})
    assert response.status_code == 302
    seen = NetworkChange.objects.filter(seen_at__isnull=False).count()
    assert seen == (1 if bad == "99999999999999999999999999" else 0)


def test_mark_as_seen_is_only_for_those_who_may_change_the_case(client_for, partner_with_grant, nan, link):
    change = services.network_move(member=nan, link=link, closer=False)
    response = client_for(partner_with_grant).post(url("network-changes-seen", nan.case), {"up_to": change.pk})
    assert response.status_code == 404
    assert client_for(partner_with_grant).get(url("network-changes-seen", nan.case)).status_code == 405
    change.refresh_from_db()
    assert change.seen_at is None


def test_mark_as_seen_touches_only_this_cases_changes(client_for, key_worker, nan, link, outsider, outsider_case):
    theirs_link, _token = space_link_create(
        case=outsider_case, person=Person.YOUNG_PERSON, name="", by=outsider, days=14, passcode="otter"
    )
    theirs = services.network_move(member=add(outsider_case, "Their nan"), link=theirs_link, closer=False)
    client_for(key_worker).post(url("network-changes-seen", nan.case), {"up_to": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.seen_at is None
    assert (
        client_for(key_worker).post(url("network-changes-seen", outsider_case), {"up_to": theirs.pk}).status_code == 404
    )


@pytest.mark.parametrize("members", [3, 30])
def test_the_network_page_with_their_view_keeps_to_its_query_budget(client_for, key_worker, case, link, members):
    def add_rows(count):
        for index in range(count):
            member = NetworkMember.objects.create(
                case=case, kind="friend", name=f"Friend {NetworkMember.objects.count()}", closeness="some"
            )
            services.network_move(member=member, link=link, closer=index % 2 == 0)
            if index % 3 == 0:
                services.network_say_unsafe(member=member, link=link, unsafe=True)

    assert_query_budget(
        client_for(key_worker), url("network", case), add_rows=add_rows, budget=17, small=members, large=members + 40
    )


def test_a_closed_cases_changes_are_shown_without_the_button(client_for, key_worker, nan, link):
    services.network_move(member=nan, link=link, closer=False)
    services.case_close(case=nan.case, reason="Goals met", outcome="goals_met", by=key_worker)
    content = client_for(key_worker).get(url("network", nan.case)).content.decode()
    assert "In between" in content
    assert reverse("cases:network-changes-seen", args=[nan.case.pk]) not in content


def test_a_case_of_its_own_has_its_own_changes(client_for, key_worker, link, nan):
    other = CaseFactory(given_name="Kayla", team=key_worker.team, key_worker=key_worker)
    services.network_move(member=nan, link=link, closer=False)
    response = client_for(key_worker).get(url("network", other))
    assert response.context["changes"] == []


def test_her_worker_is_told_once_of_changes_waiting_and_at_once_of_someone_unsafe(nan, link, case, key_worker):
    from accounts.models import Notification

    services.network_move(member=nan, link=link, closer=False)
    services.network_move(member=nan, link=link, closer=True)
    told = Notification.objects.filter(recipient=key_worker)
    assert [n.key.split(":")[0] for n in told] == ["people-changed"]
    services.network_say_unsafe(member=nan, link=link, unsafe=True)
    unsafe = told.get(key__startswith="people-unsafe")
    assert unsafe.urgent and case.young_person.called in unsafe.message
    newest = NetworkChange.objects.filter(case=case).latest("pk").pk
    services.network_changes_seen(case=case, by=key_worker, up_to=newest)
    assert not told.filter(done_at__isnull=True).exists()
    services.network_move(member=nan, link=link, closer=False)
    assert told.filter(key__startswith="people-changed", done_at__isnull=True).count() == 1

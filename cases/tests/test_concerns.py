"""The register of concerns' pages: the register, an entry, adding and changing one, a case's concerns and
linking an entry to it, and the manager's map. A case the viewer may not see never shows, not even as a
count; every list keeps its number of queries whatever the number of entries, cases and links."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from act.testing import assert_query_budget
from cases.models import AuditEvent, ConcernEntry, ConcernLink
from cases.tests.concerns_helpers import an_entry, link


def _many(entries_team, cases, by, n):
    """n more entries, each linked to every one of `cases` (bulk: the pages are measured, not the writes)."""
    start = ConcernEntry.objects.count()
    made = ConcernEntry.objects.bulk_create(
        ConcernEntry(team=entries_team, kind="place", name=f"Flat {start + i}", created_by=by) for i in range(n)
    )
    ConcernLink.objects.bulk_create(
        ConcernLink(entry=entry, case=case, source="Police", noticed_on=date(2026, 10, 1), created_by=by)
        for entry in made
        for case in cases
    )


def test_the_key_worker_sees_the_entry_and_only_destinys_link(client_for, key_worker, tee):
    client = client_for(key_worker)
    register = client.get(reverse("concerns:register")).content.decode()
    assert "Older male known as" in register
    page = client.get(reverse("concerns:entry", args=[tee.pk])).content.decode()
    assert "Destiny" in page and "Lily" not in page and "Lily told her worker" not in page
    audited = AuditEvent.objects.filter(user=key_worker, what=f"concern register entry {tee.pk}")
    assert audited.count() == 1


def test_the_register_counts_only_cases_the_viewer_may_see(client_for, key_worker, manager, tee):
    worker_page = client_for(key_worker).get(reverse("concerns:register"))
    assert [entry.case_count for entry in worker_page.context["page"]] == [1]
    manager_page = client_for(manager).get(reverse("concerns:register"))
    assert [entry.case_count for entry in manager_page.context["page"]] == [2]


def test_the_register_filters_by_kind_and_by_name(client_for, manager, tee, team):
    an_entry(team, manager, name="Flat above the shops, Oldham", kind="place")
    client = client_for(manager)
    places = client.get(reverse("concerns:register"), {"kind": "place"}).content.decode()
    assert "Flat above the shops" in places and "known as" not in places
    found = client.get(reverse("concerns:register"), {"q": "tee"}).content.decode()
    assert "known as" in found and "Flat above" not in found
    nothing = client.get(reverse("concerns:register"), {"kind": "spaceship"})
    assert nothing.status_code == 200  # a kind that does not exist filters nothing out, and breaks nothing


def test_people_outside_the_register_get_404(client_for, outsider, partner_without_grant, tee):
    for person in (outsider, partner_without_grant):
        client = client_for(person)
        assert client.get(reverse("concerns:entry", args=[tee.pk])).status_code == 404
        assert client.get(reverse("concerns:add")).status_code in (404,)
    assert client_for(partner_without_grant).get(reverse("concerns:register")).status_code == 404


def test_a_police_partner_on_destinys_case_reads_her_link_and_cannot_add(client_for, partner_with_grant, tee):
    client = client_for(partner_with_grant)
    page = client.get(reverse("concerns:entry", args=[tee.pk])).content.decode()
    assert "Destiny" in page and "Lily" not in page and "Change the entry" not in page
    assert client.get(reverse("concerns:add")).status_code == 404
    assert client.post(reverse("concerns:edit", args=[tee.pk]), {"kind": "place", "name": "X"}).status_code == 404


def test_a_worker_adds_an_entry(client_for, key_worker, case):
    data = {"kind": "vehicle", "name": "  Silver hatchback, part plate MA19  ", "details": "Seen outside school"}
    response = client_for(key_worker).post(reverse("concerns:add"), data)
    entry = ConcernEntry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("concerns:entry", args=[entry.pk])
    assert (entry.team_id, entry.kind, entry.name, entry.created_by) == (
        case.team_id,
        "vehicle",
        "Silver hatchback, part plate MA19",
        key_worker,
    )
    assert AuditEvent.objects.filter(action="create", what=f"concern register entry {entry.pk} added").exists()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"name": "Tee"}, "Choose what kind of concern it is"),
        ({"kind": "person", "name": "   "}, "Give a name or a short description"),
        ({"kind": "boat", "name": "Tee"}, "Select a valid choice"),
        ({"kind": "person", "name": "x" * 151}, "at most 150 characters"),
    ],
)
def test_adding_an_entry_with_bad_input_adds_nothing(client_for, key_worker, case, data, message):
    response = client_for(key_worker).post(reverse("concerns:add"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConcernEntry.objects.exists()


def test_a_worker_changes_an_entry_and_bad_input_changes_nothing(client_for, key_worker, tee):
    client = client_for(key_worker)
    bad = client.post(reverse("concerns:edit", args=[tee.pk]), {"kind": "person", "name": ""})
    assert bad.status_code == 400
    assert client.get(reverse("concerns:edit", args=[tee.pk])).status_code == 200
    response = client.post(reverse("concerns:edit", args=[tee.pk]), {"kind": "person", "name": "Tee (Tyler)"})
    assert response.status_code == 302
    tee.refresh_from_db()
    assert tee.name == "Tee (Tyler)"


def test_the_case_page_shows_other_cases_only_to_those_who_may_see_them(client_for, key_worker, manager, case, tee):
    url = reverse("cases:concerns", args=[case.pk])
    worker_page = client_for(key_worker).get(url).content.decode()
    assert "known as" in worker_page and "No other case you may see" in worker_page and "Lily" not in worker_page
    manager_page = client_for(manager).get(url).content.decode()
    assert "Lily" in manager_page
    assert AuditEvent.objects.filter(case=case, user=key_worker, what="concerns").exists()


def test_a_partner_of_another_agency_gets_404_on_the_cases_concerns(client_for, case, school_nurse, tee):
    from cases import services

    services.case_add_partner(case=case, partner=school_nurse, contribute=True, by=None)
    assert client_for(school_nurse).get(reverse("cases:concerns", args=[case.pk])).status_code == 404


def test_a_worker_links_an_entry_to_their_case(client_for, key_worker, manager, case, team):
    entry = an_entry(team, manager)
    day = timezone.localdate() - timedelta(days=3)
    data = {"entry": entry.pk, "noticed_on_0": day.day, "noticed_on_1": day.month, "noticed_on_2": day.year}
    response = client_for(key_worker).post(reverse("cases:concern-link", args=[case.pk]), {**data, "source": "MACE"})
    assert response.status_code == 302
    made = ConcernLink.objects.get()
    assert (made.entry, made.case, made.noticed_on, made.source, made.created_by) == (
        entry,
        case,
        day,
        "MACE",
        key_worker,
    )
    assert AuditEvent.objects.filter(case=case, action="create", what=f"linked to concern register entry {entry.pk}")


def _date(day):
    return {"noticed_on_0": day.day, "noticed_on_1": day.month, "noticed_on_2": day.year}


@pytest.mark.parametrize(
    "change,message",
    [
        ({"source": ""}, "Say where the information came from"),
        ({"source": "   "}, "Say where the information came from"),
        ({"noticed_on_0": "", "noticed_on_1": "", "noticed_on_2": ""}, "Enter the date of the information"),
        (_date(date.today() + timedelta(days=2)), "The date of the information must be today or in the past"),
        ({"noticed_on_0": "31", "noticed_on_1": "2"}, "Enter a real date"),
        ({"entry": ""}, "Choose an entry"),
        ({"entry": "999999"}, "Choose an entry from the list"),
    ],
)
def test_linking_with_bad_input_links_nothing(client_for, key_worker, manager, case, team, change, message):
    entry = an_entry(team, manager)
    data = {"entry": entry.pk, **_date(date(2026, 11, 2)), "source": "MACE", **change}
    response = client_for(key_worker).post(reverse("cases:concern-link", args=[case.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConcernLink.objects.exists()


def test_an_entry_of_another_team_or_already_linked_is_not_offered(
    client_for, key_worker, case, tee, outsider, other_team
):
    theirs = an_entry(other_team, outsider, name="Wigan entry")
    client = client_for(key_worker)
    page = client.get(reverse("cases:concern-link", args=[case.pk]))
    assert list(page.context["form"].fields["entry"].queryset) == []
    response = client.post(
        reverse("cases:concern-link", args=[case.pk]), {"entry": theirs.pk, **_date(date(2026, 11, 2)), "source": "X"}
    )
    assert response.status_code == 400
    assert ConcernLink.objects.filter(entry=theirs).count() == 0


def test_the_service_refuses_a_link_across_teams_twice_or_to_a_closed_case(key_worker, case, outsider, other_team, tee):
    from cases import services

    with pytest.raises(services.ConcernError):
        link(an_entry(other_team, outsider), case, key_worker)
    with pytest.raises(services.ConcernError):
        link(tee, case, key_worker)
    with pytest.raises(services.ConcernError):
        link(tee, case, key_worker, noticed_on=timezone.localdate() + timedelta(days=1))
    services.case_close(case=case, reason="Goals met", outcome="goals_met", by=key_worker)
    with pytest.raises(services.ConcernError):
        link(an_entry(case.team, key_worker, name="New"), case, key_worker)


def test_the_manager_sees_the_map_with_both_links_and_the_worker_gets_404(client_for, key_worker, manager, tee):
    page = client_for(manager).get(reverse("concerns:map")).content.decode()
    assert 'role="img"' in page and "<title" in page and "<desc" in page
    assert page.count("<line ") == 2 and "Lily" in page and "Destiny" in page
    assert client_for(key_worker).get(reverse("concerns:map")).status_code == 404


def test_the_map_escapes_what_people_typed(client_for, manager, case):
    entry = an_entry(case.team, manager, name="<script>alert(1)</script>")
    link(entry, case, manager)
    page = client_for(manager).get(reverse("concerns:map")).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_the_register_keeps_its_query_budget(client_for, key_worker, manager, case, lily, team):
    client = client_for(key_worker)
    assert_query_budget(
        client,
        reverse("concerns:register"),
        add_rows=lambda n: _many(team, [case, lily], manager, n),
        budget=14,
        small=3,
        large=80,
    )


def test_the_cases_concerns_page_keeps_its_query_budget(client_for, manager, case, lily, team):
    assert_query_budget(
        client_for(manager),
        reverse("cases:concerns", args=[case.pk]),
        add_rows=lambda n: _many(team, [case, lily], manager, n),
        budget=25,
        small=3,
        large=80,
    )


def test_the_map_keeps_its_query_budget(client_for, manager, case, lily, team):
    assert_query_budget(
        client_for(manager),
        reverse("concerns:map"),
        add_rows=lambda n: _many(team, [case, lily], manager, n),
        budget=12,
        small=3,
        large=80,
    )


def test_an_entrys_page_keeps_its_query_budget(client_for, manager, case, team, tee):
    from cases.tests.factories import CaseFactory

    def more_cases(n):
        for i in range(n):
            other = CaseFactory.create(team=team, key_worker=manager)
            ConcernLink.objects.create(
                entry=tee, case=other, source=f"S{i}", noticed_on=date(2026, 1, 1), created_by=manager
            )

    assert_query_budget(
        client_for(manager), reverse("concerns:entry", args=[tee.pk]), add_rows=more_cases, budget=12, small=1, large=6
    )

"""The register of concerns in tests: Destiny's and Lily's cases in one team, with different key workers,
and an entry of concern linked to both."""

from datetime import date

from accounts.tests.factories import UserFactory
from cases import services
from cases.tests.factories import CaseFactory


def lily_case(team):
    """Lily's case, in the same team, with a key worker of her own (who does not see Destiny's case)."""
    worker2 = UserFactory(username="worker2", first_name="Kieran", last_name="Walsh", team=team)
    return CaseFactory.create(given_name="Lily", team=team, key_worker=worker2)


def an_entry(team, by, *, name="Older male known as 'Tee'", kind="person"):
    return services.concern_add(team_id=team.pk, kind=kind, name=name, details="Drives a silver hatchback", by=by)


def link(entry, case, by, *, source="Police intelligence", noticed_on=date(2026, 11, 2)):
    return services.concern_link_add(entry=entry, case=case, source=source, noticed_on=noticed_on, by=by)

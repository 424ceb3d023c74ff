"""The register of concerns in tests: Destiny's and Lily's cases in one team, with different key workers,
and an entry of concern linked to both."""

from datetime import date

from cases import services


def an_entry(team, by, *, name="Older male known as 'Tee'", kind="person"):
    return services.concern_add(team_id=team.pk, kind=kind, name=name, details="Drives a silver hatchback", by=by)


def link(entry, case, by, *, source="Police intelligence", noticed_on=date(2026, 11, 2)):
    return services.concern_link_add(entry=entry, case=case, source=source, noticed_on=noticed_on, by=by)

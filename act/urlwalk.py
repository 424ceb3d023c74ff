"""Walking every URL pattern of the project, for the tests that must cover every page.

The URLs are read from the URLconf, not listed by hand, so a new page is covered the moment it is
mounted. Each pattern becomes one concrete path, with a sample value for each parameter.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

# A value for every URL parameter name the project uses. A new parameter name makes the walk fail
# until a sample is added here: nothing is skipped silently.
SAMPLES = {
    "pk": "{pk}",  # the Rochdale object of the URL's area: a case, a referral or a referral import
    "case_pk": "{case_pk}",
    "link_pk": "1",
    "member_pk": "1",
    "entry_pk": "1",
    "contribution_pk": "1",
    "proposal_pk": "1",
    "kind": "contact",
    "token": "a-token-that-does-not-exist",
    "uidb64": "MQ",
    "app_label": "accounts",
    "object_id": "1",
    "id": "1",
    "content_type_id": "1",
    "url": "no-such-admin-page/",
}

# The name every Rochdale object carries, so a test can tell when a page shows one.
SECRET = "Rochdale-Only-Name"


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}{ns}:" if ns else namespace
            yield from _walk(entry, prefix + _fill(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else f"{namespace}<unnamed:{entry.pattern}>"
            yield name, prefix + _fill(entry.pattern)


def _fill(pattern) -> str:
    """Turn one pattern into a concrete path, with a sample for each parameter."""
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: _sample(m.group(1)), str(pattern))
    if isinstance(pattern, RegexPattern):
        text = str(pattern).lstrip("^").rstrip("$").replace("\\Z", "")
        text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: _sample(m.group(1)), text)
        assert not re.search(r"[\\()\[\]*+?|^$]", text), f"cannot build a URL from the pattern {pattern}"
        return text
    raise AssertionError(f"unknown pattern type {pattern!r}")


def _sample(name: str) -> str:
    assert name in SAMPLES, f"add a sample value for the URL parameter '{name}' to SAMPLES"
    return SAMPLES[name]


def all_urls() -> list[tuple[str, str]]:
    """(name, path template) for every URL pattern; the template still holds {pk} and {case_pk}."""
    return sorted(set(_walk(get_resolver())))


def make_rochdale(key_worker) -> dict:
    """One object of each kind in the key worker's team (ACT Rochdale), all carrying the SECRET name."""
    from cases.models import ReferralImport
    from cases.tests.factories import CaseFactory, ReferralFactory

    team = key_worker.team
    case = CaseFactory(given_name=SECRET, team=team, key_worker=key_worker)
    referral = ReferralFactory(team=team, given_name=SECRET, created_by=key_worker)
    upload = ReferralImport.objects.create(team=team, created_by=key_worker, file_name=f"{SECRET}.csv", content=SECRET)
    return {"case": case, "referral": referral, "import": upload}


def concrete_path(name: str, path: str, objects: dict) -> str:
    """The path of one pattern, with the pk of the matching object (a case, a referral, an import)."""
    if name.startswith("referrals:import"):
        pk = objects["import"].pk
    elif name.startswith("referrals:"):
        pk = objects["referral"].pk
    else:
        pk = objects["case"].pk
    return "/" + path.format(pk=pk, case_pk=objects["case"].pk)

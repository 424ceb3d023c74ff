"""What the network tests share: Nan (the young person's grandmother, as the add form sends her) and the
network's URLs. The fixtures `nan`, `school_nurse` and `closed_case` are in conftest.py."""

from django.urls import reverse

from cases import services
from cases.models import NetworkMember

NAN = {
    "kind": "family",
    "name": "Nan",
    "relationship": "Grandmother",
    "agency": "",
    "contact_details": "07700 900123",
    "closeness": "close",
    "young_persons_view": "support",
}


def url(name, case, *args):
    return reverse(f"cases:{name}", args=[case.pk, *args])


def add(case, name="Nan", **fields):
    values = {**NAN, "name": name, **fields}
    return services.network_add(case=case, by=None, **values)


def active(case):
    return NetworkMember.objects.filter(case=case, removed_at__isnull=True)

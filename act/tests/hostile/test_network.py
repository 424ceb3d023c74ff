"""Hostile input to the network: adding someone, changing what is known about them, removing them; and
the ecomap that draws them (checked on every network page: well-formed SVG with nothing but its own
elements)."""

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.tests.factories import PartnerAgencyFactory, PartnerFactory
from cases import services
from cases.models import Case, NetworkMember

from .checks import assert_shown, attempt
from .inputs import HOSTILE, choice, chosen, form, pick, text, tick

Member = NetworkMember

MEMBER = {
    "kind": choice(Member.Kind.values),
    "name": text("Nan"),
    "relationship": text("Grandmother"),
    "agency": text(""),
    "contact_details": text("07700 900123"),
    "closeness": choice(Member.Closeness.values),
    "young_persons_view": choice(Member.View.values),
    "can_contribute": tick(),
}
member_data = form(**MEMBER)


def _network_pages(visitor, case) -> None:
    page = visitor.get(reverse("cases:network", args=[case.pk]))  # with the ecomap
    for member in NetworkMember.objects.filter(case=case, removed_at__isnull=True):
        assert_shown(page, member.name)
    visitor.get(reverse("cases:detail", args=[case.pk]))


ADD = "cases:network-add"


@given(data=form(**MEMBER, user=pick("", "nurse")), urlencoded=st.booleans(), times=st.integers(1, 2))
@HOSTILE
def test_adding_someone_to_the_network(key_worker, case, data, urlencoded, times):
    with attempt(ADD, key_worker) as visitor:
        agency = PartnerAgencyFactory(name="Rochdale School Nursing", kind="health")
        nurse = PartnerFactory(username="nurse", first_name="Priya", last_name="Shah", agency=agency)
        data = {**data, "user": chosen(data["user"], {"nurse": nurse.pk})}
        response = visitor.submit(reverse(ADD, args=[case.pk]), data, urlencoded=urlencoded, times=times)
        if response.status_code == 302:
            _network_pages(visitor, case)


EDIT = "cases:network-edit"
REMOVE = "cases:network-remove"


@given(data=member_data, partner=st.booleans(), urlencoded=st.booleans(), times=st.integers(1, 2))
@HOSTILE
def test_changing_someone_in_the_network(key_worker, case, partner_with_grant, data, partner, urlencoded, times):
    with attempt(EDIT, key_worker) as visitor:
        if partner:
            member = NetworkMember.objects.get(case=case, user=partner_with_grant)
        else:
            member = services.network_add(
                case=Case.objects.get(pk=case.pk),
                by=None,
                kind="family",
                name="Nan",
                closeness="close",
                young_persons_view="support",
            )
        response = visitor.submit(reverse(EDIT, args=[case.pk, member.pk]), data, urlencoded=urlencoded, times=times)
        if response.status_code == 302:
            _network_pages(visitor, case)
            remove = reverse(REMOVE, args=[case.pk, member.pk])
            visitor.get(remove)
            visitor.submit(remove, data, times=2)
            _network_pages(visitor, case)

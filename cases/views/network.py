"""The network around the young person: the people and services in their life, as a list and as an
ecomap, and the pages that add, change and remove them.

Anyone who may see the case sees its network; only those who may change the case change it (404 for
anyone else, partners included). A closed case's network is kept as it was: no changes until it reopens.
Adding a partner agency worker's account grants them access, and removing them takes it away: the services
do that, through the access policy.

Beside the professional view, those who read the young person's words (the access policy's words rule: the
people who may change the case) see the young person's own view, said in their space: how close they feel,
who makes them feel unsafe, who they added, and each change with what was there before.
"""

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import access, services
from ..case_page import posted, render_case
from ..ecomap import as_they_see_it, ecomap_svg, legend, shape_samples
from ..forms.network import MemberAddForm, MemberEditForm
from ..models import Case, NetworkChange, NetworkMember

CLOSENESS_ORDER = [value for value, _label in NetworkMember.Closeness.choices]
KIND_ORDER = [value for value, _label in NetworkMember.Kind.choices]
# The young person's changes shown on the network page, newest first (older ones are in the audit).
CHANGES_SHOWN = 20


def _active_members(case: Case) -> list[NetworkMember]:
    """The people in the network now, in the order of the picture: closest first, family first, by name."""
    members = NetworkMember.objects.filter(case=case, removed_at__isnull=True).select_related("user__agency")
    return sorted(
        members,
        key=lambda m: (
            CLOSENESS_ORDER.index(m.closeness) if m.closeness in CLOSENESS_ORDER else len(CLOSENESS_ORDER),
            KIND_ORDER.index(m.kind) if m.kind in KIND_ORDER else len(KIND_ORDER),
            m.name.lower(),
            m.pk,
        ),
    )


def _member(case: Case, member_pk: int) -> NetworkMember:
    """A current member of this case's network (the case already checked), or 404."""
    member = get_object_or_404(
        NetworkMember.objects.select_related("user__agency"), case=case, pk=member_pk, removed_at__isnull=True
    )
    member.case = case  # the services read it: no need to fetch it again
    return member


def _form_page(request, case: Case, form, title: str, *, viewed: str, **extra):
    context = {"form": form, "title": title, "back": reverse("cases:network", args=[case.pk]), **extra}
    return render_case(request, "cases/network_form.html", case, "network", context, viewed=viewed)


def _their_view(request, case: Case, members: list[NetworkMember]) -> dict:
    """The young person's own view of their people, for those who read their words; nothing for anyone else."""
    if not access.words_reader(request.user, case).may_read(family=True):
        return {"their_view": False}
    said = [seen for seen in as_they_see_it(members) if seen.said]
    changes = list(NetworkChange.objects.filter(case=case).select_related("member")[:CHANGES_SHOWN])
    name = case.young_person.called
    return {
        "their_view": True,
        "their_ecomap": ecomap_svg(
            name,
            said,
            id_prefix="their-ecomap",
            title=_("As %(name)s sees it: the people around them") % {"name": name},
        )
        if said
        else None,
        "unsafe": [member for member in members if member.feels_unsafe],
        "changes": changes,
        "unseen": [change for change in changes if change.seen_at is None],
        "newest_change": changes[0].pk if changes else None,
    }


@require_GET
def network(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    members = _active_members(case)
    context = {
        "members": members,
        "professionals": sum(1 for m in members if m.kind == NetworkMember.Kind.PROFESSIONAL),
        "ecomap": ecomap_svg(case.young_person.display_name, members),
        "legend": legend(),
        "shapes": shape_samples(),
        **_their_view(request, case, members),
    }
    return render_case(request, "cases/network.html", case, "network", context, viewed="network")


@require_POST
def changes_seen(request, pk: int):
    """Mark the young person's changes as seen, up to the newest the page showed."""
    case = access.get_case_for_change(request.user, pk, open_only=True)
    raw = request.POST.get("up_to", "")
    # Plain digits only (int() takes other scripts' digits too), and a number the database can compare with.
    up_to = min(int(raw), 2**62) if raw.isascii() and raw.isdigit() else 0
    if services.network_changes_seen(case=case, by=request.user, up_to=up_to):
        messages.success(request, _("Marked as seen."))
    return redirect(reverse("cases:network", args=[case.pk]) + "#their-changes")


@require_http_methods(["GET", "POST"])
def member_add(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    back = reverse("cases:network", args=[case.pk])
    form = MemberAddForm(posted(request), case=case, cancel_url=back)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.network_add(case=case, by=request.user, **form.member_fields())
        except (services.CaseError, IntegrityError):
            # Someone else added the same account a moment ago: the form's own check came too early.
            form.add_error("user", _("They are already in this network"))
        else:
            if member.user_id:
                messages.success(
                    request, _("%(name)s is in the network and can now see this case.") % {"name": member.name}
                )
            else:
                messages.success(request, _("%(name)s is in the network.") % {"name": member.name})
            return redirect(back)
    return _form_page(
        request,
        case,
        form,
        _("Add someone to the network"),
        viewed="network (to add someone)",
        consent=access.current_consent(case),
        consent_shown=True,
    )


@require_http_methods(["GET", "POST"])
def member_edit(request, pk: int, member_pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    member = _member(case, member_pk)
    back = reverse("cases:network", args=[case.pk])
    form = MemberEditForm(posted(request), case=case, member=member, cancel_url=back)
    if request.method == "POST" and form.is_valid():
        changed = form.changed_fields()
        if changed:
            services.network_update(member=member, by=request.user, **changed)
            messages.success(request, _("Details of %(name)s saved.") % {"name": member.name})
        return redirect(back)
    title = _("Change details of %(name)s") % {"name": member.name}
    return _form_page(request, case, form, title, viewed=f"network member {member.pk} (to change)", member=member)


@require_http_methods(["GET", "POST"])
def member_remove(request, pk: int, member_pk: int):
    """A confirmation page; the POST from it removes them. The row stays, with the time of removal."""
    case = access.get_case_for_change(request.user, pk, open_only=True)
    member = _member(case, member_pk)
    back = reverse("cases:network", args=[case.pk])
    if request.method == "POST":
        services.network_remove(member=member, by=request.user)
        if member.user_id:
            text = _("%(name)s is no longer in the network and can no longer see this case.")
        else:
            text = _("%(name)s is no longer in the network.")
        messages.success(request, text % {"name": member.name})
        return redirect(back)
    context = {"member": member, "back": back}
    return render_case(
        request, "cases/network_remove.html", case, "network", context, viewed=f"network member {member.pk} (to remove)"
    )

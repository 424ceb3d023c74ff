"""My people: the people around the young person, as they see them, in their own space.

They see each person's name and who they are to them, grouped by how close they feel, as a list and as a
picture (`cases.ecomap`, in their words). They move someone closer or further, add someone who matters, or
say someone makes them feel unsafe; each change is kept, with what was there before, for their worker
(`cases.services`). They never see contact details, accounts, anything staff wrote about a professional's
role, the professional view of how they feel, or anyone staff removed.

Addresses (after the space's "people/"): "" the page (and its POSTs: closer, further, safe); "add" the
form to add someone; "unsafe/<id>" the plain confirmation before saying someone makes them feel unsafe.
Every id posted is looked for among this case's current members only: any other is refused with the same
words, whatever it is.
"""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases import access
from cases import services as case_services
from cases.ecomap import YOUNG_PERSON_WORDS, as_they_see_it, ecomap_svg
from cases.models import LinkUse, NetworkMember, OwnCloseness
from cases.models.network import OWN_ORDER
from cases.views.shared_links import not_working

from . import Space

MOVES = {"closer": True, "further": False}
NOT_KEPT = gettext_lazy("Something in that could not be kept. Try again, or ask your worker.")
# A pk the database can compare with: anything else is not one of theirs.
LARGEST_ID = 2**31 - 1


class AddSomeoneForm(forms.Form):
    """Someone who matters to the young person, in their words. Only what they may say: no phone, no agency."""

    name = forms.CharField(
        max_length=150,
        error_messages={
            "required": gettext_lazy("Write their name, or what you call them."),
            "max_length": gettext_lazy("That is a bit long: please keep it to 150 letters."),
        },
    )
    relationship = forms.CharField(
        required=False,
        max_length=150,
        error_messages={"max_length": gettext_lazy("That is a bit long: please keep it to 150 letters.")},
    )
    closeness = forms.ChoiceField(
        choices=OwnCloseness.choices,
        error_messages={
            "required": gettext_lazy("Choose how close they feel."),
            "invalid_choice": gettext_lazy("Choose how close they feel."),
        },
    )


def _members(space: Space):
    return NetworkMember.objects.filter(case=space.case, removed_at__isnull=True).select_related("user__agency")


def _member(space: Space, raw) -> NetworkMember | None:
    """A current member of this space's case, by the id sent; None for anything else."""
    raw = str(raw)
    # Plain digits only (int() takes other scripts' digits too), and a number the database can compare with.
    if not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) <= LARGEST_ID:
        return None
    pk = int(raw)
    member = _members(space).filter(pk=pk).first()
    if member is not None:
        member.case = space.case  # the services read it: no need to fetch it again
    return member


def people(request: HttpRequest, space: Space, rest: str) -> HttpResponse:
    if rest == "add":
        return _add(request, space)
    first, _slash, raw = rest.partition("/")
    if first == "unsafe" and raw:
        return _unsafe(request, space, raw)
    if rest:
        return not_working(request)
    if request.method == "POST":
        return _act(request, space)
    return _page(request, space)


def _readers(space: Space):
    # The young person's own view is read by those who read their words: the access policy says who.
    return access.family_words_readers(space.case)


def _page(request: HttpRequest, space: Space, *, error: str = "", status: int = 200) -> HttpResponse:
    seen = as_they_see_it(_members(space))
    groups = [
        {"closeness": value, "label": OwnCloseness(value).label, "people": [s for s in seen if s.own == value]}
        for value in OWN_ORDER
    ]
    context = {
        "space": space,
        "title": _("My people"),
        "groups": groups,
        "everyone": seen,
        "picture": ecomap_svg(space.name, seen, id_prefix="my-people", words=YOUNG_PERSON_WORDS),
        "closest": OWN_ORDER[0],
        "furthest": OWN_ORDER[-1],
        "readers": _readers(space),
        "error": error,
    }
    return render(request, "dashboards/space/people.html", context, status=status)


def _saved(request: HttpRequest, space: Space, text: str, anchor: str = "") -> HttpResponse:
    case_services.link_used(link=space.link, event=LinkUse.Event.SAVED, address_hash=space.address)
    messages.success(request, text)
    return redirect(space.url("people") + anchor)


def _act(request: HttpRequest, space: Space) -> HttpResponse:
    action = request.POST.get("action", "")
    member = _member(space, request.POST.get("member", ""))
    if member is None or action not in (*MOVES, "safe"):
        return _page(request, space, error=str(NOT_KEPT), status=400)
    if action == "safe":
        changed = case_services.network_say_unsafe(member=member, link=space.link, unsafe=False)
        text = _("Saved: %(name)s no longer shows as making you feel unsafe.") % {"name": member.name}
    else:
        changed = case_services.network_move(member=member, link=space.link, closer=MOVES[action])
        text = _("Saved: %(name)s is now “%(closeness)s”.") % {
            "name": member.name,
            "closeness": OwnCloseness(member.closeness_as_they_see_it).label,
        }
    if changed is None:  # already so (a page sent twice): nothing to keep
        return redirect(space.url("people") + f"#person-{member.pk}")
    return _saved(request, space, text, f"#person-{member.pk}")


def _unsafe(request: HttpRequest, space: Space, raw: str) -> HttpResponse:
    member = _member(space, raw)
    if member is None:
        return not_working(request)
    if request.method == "POST":
        if case_services.network_say_unsafe(member=member, link=space.link, unsafe=True) is None:
            return redirect(space.url("people") + f"#person-{member.pk}")
        text = _("Saved. Thank you for telling us about %(name)s.") % {"name": member.name}
        return _saved(request, space, text, f"#person-{member.pk}")
    context = {
        "space": space,
        "title": _("Does %(name)s make you feel unsafe?") % {"name": member.name},
        "member": member,
        "readers": _readers(space),
    }
    return render(request, "dashboards/space/people_unsafe.html", context)


def _add(request: HttpRequest, space: Space) -> HttpResponse:
    form = AddSomeoneForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = case_services.network_add_own(
            link=space.link, name=data["name"], relationship=data["relationship"], own_closeness=data["closeness"]
        )
        return _saved(
            request, space, _("Added %(name)s to your people.") % {"name": member.name}, f"#person-{member.pk}"
        )
    context = {
        "space": space,
        "title": _("Add someone who matters to you"),
        "form": form,
        "choices": OwnCloseness.choices,
        "readers": _readers(space),
    }
    return render(request, "dashboards/space/people_add.html", context, status=400 if form.errors else 200)

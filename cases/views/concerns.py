"""The register of persons, places, vehicles and online accounts of concern: the team's register, an entry's
page, adding and changing an entry, the manager's map of links; and, on a case, its concerns and linking an
entry to it. Who sees what is decided in `cases.access.concerns`: a link is shown only with a case the
viewer may see, and nothing on these pages says that a case they may not see exists."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, audit, services
from ..case_page import posted, render_case
from ..concerns_map import concerns_map_svg
from ..forms.concerns import ConcernFilterForm, ConcernForm, ConcernLinkForm
from ..models import ConcernLink

PER_PAGE = 50


@require_GET
def register(request):
    if not access.reads_a_register(request.user):
        raise Http404("No register.")
    form = ConcernFilterForm(request.GET or None)
    entries = form.narrow(access.visible_concerns(request.user)).select_related("team").order_by("name", "pk")
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    audit.viewed(request, None, f"concern register, page {page.number}")
    context = {"form": form, "page": page, "may_add": _adds_to(request.user) is not None}
    return render(request, "cases/concerns/register.html", context)


def _adds_to(user) -> int | None:
    """The team whose register this person adds to, or None."""
    try:
        return access.concern_team_for_change(user)
    except Http404:
        return None


@require_GET
def entry_detail(request, pk: int):
    entry = access.get_concern_for_view(request.user, pk)
    links = access.visible_concern_links(request.user).filter(entry=entry).select_related("created_by")
    audit.viewed(request, None, f"concern register entry {entry.pk}")
    context = {
        "entry": entry,
        "links": links.order_by("-noticed_on", "-pk"),
        "may_change": _adds_to(request.user) == entry.team_id,
    }
    return render(request, "cases/concerns/entry.html", context)


@require_http_methods(["GET", "POST"])
def entry_add(request):
    team_id = access.concern_team_for_change(request.user)
    form = ConcernForm(posted(request), cancel_url=reverse("concerns:register"), button=_("Add to the register"))
    if request.method == "POST" and form.is_valid():
        entry = services.concern_add(team_id=team_id, by=request.user, **form.cleaned_data)
        messages.success(request, _("Added to the register. Link it to the cases where it appears."))
        return redirect("concerns:entry", pk=entry.pk)
    context = {"form": form, "title": _("Add to the register of concerns")}
    return render(request, "cases/concerns/form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def entry_edit(request, pk: int):
    entry = access.get_concern_for_change(request.user, pk)
    back = reverse("concerns:entry", args=[entry.pk])
    initial = {"kind": entry.kind, "name": entry.name, "details": entry.details}
    form = ConcernForm(posted(request), initial=initial, cancel_url=back, button=_("Save"))
    if request.method == "POST" and form.is_valid():
        services.concern_update(entry=entry, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(back)
    if request.method == "GET":
        audit.viewed(request, None, f"concern register entry {entry.pk} (to change)")
    context = {"form": form, "title": _("Change the entry"), "entry": entry}
    return render(request, "cases/concerns/form.html", context, status=400 if form.errors else 200)


@require_GET
def concerns_map(request):
    links = list(access.map_links(request.user))
    audit.viewed(request, None, "map of the concern register's links")
    context = {"links": links, "svg": concerns_map_svg(links)}
    return render(request, "cases/concerns/map.html", context)


def _grouped(links, case) -> list[dict]:
    """The case's entries, each with its link to this case and its links to the other cases shown."""
    groups: dict[int, dict] = {}
    for link in links:
        group = groups.setdefault(link.entry_id, {"entry": link.entry, "here": None, "elsewhere": []})
        if link.case_id == case.pk:
            group["here"] = link
        else:
            group["elsewhere"].append(link)
    return [group for group in groups.values() if group["here"] is not None]


@require_GET
def case_concerns(request, pk: int):
    case = access.get_case_for_concerns(request.user, access.get_case_for_view(request.user, pk))
    groups = _grouped(access.case_concern_links(request.user, case), case)
    context = {
        "groups": groups,
        "may_link": access.access_to(request.user, case).may_change_now and _adds_to(request.user) == case.team_id,
    }
    return render_case(request, "cases/concerns/case.html", case, "concerns", context, viewed="concerns")


@require_http_methods(["GET", "POST"])
def case_concern_link(request, pk: int):
    case = access.get_case_for_concerns(request.user, access.get_case_for_change(request.user, pk, open_only=True))
    if access.concern_team_for_change(request.user) != case.team_id:
        raise Http404("No such case.")
    back = reverse("cases:concerns", args=[case.pk])
    linked = ConcernLink.objects.filter(case=case).values("entry_id")
    entries = access.changeable_concerns(request.user).exclude(pk__in=linked).order_by("name", "pk")
    form = ConcernLinkForm(posted(request), entries=entries, cancel_url=back)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_link_add(case=case, by=request.user, **form.cleaned_data)
        except services.ConcernError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Linked. Everyone who may see this case sees the link."))
            return redirect(back)
    context = {"form": form, "title": _("Link an entry of the register of concerns")}
    status = 400 if form.errors else 200
    return render_case(
        request, "cases/concerns/link_form.html", case, "concerns", context, viewed="concerns (to link)", status=status
    )

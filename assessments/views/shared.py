"""The only door for people without an account: /s/<token>/.

A link opens exactly one thing (for now: one assessment section, for one person). Unknown, expired and
revoked links all get the same kind page with no data; wrong tokens and passcodes slow the address
down; every use is recorded. The person's words are saved as they type (and kept in the browser too,
so a dropped connection or a reload loses nothing) until they send them to their worker.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import services, throttle
from ..models import Contribution, LinkUse, SharedLink
from ..sections import prompts_for

E = LinkUse.Event
MAX_WORDS = 20000


def _not_working(request, status=404):
    return render(request, "assessments/link_not_working.html", status=status)


def _slow_down(request):
    response = render(request, "assessments/link_slow_down.html", status=429)
    response["Retry-After"] = str(throttle.WINDOW_SECONDS)
    return response


def _session_key(link: SharedLink) -> str:
    return f"shared-link-passcode-ok:{link.pk}"


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def shared_link(request, token: str):
    if throttle.blocked(request):
        return _slow_down(request)
    address = throttle.address_hash(request)
    link = (
        SharedLink.objects.filter(token_hash=services.token_hash(token))
        .select_related("section", "contribution", "case__young_person", "case__key_worker")
        .first()
        if len(token) <= 100
        else None
    )
    if link is None:
        throttle.failed(request)
        return _not_working(request)
    if services.link_state(link) != "active" or link.case.is_closed:
        services.link_used(link=link, event=E.REFUSED, address_hash=address)
        return _not_working(request)

    if link.passcode_hash and not request.session.get(_session_key(link)):
        return _passcode(request, link, address)

    contribution = link.contribution
    action = request.POST.get("action") if request.method == "POST" else None
    if action in ("autosave", "save", "send"):
        return _save(request, link, contribution, action, address)
    services.link_used(link=link, event=E.OPENED, address_hash=address)
    return _page(request, link, contribution)


def _passcode(request, link, address):
    error = None
    if request.method == "POST" and request.POST.get("action") == "passcode":
        if services.link_check_passcode(link, request.POST.get("passcode", "").strip()):
            request.session.cycle_key()
            request.session[_session_key(link)] = True
            services.link_used(link=link, event=E.PASSCODE_OK, address_hash=address)
            return redirect(request.path)
        throttle.failed(request)
        services.link_used(link=link, event=E.WRONG_PASSCODE, address_hash=address)
        error = _("That is not the passcode. Check with your worker if you are not sure.")
    return render(request, "assessments/link_passcode.html", {"error": error}, status=400 if error else 200)


def _page(request, link, contribution, *, error=None, conflict=None, status=200):
    prompts = prompts_for(link.section.kind, link.contributor)
    worker = link.case.key_worker
    context = {
        "link": link,
        "contribution": contribution,
        "prompts": prompts,
        "name": link.contributor_name,
        "worker_name": worker.first_name if worker else _("your worker"),
        "sent": contribution.status != Contribution.Status.DRAFT,
        "error": error,
        "conflict": conflict,
        "storage_key": f"act-words-{link.pk}",
    }
    return render(request, "assessments/shared_section.html", context, status=status)


def _save(request, link, contribution, action, address):
    is_json = action == "autosave"
    if contribution.status != Contribution.Status.DRAFT:
        if is_json:
            return JsonResponse({"error": _("You have already sent this.")}, status=409)
        return redirect(request.path)
    text = request.POST.get("text", "")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    if len(text) > MAX_WORDS:
        message = _("That is more than we can keep in one go. Please make it a bit shorter.")
        if is_json:
            return JsonResponse({"error": message}, status=400)
        return _page(request, link, contribution, error=message, status=400)
    label = link.contributor_name or link.get_contributor_display()
    try:
        contribution = services.contribution_save(
            contribution=contribution, text=text, expected_version=version, label=label
        )
    except services.Conflict as clash:
        if is_json:
            return JsonResponse(
                {"conflict": True, "current": clash.current, "version": clash.current_version}, status=409
            )
        return _page(request, link, contribution, conflict={"mine": text}, status=409)
    services.link_used(link=link, event=E.SAVED, address_hash=address)
    if action == "send":
        if not contribution.text.strip():
            return _page(request, link, contribution, error=_("Write something first, then send it."), status=400)
        services.contribution_send(contribution=contribution, label=label)
        services.link_used(link=link, event=E.SENT, address_hash=address)
        return redirect(request.path)
    if is_json:
        return JsonResponse({"version": contribution.version, "saved": True})
    return redirect(request.path)

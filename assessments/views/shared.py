"""The only door for people without an account: /s/<token>/.

A link opens exactly one thing (for now: one assessment section, for one person). Unknown, expired and
revoked links all get the same kind page with no data; guessing is slowed down without locking out
anyone else (see throttle.py); every use is recorded. The person's words are saved as they type (and kept
in the browser too, so a dropped connection or a reload loses nothing) until they send them to their
worker. The page names, from the access policy, who will read what they send, and lets them choose
which partner agencies on the case may read it too (none unless they choose).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases import access

from .. import services, throttle
from ..forms.shared import PasscodeForm, ShareForm, WordsForm, first_error
from ..models import Contribution, LinkUse, SharedLink
from ..sections import prompts_for

Event = LinkUse.Event


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
    link = services.link_find(token)
    if link is None:
        # Only unknown tokens count against an address, and only they are refused for it.
        if throttle.unknown_tokens_blocked(request):
            return _slow_down(request)
        throttle.unknown_token(request)
        return _not_working(request)
    address = throttle.address_hash(request)
    if link.state != SharedLink.State.WORKING:
        services.link_used(link=link, event=Event.REFUSED, address_hash=address)
        return _not_working(request)

    if link.passcode_hash and not request.session.get(_session_key(link)):
        return _passcode(request, link, address)

    if request.method == "POST":
        if request.POST.get("action") == "share":
            return _share(request, link, address)
        if request.POST.get("action") == "more":
            return _write_more(request, link, address)
        return _save(request, link, address)
    services.link_used(link=link, event=Event.OPENED, address_hash=address)
    return _page(request, link)


def _passcode(request, link, address):
    if throttle.passcodes_blocked(link.pk):
        return _slow_down(request)
    error = None
    if request.method == "POST" and request.POST.get("action") == "passcode":
        form = PasscodeForm(request.POST)
        if form.is_valid() and services.link_check_passcode(link, form.cleaned_data["passcode"].strip()):
            request.session.cycle_key()
            request.session[_session_key(link)] = True
            services.link_used(link=link, event=Event.PASSCODE_OK, address_hash=address)
            return redirect(request.path)
        throttle.wrong_passcode(link.pk)
        services.link_used(link=link, event=Event.WRONG_PASSCODE, address_hash=address)
        error = _("That is not the passcode. Check with your worker if you are not sure.")
    return render(request, "assessments/link_passcode.html", {"error": error}, status=400 if error else 200)


def _page(request, link, *, error=None, conflict=None, status=200):
    contribution = link.contribution
    prompts = prompts_for(link.section.kind, link.contributor)
    worker = link.case.key_worker
    agencies = access.partner_agencies_of(link.case)
    shared_now = services.contribution_shared_with(contribution)
    # Only a link behind a passcode shows words already sent: on one without, anyone who finds the phone
    # or the link could read them.
    private = bool(link.passcode_hash)
    before = services.sent_before(link)
    context = {
        "link": link,
        "contribution": contribution,
        "prompts": prompts,
        "questions": [(number, question) for number, question in enumerate(prompts.questions, start=1)],
        "name": link.contributor_name,
        "worker_name": worker.first_name if worker else _("your worker"),
        "worker_initial": worker.first_name[:1].upper() if worker and worker.first_name else "",
        "sent": contribution.status != Contribution.Status.DRAFT,
        "private": private,
        "sent_before": list(before.only("text", "sent_at")) if private else [],
        "sent_before_count": before.count() if not private else 0,
        "error": error,
        "conflict": conflict,
        "storage_key": f"act-words-{link.pk}",
        # Who reads what they send, from the policy; and who else may, if they choose.
        "readers": access.family_words_readers(link.case),
        "agencies": [
            {"pk": pk, "name": name, "people": people, "shared": pk in shared_now} for pk, name, people in agencies
        ],
    }
    return render(request, "assessments/shared_section.html", context, status=status)


def _refused(request, link, message: str, *, is_json: bool, status: int = 400):
    if is_json:
        return JsonResponse({"error": message}, status=status)
    return _page(request, link, error=message, status=status)


def _save(request, link, address):
    contribution = link.contribution
    form = WordsForm(request.POST)
    is_json = request.POST.get("action") == "autosave"
    if not form.is_valid():
        return _refused(request, link, first_error(form), is_json=is_json)
    action, text, version = form.cleaned_data["action"], form.cleaned_data["text"], form.cleaned_data["version"]
    if contribution.status != Contribution.Status.DRAFT:
        if is_json:
            return JsonResponse({"error": _("You have already sent this.")}, status=409)
        return redirect(request.path)
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
        link.contribution = contribution
        return _page(request, link, conflict={"mine": text}, status=409)
    services.link_used(link=link, event=Event.SAVED, address_hash=address)
    if action == "send":
        if not contribution.text.strip():
            link.contribution = contribution
            return _page(request, link, error=_("Write something first, then send it."), status=400)
        services.contribution_send(contribution=contribution, label=label)
        services.link_used(link=link, event=Event.SENT, address_hash=address)
        return redirect(request.path)
    if is_json:
        return JsonResponse({"version": contribution.version, "saved": True})
    messages.success(request, _saved_message(link))
    return redirect(request.path)


def _saved_message(link: SharedLink) -> str:
    """What "Save for later" did, in words that are true for this link."""
    if link.passcode_hash:
        return _("Saved. Only you can see this until you send it: the page needs your passcode.")
    return _(
        "Saved. Nobody who works with you can see this until you send it. But anyone who has this link can "
        "open it, so keep the link to yourself."
    )


def _write_more(request, link, address):
    """After sending, they add more: new words of their own, sent separately when they are ready."""
    if link.contribution.status == Contribution.Status.DRAFT:
        return redirect(request.path)
    services.link_write_more(link=link)
    services.link_used(link=link, event=Event.MORE, address_hash=address)
    return redirect(f"{request.path}#words")


def _share(request, link, address):
    """Their choice of partner agencies that may read these words: recorded, and changeable at any time."""
    agencies = access.partner_agencies_of(link.case)
    form = ShareForm(request.POST, agencies=agencies)
    if not form.is_valid():
        return _page(request, link, error=_("Choose from the people listed, or none."), status=400)
    label = link.contributor_name or link.get_contributor_display()
    services.link_share(
        link=link,
        agency_ids=set(form.cleaned_data["agencies"]),
        allowed={pk for pk, _name, _people in agencies},
        label=label,
    )
    services.link_used(link=link, event=Event.SHARED, address_hash=address)
    return redirect(f"{request.path}#who-reads")

"""The young person's page "me": they build a cartoon image of themselves, choose their space's colours
and, if they want, add a photo. It works without JavaScript: "Try it" draws the image on the server and
shows it without keeping it; "Keep this" keeps it.

Addresses under the page: "" (the page), "photo" (their photo, sent by the app with no-store) and
"photo/remove" (asks first, then deletes it). Everything is found from the space's own case, never from
the address.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases import access, avatar, photos
from cases import services as case_services
from cases.forms.appearance import AppearanceForm, PhotoForm
from cases.models import Appearance, LinkUse
from cases.services.appearance import CHOICES, preview
from cases.views.appearance import photo_response
from cases.views.shared_links import not_working

from . import Space

Saved = LinkUse.Event.SAVED


def page(request: HttpRequest, space: Space, rest: str) -> HttpResponse:
    if not space.is_young_person:
        return not_working(request)
    if rest == "":
        return _builder(request, space)
    if rest == "photo" and request.method == "GET":
        return _photo(request, space)
    if rest == "photo/remove":
        return _remove(request, space)
    return not_working(request)


def _groups(form: AppearanceForm, chosen: dict[str, str]) -> list[dict]:
    """Each choice as a group of radios: its name, legend, options, what is chosen and any error."""
    return [
        {
            "name": name,
            "legend": form.fields[name].label,
            "options": options.choices,
            "chosen": chosen.get(name),
            "error": (form.errors.get(name) or [None])[0],
        }
        for name, options in CHOICES.items()
    ]


def _draw(
    request: HttpRequest,
    space: Space,
    *,
    form: AppearanceForm | None = None,
    svg: str = "",
    trying: bool = False,
    photo_form: PhotoForm | None = None,
    status: int = 200,
) -> HttpResponse:
    look: Appearance | None = space.case.young_person.look
    chosen = AppearanceForm.initial_for(look)
    if not svg:
        # What they have now (with ids of its own: the header shows it too), or the first image.
        svg = avatar.with_new_ids(look.svg) if look is not None else preview(chosen)
    if form is not None and form.is_bound:
        chosen = {name: form.data.get(name, "") for name in CHOICES}
    errors = [(f"me-{name}", error[0]) for name, error in (form.errors.items() if form is not None else [])]
    photo_error = photo_form.errors["photo"][0] if photo_form is not None and "photo" in photo_form.errors else ""
    if photo_error:
        errors.append(("me-photo", photo_error))
    context = {
        "space": space,
        "title": _("How you look"),
        "groups": _groups(form or AppearanceForm(), chosen),
        "preview": svg,
        "trying": trying,
        "has_photo": bool(look and look.photo),
        "errors": errors,
        "photo_error": photo_error,
        "readers": access.plan_readers(space.case),
        "me_url": space.url("me"),
        "photo_url": space.url("me/photo"),
        "remove_url": space.url("me/photo/remove"),
    }
    return render(request, "dashboards/space/me.html", context, status=status)


def _builder(request: HttpRequest, space: Space) -> HttpResponse:
    if request.method != "POST":
        return _draw(request, space)
    action = request.POST.get("action")
    if action == "photo":
        return _add_photo(request, space)
    form = AppearanceForm(request.POST)
    if action not in ("try", "keep") or not form.is_valid():
        return _draw(request, space, form=form, status=400)
    if action == "try":
        return _draw(request, space, form=form, svg=preview(form.cleaned_data), trying=True)
    case_services.appearance_save(young_person=space.case.young_person, choices=form.cleaned_data, link=space.link)
    case_services.link_used(link=space.link, event=Saved, address_hash=space.address)
    messages.success(request, _("Your picture is saved."))
    return redirect(space.url("me"))


def _add_photo(request: HttpRequest, space: Space) -> HttpResponse:
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            case_services.photo_save(
                young_person=space.case.young_person, data=form.cleaned_data["photo"], link=space.link
            )
        except photos.PhotoError as error:
            form.add_error("photo", str(error))
    if not form.is_valid():
        return _draw(request, space, photo_form=form, status=400)
    case_services.link_used(link=space.link, event=Saved, address_hash=space.address)
    messages.success(request, _("Your photo is added."))
    return redirect(space.url("me"))


def _photo(request: HttpRequest, space: Space) -> HttpResponse:
    look = space.case.young_person.look
    if look is None or not look.photo:
        return not_working(request)
    try:
        return photo_response(look.photo.name)
    except Http404:
        return not_working(request)


def _remove(request: HttpRequest, space: Space) -> HttpResponse:
    look = space.case.young_person.look
    if look is None or not look.photo:
        return redirect(space.url("me"))
    if request.method == "POST":
        case_services.photo_remove(young_person=space.case.young_person, link=space.link)
        case_services.link_used(link=space.link, event=Saved, address_hash=space.address)
        messages.success(request, _("Your photo is deleted."))
        return redirect(space.url("me"))
    context = {
        "space": space,
        "title": _("Delete your photo?"),
        "me_url": space.url("me"),
        "photo_url": space.url("me/photo"),
    }
    return render(request, "dashboards/space/me_photo_remove.html", context)

"""Staff pages of the dashboards: making the link to a young person's or a parent's or carer's space. The
token is shown once, on the page that makes it; the case's list of links lists and revokes it with every
other link of the case."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases import access, shared_links
from cases.case_page import posted, render_case
from cases.forms.shared_links import LinkForm
from cases.models import Person

from . import services


@never_cache
@require_http_methods(["GET", "POST"])
def space_link_new(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    back_url = reverse("cases:shared-links", args=[case.pk])
    form = LinkForm(posted(request), passcode_required=True, initial={"contributor": Person.YOUNG_PERSON, "days": 30})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            link, token = services.space_link_create(
                case=case,
                person=data["contributor"],
                name=data["name"].strip(),
                by=request.user,
                days=data["days"],
                passcode=data["passcode"],
            )
        except services.SpaceError as error:
            form.add_error(None, str(error))
        else:
            url, qr = shared_links.address_and_code(request, token)
            what = _("their space")
            context = {"link": link, "what": what, "url": url, "qr": qr, "has_passcode": True, "back_url": back_url}
            return render_case(request, "plans/link_made.html", case, "overview", context, viewed="space link made")
    title = _("Make a link to their space")
    context = {
        "form": form,
        "title": title,
        "explanation": _(
            "Their space is their own home page on their phone: what is waiting for them, their plan and goals, "
            "their next meeting, their picture, the people around them and their check-ins. A parent's or "
            "carer's space holds only what is for them. Agree a passcode with them: it opens everything of theirs."
        ),
        "back_url": back_url,
    }
    return render_case(
        request,
        "plans/link_new.html",
        case,
        "overview",
        context,
        viewed=f"{title} (to make one)",
        status=400 if form.errors else 200,
    )

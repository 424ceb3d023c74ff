"""Staff pages of the dashboards: where signing in leads, and making the link to a young person's or a
parent's or carer's space. The token is shown once, on the page that makes it; the case's list of links lists
and revokes it with every other link of the case."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from cases import access
from cases.views.links import make_passcode_link_page

from . import services


@never_cache
@require_http_methods(["GET", "POST"])
def space_link_new(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)

    def create(**kwargs):
        return services.space_link_create(case=case, by=request.user, **kwargs)

    return make_passcode_link_page(
        request,
        case,
        "overview",
        title=_("Make a link to their space"),
        explanation=_(
            "Their space is their own home page on their phone: what is waiting for them, their plan and goals, "
            "their next meeting, their picture, the people around them and their check-ins. A parent's or "
            "carer's space holds only what is for them. Agree a passcode with them: it opens everything of theirs."
        ),
        back_url=reverse("cases:shared-links", args=[case.pk]),
        what=_("their space"),
        create=create,
        refused=services.SpaceError,
        days=30,
    )


# Who has work of their own to start from: the people cases are allocated or coordinated to.
HAS_OWN_WORK = (User.Role.ACT_WORKER, User.Role.PLAN_COORDINATOR)


@require_GET
def home(request):
    """Where signing in, and the service's name in the header, lead: a team's manager to the team's dashboard,
    a worker or plan coordinator to My work, anyone else (a partner agency worker, the administrator) to the
    cases they may see."""
    user = request.user
    if access.managed_team_id(user) is not None:
        return redirect("dashboards:team")
    if user.role in HAS_OWN_WORK:
        return redirect("dashboards:my-work")
    return redirect("cases:list")

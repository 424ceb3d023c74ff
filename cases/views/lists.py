from typing import cast

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import User

from .. import access
from ..forms.lists import OPEN, CaseFilterForm
from ..models import Case, Stage
from ..models.risk import at_level
from ..queries import with_flags

PAGE_SIZE = 50
ORDER = ("young_person__given_name", "young_person__family_name", "pk")
# What a row shows: the young person's name, the stage, the key worker's name (not the rest of each record).
ROW_FIELDS = (
    "stage",
    "young_person__given_name",
    "young_person__family_name",
    "young_person__preferred_name",
    "key_worker__first_name",
    "key_worker__last_name",
    "key_worker__username",
)


def _key_workers(user: User) -> QuerySet[User] | None:
    """Whom the Cases page may be filtered by: for the manager of a team, who sees all its cases, the people
    its cases can be allocated to. Anyone else sees only the cases they are on, most of them as the key
    worker, so a filter by key worker would only tell them about colleagues: None, and the page has none."""
    team_id = access.managed_team_id(user)
    if team_id is None:
        return None
    return User.objects.filter(team_id=team_id, is_active=True, role__in=[User.Role.ACT_WORKER, User.Role.MANAGER])


@require_GET
def case_list(request):
    """My cases for a worker; the whole team for a manager (both are what the access policy lets them see)."""
    user = request.user
    data = request.GET if request.GET else {"stage": OPEN}
    form = CaseFilterForm(data, workers=_key_workers(user))
    cases = access.visible_cases(user)
    if form.is_valid():
        stage, q = form.cleaned_data["stage"], form.cleaned_data["q"].strip()
        if stage == OPEN:
            cases = cases.exclude(stage=Stage.CLOSED)
        elif stage:
            cases = cases.filter(stage=stage)
        if form.cleaned_data.get("risk"):
            cases = at_level(cases, form.cleaned_data["risk"])
        if form.cleaned_data.get("worker"):
            cases = cases.filter(key_worker=form.cleaned_data["worker"])
        for word in q.split()[:5]:
            cases = cases.filter(
                Q(young_person__given_name__icontains=word)
                | Q(young_person__family_name__icontains=word)
                | Q(young_person__preferred_name__icontains=word)
            )
    ids = Paginator(cases.order_by(*ORDER).values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    # The flags of this page's cases only: the page's ids are a subquery (its order and limit), so that the
    # database looks each flag up for each of these 50 cases through an index, instead of building, for each
    # flag, a table of every case of the team (its plan for the hundreds of cases a filter may leave).
    flagged = (
        with_flags(Case.objects.filter(pk__in=ids.object_list), user)
        .select_related("young_person", "key_worker")
        .only(*ROW_FIELDS)
    )
    # The page of ids, now of the cases themselves (its paginator counts and numbers the pages, of either).
    page = Page(list(flagged.order_by(*ORDER)), ids.number, cast("Paginator[Case]", ids.paginator))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "cases/case_list.html", {"page": page, "form": form, "query": query.urlencode()})

"""The case overview and the changes made to the case itself: the young person's details, the people
around the case, allocation, stage, closing and reopening, links to other cases, and the audit trail."""

from collections.abc import Mapping

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, services
from ..case_page import posted, render_case
from ..forms.record import AllocateForm, LinkForm, PeopleForm, ReopenForm, StageForm, YoungPersonForm
from ..models import Case, CaseLink, KeyWorkerSpell, Move, NetworkMember, StageChange
from . import closing
from .living import in_last_year


@require_GET
def case_detail(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    counts = _overview_counts(case)
    context = {
        "spells": KeyWorkerSpell.objects.filter(case=case).select_related("worker"),
        "stage_changes": StageChange.objects.filter(case=case).select_related("changed_by").order_by("-changed_at")[:5],
        "links": [(link, link.other(case)) for link in access.linked_cases(request.user, case)],
        "network_counts": {"people": counts["people"], "professionals": counts["professionals"]},
        "referrals": list(access.case_referrals(request.user, case)),
        "consent": access.current_consent(case),
        "moves_last_year": counts["moves_last_year"],
    }
    return render_case(request, "cases/case_detail.html", case, "overview", context, viewed="case overview")


def _counted(rows: QuerySet) -> Coalesce:
    """How many of `rows` (a queryset of the case's rows, `case` its link to the case) there are, as a subquery."""
    counted = rows.order_by().values("case").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _overview_counts(case) -> Mapping[str, object]:
    """The people and professionals in the network now, and the moves of the last year: one query."""
    members = NetworkMember.objects.filter(case=OuterRef("pk"), removed_at__isnull=True)
    return (
        Case.objects.filter(pk=case.pk)
        .annotate(
            people=_counted(members),
            professionals=_counted(members.filter(kind=NetworkMember.Kind.PROFESSIONAL)),
            moves_last_year=_counted(in_last_year(Move.objects.filter(case=OuterRef("pk")))),
        )
        .values("people", "professionals", "moves_last_year")
        .get()
    )


def _form_page(request, case, form, title: str, *, viewed: str, **extra):
    context = {"form": form, "title": title, **extra}
    return render_case(request, "cases/case_form.html", case, "overview", context, viewed=viewed)


@require_http_methods(["GET", "POST"])
def young_person_edit(request, pk: int):
    case = access.get_case_for_change(request.user, pk)
    back = reverse("cases:detail", args=[case.pk])
    form = YoungPersonForm(posted(request), instance=case.young_person, cancel_url=back)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            services.young_person_update(
                case=case, young_person=form.instance, fields=form.changed_data, by=request.user
            )
            messages.success(request, _("Details saved."))
        return redirect(back)
    return _form_page(request, case, form, _("About the young person"), viewed="young person's details (to change)")


@require_http_methods(["GET", "POST"])
def people_edit(request, pk: int):
    case = access.get_case_for_change(request.user, pk)
    back = reverse("cases:detail", args=[case.pk])
    initial = {
        "social_worker_name": case.social_worker_name,
        "social_worker_contact": case.social_worker_contact,
        "plan_coordinator": case.plan_coordinator,
    }
    form = PeopleForm(posted(request), initial=initial, cancel_url=back)
    if request.method == "POST" and form.is_valid():
        services.case_update_people(
            case=case,
            social_worker_name=form.cleaned_data["social_worker_name"],
            social_worker_contact=form.cleaned_data["social_worker_contact"],
            coordinator=form.cleaned_data["plan_coordinator"],
            by=request.user,
        )
        messages.success(request, _("People around the case saved."))
        return redirect(back)
    return _form_page(request, case, form, _("People around the case"), viewed="people around the case (to change)")


@require_http_methods(["GET", "POST"])
def allocate(request, pk: int):
    """Changing the key worker is the manager's decision."""
    case = access.get_case_for_management(request.user, pk, open_only=True)
    back = reverse("cases:detail", args=[case.pk])
    form = AllocateForm(posted(request), team=case.team, initial={"key_worker": case.key_worker}, cancel_url=back)
    if request.method == "POST" and form.is_valid():
        services.case_allocate(case=case, worker=form.cleaned_data["key_worker"], by=request.user)
        messages.success(request, _("Key worker changed. The history keeps who worked with them before."))
        return redirect(back)
    return _form_page(request, case, form, _("Change the key worker"), viewed="key worker (to change)")


@require_http_methods(["GET", "POST"])
def stage_change(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    back = reverse("cases:detail", args=[case.pk])
    form = StageForm(posted(request), initial={"stage": case.stage}, cancel_url=back)
    if request.method == "POST" and form.is_valid():
        services.case_change_stage(
            case=case, stage=form.cleaned_data["stage"], reason=form.cleaned_data["reason"], by=request.user
        )
        messages.success(request, _("Stage saved."))
        return redirect(back)
    return _form_page(request, case, form, _("Change the stage"), viewed="stage (to change)")


@require_http_methods(["GET", "POST"])
def close(request, pk: int):
    """Closing needs the manager's agreement: the key worker asks, the team's manager closes (or answers a
    request). Anyone else who may change the case sees where the closing stands."""
    return closing.close_page(request, access.get_case_for_change(request.user, pk, open_only=True))


@require_http_methods(["GET", "POST"])
def reopen(request, pk: int):
    case = access.get_case_for_change(request.user, pk)
    back = reverse("cases:detail", args=[case.pk])
    if not case.is_closed:
        return redirect(back)
    form = ReopenForm(posted(request), cancel_url=back)
    if request.method == "POST" and form.is_valid():
        services.case_reopen(case=case, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("The case is open again."))
        return redirect(back)
    return _form_page(request, case, form, _("Reopen the case"), viewed="reopening the case")


@require_http_methods(["GET", "POST"])
def link_add(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    back = reverse("cases:detail", args=[case.pk])
    # Only cases this person may see can be linked: linking says something about both.
    already = CaseLink.objects.filter(Q(case_a=case) | Q(case_b=case)).values_list("case_a", "case_b")
    linked = {pk for pair in already for pk in pair}
    choices = (
        access.visible_cases(request.user)
        .exclude(pk__in=linked | {case.pk})
        .select_related("young_person")
        .order_by("young_person__given_name")
    )
    form = LinkForm(posted(request), cases=choices, cancel_url=back)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_link(
                case=case, other=form.cleaned_data["other"], reason=form.cleaned_data["reason"], by=request.user
            )
        except services.CaseError as error:
            form.add_error("other", str(error))
        else:
            messages.success(request, _("Cases linked."))
            return redirect(back)
    return _form_page(request, case, form, _("Link to another young person's case"), viewed="linking to another case")


@require_http_methods(["GET", "POST"])
def link_remove(request, pk: int, link_pk: int):
    case = access.get_case_for_change(request.user, pk)
    link = get_object_or_404(access.linked_cases(request.user, case), pk=link_pk)
    back = reverse("cases:detail", args=[case.pk])
    if request.method == "POST":
        services.case_unlink(link=link, by=request.user)
        messages.success(request, _("The link is removed."))
        return redirect(back)
    context = {"link": link, "other": link.other(case), "back": back}
    return render_case(request, "cases/link_remove.html", case, "overview", context, viewed="removing a case link")


@require_GET
def audit_trail(request, pk: int):
    case = access.get_case_for_management(request.user, pk)
    events = case.audit_events.select_related("user").order_by("-at", "-pk")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render_case(request, "cases/audit.html", case, "audit", {"page": page}, viewed="audit trail")

"""Importing referrals from the council system's CSV export: upload, check (in the background), confirm,
import (in the background), summary.

Only the managers of a team, for their own team: anyone else gets 404 on every page here, like a page
that does not exist. Nothing is imported until the manager confirms, and nothing with a problem at all
unless they choose to import only the good rows.
"""

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import access, audit, services
from ..case_page import posted
from ..csvsafe import safe_row
from ..forms.referral_import import ConfirmForm, UploadForm
from ..models import ReferralImport
from ..referral_import import COLUMNS, MAX_FILE_SIZE_LABEL, FileProblem, read_text

Status = ReferralImport.Status
ACTIVE = (Status.CHECKING, Status.IMPORTING)
PROBLEMS_PER_PAGE = 100
# Without JavaScript the page reloads itself this often while the file is checked or imported.
REFRESH_SECONDS = 5
RECENT_IMPORTS = 10


def _require_manager(user) -> None:
    if not access.may_decide_referrals(user):
        raise Http404("No such page.")


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def progress_of(upload: ReferralImport) -> dict:
    """What the progress indicator shows, for the page and for its JSON."""
    total = upload.total_rows
    processed = min(upload.processed_rows, total)
    if upload.status == Status.CHECKING:
        message = _("Checked %(done)s of %(total)s rows") % {"done": _number(processed), "total": _number(total)}
    elif upload.status == Status.IMPORTING:
        # Rows left out (with problems) count as done too, so the bar reaches the end.
        message = _("Importing: %(done)s of %(total)s rows done") % {
            "done": _number(processed),
            "total": _number(total),
        }
    else:
        message = str(upload.get_status_display())
    return {
        "status": upload.status,
        "status_label": str(upload.get_status_display()),
        "active": upload.status in ACTIVE,
        "processed": processed,
        "total": total,
        "percent": int(processed * 100 / total) if total else 0,
        "message": message,
    }


@require_http_methods(["GET", "POST"])
@never_cache
def import_upload(request):
    user = request.user
    _require_manager(user)
    form = UploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        assert form.csv_file is not None, "a valid upload is a file that was read"
        upload = services.referral_import_create(
            csv_file=form.csv_file, file_name=form.cleaned_data["file"].name, by=user
        )
        return redirect("referrals:import-detail", pk=upload.pk)
    recent = (
        ReferralImport.objects.filter(team_id=user.team_id)
        .only("pk", "file_name", "created_at", "status", "total_rows", "imported_rows", "created_by")
        .select_related("created_by")[:RECENT_IMPORTS]
    )
    return render(
        request,
        "cases/imports/upload.html",
        {"form": form, "recent": recent, "max_size": MAX_FILE_SIZE_LABEL, "columns": COLUMNS},
        status=400 if form.is_bound else 200,
    )


def _render_detail(request, upload: ReferralImport, *, confirm_form: ConfirmForm | None = None, status: int = 200):
    context: dict = {
        "upload": upload,
        "progress": progress_of(upload),
        "refresh_seconds": REFRESH_SECONDS,
        "bad_rows": len(upload.problems),
    }
    if upload.problems:
        context["problems"] = Paginator(upload.problems, PROBLEMS_PER_PAGE).get_page(request.GET.get("page"))
    if upload.status == Status.CHECKED:
        context["confirm_form"] = confirm_form or ConfirmForm(upload=upload)
        try:
            csv_file = read_text(upload.content)
        except FileProblem:  # read at upload already; the notes are a courtesy
            csv_file = None
        if csv_file is not None:
            context["ignored_columns"] = csv_file.ignored_columns
            context["blank_lines"] = csv_file.blank_lines
    return render(request, "cases/imports/detail.html", context, status=status)


@require_GET
@never_cache
def import_detail(request, pk: int):
    upload = access.get_import_for_manager(request.user, pk)
    audit.viewed(request, None, f"referral import {upload.pk}")
    return _render_detail(request, upload)


@require_GET
@never_cache
def import_progress(request, pk: int):
    return JsonResponse(progress_of(access.get_import_for_manager(request.user, pk)))


@require_POST
def import_confirm(request, pk: int):
    upload = access.get_import_for_manager(request.user, pk)
    if upload.status != Status.CHECKED:
        messages.info(request, _("This import has already started or finished."))
        return redirect("referrals:import-detail", pk=upload.pk)
    form = ConfirmForm(request.POST, upload=upload)
    if not form.is_valid():
        return _render_detail(request, upload, confirm_form=form, status=400)
    try:
        services.referral_import_confirm(
            upload=upload, only_good_rows=bool(form.cleaned_data.get("only_good_rows")), by=request.user
        )
    except services.CaseError as error:  # started from another tab since this page was loaded
        messages.info(request, str(error))
    return redirect("referrals:import-detail", pk=upload.pk)


@require_POST
def import_cancel(request, pk: int):
    upload = access.get_import_for_manager(request.user, pk)
    try:
        services.referral_import_cancel(upload=upload, by=request.user)
    except services.CaseError as error:
        messages.info(request, str(error))
        return redirect("referrals:import-detail", pk=upload.pk)
    messages.success(request, _("Import of %(file)s cancelled. Nothing was imported.") % {"file": upload.file_name})
    return redirect("referrals:import")


@require_GET
@never_cache
def import_problems_csv(request, pk: int):
    """Every row with a problem, as a CSV file to work through in a spreadsheet (the page shows them a
    hundred at a time). The values come from the uploaded file, so every cell is made safe to open."""
    upload = access.get_import_for_manager(request.user, pk)
    audit.viewed(request, None, f"referral import {upload.pk}: rows with problems downloaded")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    # The name is the service's own: the uploaded file's name is someone else's text, not fit for a header.
    response["Content-Disposition"] = f'attachment; filename="referral-import-{upload.pk}-problems.csv"'
    # Excel reads a CSV file as UTF-8 only when it starts with a byte-order mark.
    response.write("\ufeff")
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(safe_row([_("Line"), _("Council reference"), _("Problem")]))
    for problem in upload.problems:
        writer.writerow(safe_row([problem.get("line"), problem.get("reference", ""), problem.get("message", "")]))
    return response

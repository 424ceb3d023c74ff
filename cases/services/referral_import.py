"""The referral import's writes: a file kept for checking, the manager's word to import it, and
cancelling it. The rows themselves are checked and imported by the tasks in cases/tasks.py.

Each write is conditional on the import's status in the database, not on the copy the page loaded, so
that a second press of a button (or a second tab) does nothing more. The tasks are queued once the
transaction commits, so that a worker never looks for an import it cannot see yet.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

# The module, not its tasks: cases.tasks imports the services, and whichever is imported first, the
# tasks are there by the time a write queues one.
from .. import audit, tasks
from ..models import AuditEvent, ReferralImport
from ..referral_import import CsvFile
from .case import CaseError

Action = AuditEvent.Action
Status = ReferralImport.Status

# Until the rows are being imported no referral exists yet, so the import can still be called off.
CANCELLABLE = (Status.CHECKING, Status.CHECKED)
# The audit names an import by its number and file name, never by anything in its rows. A long file name
# is shortened so that the entry still says what happened.
FILE_NAME_IN_AUDIT = 80
DEFAULT_FILE_NAME = "referrals.csv"


def _what(upload: ReferralImport, event: str) -> str:
    name = upload.file_name
    if len(name) > FILE_NAME_IN_AUDIT:
        name = name[: FILE_NAME_IN_AUDIT - 1] + "…"
    return f"referral import {upload.pk} ({name}): {event}"


@transaction.atomic
def referral_import_create(*, csv_file: CsvFile, file_name: str, by: User) -> ReferralImport:
    """Keep a file that was read at upload, for the team of the manager who uploaded it, and check its
    rows in the background. Nothing is imported until the manager confirms."""
    assert by.team_id is not None, "a file is uploaded by the manager of a team"
    upload = ReferralImport.objects.create(
        team_id=by.team_id,
        created_by=by,
        file_name=(file_name or DEFAULT_FILE_NAME)[:255],
        content=csv_file.text,
        total_rows=csv_file.row_count,
        status=Status.CHECKING,
    )
    audit.record(user=by, case=None, action=Action.CREATE, what=_what(upload, "uploaded for checking"))
    transaction.on_commit(lambda: tasks.check_import.delay(upload.pk))
    return upload


@transaction.atomic
def referral_import_confirm(*, upload: ReferralImport, only_good_rows: bool, by: User) -> ReferralImport:
    """Import the rows of a checked file; with `only_good_rows`, the rows without a problem."""
    started = ReferralImport.objects.filter(pk=upload.pk, status=Status.CHECKED).update(
        status=Status.IMPORTING, only_good_rows=only_good_rows, processed_rows=0
    )
    if not started:
        raise CaseError(_("This import has already started or finished."))
    upload.status, upload.only_good_rows, upload.processed_rows = Status.IMPORTING, only_good_rows, 0
    event = "import confirmed, only the good rows" if only_good_rows else "import confirmed"
    audit.record(user=by, case=None, action=Action.CHANGE, what=_what(upload, event))
    transaction.on_commit(lambda: tasks.run_import.delay(upload.pk))
    return upload


@transaction.atomic
def referral_import_cancel(*, upload: ReferralImport, by: User) -> ReferralImport:
    """Call off an import before any referral is made. The file's rows are about children: once the
    import is cancelled they are not kept, nor is the list of its rows with problems."""
    finished_at = timezone.now()
    cancelled = ReferralImport.objects.filter(pk=upload.pk, status__in=CANCELLABLE).update(
        status=Status.CANCELLED, content="", problems=[], finished_at=finished_at
    )
    if not cancelled:
        raise CaseError(_("This import has already started or finished, so it cannot be cancelled."))
    upload.status, upload.content, upload.problems, upload.finished_at = Status.CANCELLED, "", [], finished_at
    audit.record(user=by, case=None, action=Action.CHANGE, what=_what(upload, "cancelled, the file's text deleted"))
    return upload

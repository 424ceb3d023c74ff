"""Background work on a ReferralImport: checking every row, then importing the good ones.

Both tasks work in chunks, each its own transaction that also moves `processed_rows` on, so that the
import's page can show progress and a task that stops half way (a worker restarted, the database gone
for a moment) carries on from the last chunk it finished when it runs again. Running a task twice, or
two copies at once, creates nothing twice: each chunk locks the import's row and starts only from
where the last finished chunk left off.

And, daily, the retention rule: the text of a finished import's file is deleted once it is older than
REFERRAL_IMPORT_RETENTION_DAYS.
"""

import logging
from datetime import timedelta

from celery import Task, shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team

from . import services
from .models import Referral, ReferralImport
from .referral_import import FileProblem, RowResult, check_file, read_text

logger = logging.getLogger(__name__)

# Rows imported per transaction: each chunk is a handful of queries (the locks, the references already
# imported, the possible duplicates, one insert of all its referrals), so the chunk is large; small
# enough that the progress moves and a stopped import loses little.
CHUNK_SIZE = 500
# Rows checked between two records of the progress: checking is done in memory (the references already
# imported are read once for the whole file), a thousand rows in a fraction of a second.
CHECK_CHUNK_SIZE = 1000
# References asked about in one query: well under SQLite's limit on a query's parameters.
REFERENCES_PER_QUERY = 10000
# Errors that go away by themselves: a lost connection, a lock timeout, a database restarting.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError)
Status = ReferralImport.Status


class ImportTask(Task):
    """When a task gives up (an unexpected error, or the transient ones kept coming), the import is
    marked failed, so that its page stops saying "checking" for ever."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        import_pk = args[0] if args else kwargs.get("import_pk")
        logger.error("Referral import %s failed: %r", import_pk, exc)
        _fail(import_pk, _("Something went wrong on our side. Upload the file again, or ask for help."))


def _fail(import_pk: int, message: str) -> None:
    ReferralImport.objects.filter(pk=import_pk, status__in=[Status.CHECKING, Status.IMPORTING]).update(
        status=Status.FAILED, failure=message, finished_at=timezone.now()
    )


def _lock(import_pk: int, status: str, start: int) -> ReferralImport | None:
    """The import, locked until the end of the transaction, if it is still at `status` and no other run
    of the task has gone past `start`. None tells the caller to stop: the import was cancelled, or
    another run is doing the work."""
    found = (
        ReferralImport.objects.select_for_update()
        .only("status", "processed_rows", "good_rows", "imported_rows", "problems", "total_rows", "team_id")
        .filter(pk=import_pk)
        .first()
    )
    if found is None or found.status != status or found.processed_rows != start:
        return None
    return found


def _read(upload: ReferralImport) -> list[RowResult] | None:
    try:
        csv_file = read_text(upload.content)
    except FileProblem as problem:
        # The file was read when it was uploaded, so this should not happen; say so, do not guess.
        _fail(upload.pk, problem.message)
        return None
    return list(check_file(csv_file, today=timezone.localdate()))


def _already_imported(team_id: int, references: list[str]) -> set[str]:
    """Which of these council references the team has already: one query (on the unique index of the
    team's references) for up to REFERENCES_PER_QUERY of them, not one per row or per chunk."""
    wanted = sorted({reference for reference in references if reference})
    known: set[str] = set()
    for start in range(0, len(wanted), REFERENCES_PER_QUERY):
        part = wanted[start : start + REFERENCES_PER_QUERY]
        found = Referral.objects.filter(team_id=team_id, external_reference__in=part)
        known.update(found.values_list("external_reference", flat=True))
    return known


def _already_imported_problem(row: RowResult) -> dict:
    row.errors.append(_("this council reference was already imported: the team already has this referral"))
    return row.problem()


TASK_OPTIONS = {
    "base": ImportTask,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "max_retries": 8,
}


@shared_task(**TASK_OPTIONS)
def check_import(import_pk: int) -> dict:
    """Check every row of an uploaded file; record the bad ones with their line numbers."""
    upload = ReferralImport.objects.filter(pk=import_pk, status=Status.CHECKING).first()
    if upload is None:
        return {"checked": 0}
    rows = _read(upload)
    if rows is None:
        return {"checked": 0}

    start = upload.processed_rows
    known = _already_imported(upload.team_id, [row.reference for row in rows[start:] if row.ok])
    while start < len(rows):
        chunk = rows[start : start + CHECK_CHUNK_SIZE]
        problems = [
            _already_imported_problem(row) if row.ok and row.reference in known else row.problem()
            for row in chunk
            if not row.ok or row.reference in known
        ]
        with transaction.atomic():
            locked = _lock(import_pk, Status.CHECKING, start)
            if locked is None:
                return {"checked": start, "stopped": True}
            locked.problems = [*locked.problems, *problems]
            locked.good_rows += len(chunk) - len(problems)
            locked.processed_rows = start + len(chunk)
            locked.total_rows = len(rows)
            locked.save(update_fields=["problems", "good_rows", "processed_rows", "total_rows"])
        start += len(chunk)

    ReferralImport.objects.filter(pk=import_pk, status=Status.CHECKING, processed_rows=len(rows)).update(
        status=Status.CHECKED
    )
    return {"checked": len(rows)}


@shared_task(**TASK_OPTIONS)
def run_import(import_pk: int) -> dict:
    """Create a referral for every good row, through the same service as the referral form (which
    looks for a young person the team already knows)."""
    upload = ReferralImport.objects.filter(pk=import_pk, status=Status.IMPORTING).select_related("created_by").first()
    if upload is None:
        return {"imported": 0}
    if upload.problems and not upload.only_good_rows:
        # The confirmation page never allows this; a row with a problem must not slip in regardless.
        _fail(import_pk, _("The file has rows with problems and importing only the good rows was not chosen."))
        return {"imported": 0}
    rows = _read(upload)
    if rows is None:
        return {"imported": 0}
    bad_lines = {problem["line"] for problem in upload.problems}

    created = 0
    start = upload.processed_rows
    while start < len(rows):
        chunk = rows[start : start + CHUNK_SIZE]
        with transaction.atomic():
            locked = _lock(import_pk, Status.IMPORTING, start)
            if locked is None:
                return {"imported": created, "stopped": True}
            # One import at a time per team: two imports of the same file, confirmed together, must not
            # both find a council reference missing and both create it.
            Team.objects.select_for_update().filter(pk=locked.team_id).first()
            wanted = [row for row in chunk if row.line not in bad_lines]
            known = _already_imported(locked.team_id, [row.reference for row in wanted])
            problems, good = [], []
            for row in wanted:
                if not row.ok:  # only when a rule changed between checking and importing
                    problems.append(row.problem())
                elif row.reference in known:
                    problems.append(_already_imported_problem(row))
                else:
                    assert row.fields is not None, "a row without problems has its fields"
                    good.append(({**row.fields}, row.received_at))
                    known.add(row.reference)
            services.referrals_create(team=upload.team, by=upload.created_by, source=Referral.Source.IMPORT, rows=good)
            made = len(good)
            locked.problems = [*locked.problems, *problems]
            locked.imported_rows += made
            locked.processed_rows = start + len(chunk)
            locked.save(update_fields=["problems", "imported_rows", "processed_rows"])
        created += made
        start += len(chunk)

    ReferralImport.objects.filter(pk=import_pk, status=Status.IMPORTING, processed_rows=len(rows)).update(
        status=Status.DONE, finished_at=timezone.now()
    )
    return {"imported": created}


# Imports whose work is over. Never one being checked or imported (the worker reads the text), nor one
# checked and waiting for the manager's confirmation.
FINISHED = (Status.DONE, Status.CANCELLED, Status.FAILED)


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, retry_backoff_max=300, max_retries=8)
def remove_old_import_files() -> dict:
    """Delete the text of every finished import uploaded more than REFERRAL_IMPORT_RETENTION_DAYS ago.

    One UPDATE; safe to run twice or late (it only ever finds what is still kept and old enough).
    A cancelled import's text is already gone (deleted when it was cancelled), so it is left as it is."""
    now = timezone.now()
    removed = (
        ReferralImport.objects.filter(
            content_deleted_at=None,
            created_at__lt=now - timedelta(days=settings.REFERRAL_IMPORT_RETENTION_DAYS),
            status__in=FINISHED,
        )
        .exclude(content="")
        .update(content="", content_deleted_at=now)
    )
    if removed:
        logger.info("Deleted the text of %s referral import files under the retention rule", removed)
    return {"removed": removed}

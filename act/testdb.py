"""The test database of each test process, migrated once per run.

With pytest-xdist each worker process has a database of its own (pytest-django names it with the worker's
suffix: `test_act_gw0`, `var/test-db.sqlite3_gw1`). Migrating every app takes several seconds of work, the
same in every worker, so the first worker to get here migrates a template database and each worker then
copies it: PostgreSQL makes a database from a template in a fraction of a second, SQLite copies a file.

The workers take turns through a lock file, and a note beside it says which run the template belongs to,
so a template left by a run that was stopped half-way is never used: it is made again. The main process
drops the template once every worker has finished (`drop_template`). `make test` runs the access policy's
tests in a process beside the workers, with the same run id: it copies the same template.
"""

import fcntl
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections

ALIAS = "default"
TEMPLATE_SUFFIX = "_template"


def _base_test_name(worker: str) -> str:
    """The test database's name without the worker's suffix (which pytest-xdist's workers have already, and a
    process beside them is given here)."""
    database = settings.DATABASES[ALIAS]
    name = database.get("TEST", {}).get("NAME") or f"test_{database['NAME']}"
    if not name.endswith(f"_{worker}"):
        database.setdefault("TEST", {})["NAME"] = f"{name}_{worker}"
        return name
    return name.removesuffix(f"_{worker}")


def template_name(base: str) -> str:
    return f"{base}{TEMPLATE_SUFFIX}"


def _folder() -> Path:
    folder = Path(settings.BASE_DIR) / "var"
    folder.mkdir(exist_ok=True)
    return folder


@contextmanager
def _turn(base: str):
    """One worker at a time, across processes."""
    lock_path = _folder() / f"{Path(base).name}.template.lock"
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _note(base: str) -> Path:
    return _folder() / f"{Path(base).name}.template.run"


def _is_sqlite() -> bool:
    return connections[ALIAS].vendor == "sqlite"


def _drop(name: str) -> None:
    connection = connections[ALIAS]
    if _is_sqlite():
        Path(name).unlink(missing_ok=True)
        return
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


def _migrate_template(template: str) -> None:
    """Make `template` and migrate it, as Django makes a test database; then leave it with no connection."""
    connection = connections[ALIAS]
    database = settings.DATABASES[ALIAS]
    worker_test_name = database["TEST"]["NAME"]
    original_name = database["NAME"]
    database["TEST"]["NAME"] = template
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
    finally:
        connection.close()
        database["TEST"]["NAME"] = worker_test_name
        database["NAME"] = connection.settings_dict["NAME"] = original_name


def _copy(template: str, target: str) -> None:
    connection = connections[ALIAS]
    _drop(target)
    if _is_sqlite():
        shutil.copyfile(template, target)
        return
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {quote(target)} WITH TEMPLATE {quote(template)}")


def set_up(worker: str, run: str) -> str:
    """Give this worker its test database, a copy of this run's migrated template (made here if this is the
    first worker to ask). Returns the database's name as it was before (for `tear_down`)."""
    base = _base_test_name(worker)
    template = template_name(base)
    target = settings.DATABASES[ALIAS]["TEST"]["NAME"]
    with _turn(base):
        note = _note(base)
        if not note.exists() or note.read_text() != run:
            note.unlink(missing_ok=True)
            _drop(template)
            _migrate_template(template)
            note.write_text(run)
        _copy(template, target)
    original = settings.DATABASES[ALIAS]["NAME"]
    # From here on, Django's connection is to the worker's copy, as if it had made it itself.
    settings.DATABASES[ALIAS]["NAME"] = connections[ALIAS].settings_dict["NAME"] = target
    connections[ALIAS].close()
    return original


def tear_down(original: str) -> None:
    connections[ALIAS].creation.destroy_test_db(original, verbosity=0)


def drop_template() -> None:
    """In the main process at the end of a run: drop the run's template and its note."""
    base = settings.DATABASES[ALIAS].get("TEST", {}).get("NAME") or f"test_{settings.DATABASES[ALIAS]['NAME']}"
    with _turn(base):
        _drop(template_name(base))
        _note(base).unlink(missing_ok=True)


# `make test` runs the access policy's tests in a process of their own beside the pytest-xdist run, and gives
# both the same run id (pytest-xdist's --testrunuid, and this variable for the other process).
SHARED_RUN = "TEST_TEMPLATE_RUN"


def worker() -> str | None:
    """The name of this process's copy: the pytest-xdist worker it is (gw0, gw1, ...), `beside` for a process
    of the same run beside the workers, or None for a run on its own (which migrates its database itself)."""
    return os.environ.get("PYTEST_XDIST_WORKER") or ("beside" if os.environ.get(SHARED_RUN) else None)


def run() -> str:
    return os.environ.get("PYTEST_XDIST_TESTRUNUID") or os.environ.get(SHARED_RUN) or "no-run"

"""The benchmark's PostgreSQL databases: made, migrated and seeded by `manage.py seed_scale` when needed,
and reused while the manifest the seed wrote says they were seeded with the same parameters (RESEED=1
rebuilds them). A database for N cases keeps its manifest in var/scale/<database name>.json."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from psycopg import sql

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def with_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def manifest_path(name: str) -> Path:
    return Path(settings.VAR_DIR) / "scale" / f"{name}.json"


def read_manifest(name: str) -> dict[str, Any] | None:
    path = manifest_path(name)
    return json.loads(path.read_text()) if path.exists() else None


def _maintenance(url: str) -> psycopg.Connection:
    """A connection to the server's own `postgres` database, to make and drop the benchmark's."""
    return psycopg.connect(with_name(url, "postgres"), autocommit=True)


def _exists(url: str) -> bool:
    with _maintenance(url) as db:
        found = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]).fetchone()
    return found is not None


def _holds_people(url: str) -> bool:
    with psycopg.connect(url) as db:
        if db.execute("SELECT to_regclass('accounts_user')").fetchone() == (None,):
            return False
        return db.execute("SELECT EXISTS (SELECT 1 FROM accounts_user)").fetchone() == (True,)


def _replace(url: str) -> None:
    """Drop and make the database again. Only one the benchmark seeded (its manifest is here) or one with no
    sign-ins in it: a mistyped BENCH_DATABASE_URL must never cost a real service its records."""
    name = database_name(url)
    if _exists(url) and read_manifest(name) is None and _holds_people(url):
        raise RuntimeError(
            f"{name} holds sign-ins, and no manifest says the benchmark seeded it: it is left alone. "
            "Point BENCH_DATABASE_URL at a database of its own."
        )
    identifier = sql.Identifier(name)
    with _maintenance(url) as db:
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(identifier))
        db.execute(sql.SQL("CREATE DATABASE {}").format(identifier))


def _manage(url: str, *arguments: str) -> None:
    """A manage.py command against `url` with the project's own settings (the seed runs with DEBUG on,
    which it asks for, in its own process)."""
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "act.settings", "DEBUG": "true"}
    subprocess.run([sys.executable, str(MANAGE), *arguments], env=environment, check=True)  # noqa: S603 - our own


SEED_CODE = Path(settings.BASE_DIR) / "scale"


def _seed_changed_since(path: Path) -> bool:
    """Has the seed's code changed since it wrote this manifest? Then the data is not what it makes now."""
    written = path.stat().st_mtime
    code = [*SEED_CODE.joinpath("seed").rglob("*.py"), SEED_CODE / "management" / "commands" / "seed_scale.py"]
    return any(path.stat().st_mtime > written for path in code if path.exists())


def is_ready(url: str, *, cases: int) -> bool:
    name = database_name(url)
    manifest = read_manifest(name)
    if not manifest or manifest.get("parameters", {}).get("cases") != cases:
        return False
    return not _seed_changed_since(manifest_path(name)) and _exists(url)


def ensure(url: str, *, cases: int, reseed: bool = False, say=print) -> dict[str, Any]:
    """The manifest of a database seeded with `cases` cases, seeding it first if it is not."""
    name = database_name(url)
    if reseed or not is_ready(url, cases=cases):
        say(f"Seeding {name} with {cases} cases (a few minutes at 10,000)...")
        _replace(url)
        manifest_path(name).unlink(missing_ok=True)
        _manage(url, "migrate", "--noinput", "--verbosity", "0")
        _manage(url, "seed_scale", "--cases", str(cases))
    else:
        say(f"Reusing {name} (seeded with {cases} cases by the current seed code; RESEED=1 rebuilds it)")
        # The code may have new migrations since the seed: they are applied, nothing else changes.
        _manage(url, "migrate", "--noinput", "--verbosity", "0")
    manifest = read_manifest(name)
    if manifest is None:
        raise RuntimeError(f"seed_scale wrote no manifest at {manifest_path(name)}")
    return manifest


@contextmanager
def on_database(name: str) -> Iterator[None]:
    """Point this process's default connection at another database of the same server for a while (the
    in-process counts and scans). The cache is emptied on the way in and out: it holds values read from
    the other database."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        raise RuntimeError("The benchmark's databases are PostgreSQL: run it with scale.bench_settings.")
    before = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    cache.clear()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = before
        cache.clear()

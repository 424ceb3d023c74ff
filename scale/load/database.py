"""The load test's database: a copy of the benchmark's seeded database when there is one (copying is far
quicker than seeding), otherwise migrated and seeded here with `seed_scale`. Its manifest (who signs in, what
they open) comes with it."""

import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import psycopg
from psycopg import sql

from .processes import BASE_DIR

MANIFESTS = BASE_DIR / "var" / "scale"


def manifest_of(name: str) -> Path:
    return MANIFESTS / f"{name}.json"


def _exists(server: str, name: str) -> bool:
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _create(server: str, name: str, *, template: str | None = None) -> None:
    query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        query = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(query)


def copy(server: str, name: str, *, template: str) -> None:
    _create(server, name, template=template)


def drop(server: str, name: str) -> None:
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def manage(*args: str, env: Mapping[str, str]) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=dict(env), check=True)  # noqa: S603 - our own


def ensure(*, server: str, name: str, cases: int, env: Mapping[str, str], template: str | None = "act_bench") -> Path:
    """Make sure database `name` exists, seeded, with its manifest; return the manifest's path.

    An existing database with a manifest is used as it is (delete it, or LOAD_FRESH=1, for a new one)."""
    manifest = manifest_of(name)
    if _exists(server, name) and manifest.exists():
        print(f"Using the database {name} ({manifest.relative_to(BASE_DIR)}), migrated.")
        manage("migrate", "--noinput", "-v0", env=env)
        return manifest
    drop(server, name)
    if template and _exists(server, template) and manifest_of(template).exists():
        print(f"Copying the benchmark's seeded database {template} into {name}.")
        try:
            _create(server, name, template=template)
        except psycopg.errors.ObjectInUse:
            # PostgreSQL copies a database only while nobody is connected to it (the benchmark is running).
            print(f"{template} is in use; seeding instead.")
        else:
            shutil.copyfile(manifest_of(template), manifest)
            return manifest
    print(f"Seeding {name} with {cases} cases (LOAD_CASES); this takes a while once.")
    _create(server, name)
    manage("migrate", "--noinput", "-v0", env=env)
    # --force: the service's settings have DEBUG off, but this database was created empty just above.
    manage("seed_scale", f"--cases={cases}", "--force", env=env)
    if not manifest.exists():
        raise SystemExit(f"seed_scale wrote no manifest at {manifest}.")
    return manifest

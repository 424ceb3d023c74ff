"""The lock files pip installs from (`make lock`) still say what requirements.txt and requirements-dev.txt
ask for: a version changed in one of those without `make lock` fails here, not in production."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

BASE_DIR = Path(settings.BASE_DIR)


def requirements(file_name: str) -> list[Requirement]:
    """The packages a requirements file names itself (not those of the files it includes)."""
    lines = (line.split("#", 1)[0].strip() for line in (BASE_DIR / file_name).read_text().splitlines())
    return [Requirement(line) for line in lines if line and not line.startswith("-")]


def pins(file_name: str) -> dict[str, str]:
    found = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", (BASE_DIR / file_name).read_text(), re.MULTILINE)
    return {canonicalize_name(name): version for name, version in found}


@pytest.mark.parametrize(
    "asked,lock",
    [
        ("requirements.txt", "requirements.lock"),
        ("requirements.txt", "requirements-dev.lock"),
        ("requirements-dev.txt", "requirements-dev.lock"),
    ],
)
def test_the_lock_pins_what_the_requirements_ask_for(asked, lock):
    locked = pins(lock)
    for requirement in requirements(asked):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} ({asked}) is not in {lock}: run make lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{asked} asks for {requirement}, but {lock} pins {locked[name]}: run make lock"
        )


def test_development_runs_the_versions_production_runs():
    development = pins("requirements-dev.lock")
    different = {name: (version, development.get(name)) for name, version in pins("requirements.lock").items()}
    assert {name: both for name, both in different.items() if both[0] != both[1]} == {}

"""Reading the settings from the environment (act/settings.py): a variable, or the contents of the file
named by `<NAME>_FILE` (for container secrets); as a string, a boolean or a comma-separated list."""

import os
from pathlib import Path
from typing import overload


# With a default, the value is always a string.
@overload
def env(name: str) -> str | None: ...


@overload
def env(name: str, default: str) -> str: ...


def env(name: str, default: str | None = None) -> str | None:
    """Read NAME from the environment, or the contents of the file named by NAME_FILE."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]

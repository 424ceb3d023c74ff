"""How many generated inputs the hostile-input tests tried, and how many server errors they met: printed
at the end of the run (act/tests/conftest.py), so that a run says how hard it looked."""

from collections import Counter

tried: Counter[str] = Counter()
# Inputs the form accepted (and saved): the pages that show them were then checked too.
saved: Counter[str] = Counter()
server_errors: Counter[str] = Counter()
# What went wrong, once each: "area: ExceptionType: message".
kinds: Counter[str] = Counter()


def example(area: str) -> None:
    tried[area] += 1


def accepted(area: str) -> None:
    saved[area] += 1


def server_error(area: str, what: str) -> None:
    server_errors[area] += 1
    kinds[f"{area}: {what}"[:200]] += 1


def as_dict() -> dict:
    return {"tried": dict(tried), "saved": dict(saved), "server_errors": dict(server_errors), "kinds": dict(kinds)}


def merge(other: dict) -> None:
    tried.update(other.get("tried", {}))
    saved.update(other.get("saved", {}))
    server_errors.update(other.get("server_errors", {}))
    kinds.update(other.get("kinds", {}))

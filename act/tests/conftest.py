"""The hostile-input tests' counts (act/tests/hostile/tally.py), reported once at the end of the run.

Here rather than in act/tests/hostile/conftest.py so that pytest loads it at the start of any run that
includes the hostile-input tests, in the main process too: with pytest-xdist the tests run in worker
processes, each of which hands its counts back when it finishes."""

import pytest

from act.tests.hostile import tally


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: the main process reports
        workeroutput["hostile_tally"] = tally.as_dict()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    tally.merge(getattr(node, "workeroutput", {}).get("hostile_tally", {}))


def pytest_terminal_summary(terminalreporter):
    if not tally.tried:
        return
    write = terminalreporter.write_line
    terminalreporter.section("hostile input")
    width = max(len(area) for area in tally.tried)
    for area in sorted(tally.tried):
        errors = tally.server_errors.get(area, 0)
        saved = tally.saved.get(area, 0)
        write(f"{area:<{width}}  {tally.tried[area]:>6} inputs  {saved:>6} accepted  {errors} server errors")
    total, errors = sum(tally.tried.values()), sum(tally.server_errors.values())
    saved = sum(tally.saved.values())
    write(f"{'all':<{width}}  {total:>6} inputs  {saved:>6} accepted  {errors} server errors")
    for kind, count in sorted(tally.kinds.items()):
        write(f"  {count} × {kind}")

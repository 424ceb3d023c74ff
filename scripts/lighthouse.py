"""Lighthouse's accessibility score for every page of a young person's space.

Usage (against a running `make run`, with the space link and passcode that `seed_demo` printed):

    make lighthouse SPACE=http://127.0.0.1:8000/s/<token>/ PASSCODE=otter

The passcode is given once in a browser (Playwright, Debian's Chromium); Lighthouse (npm, run through npx,
version pinned below: 13.x needs Node 22) then audits each page with that session's cookie, on a phone-sized
screen. Prints each page's score and exits non-zero if any is below 100.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from playwright.sync_api import sync_playwright

LIGHTHOUSE = "lighthouse@12.2.3"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
NPX = shutil.which("npx") or "npx"
# Pages of a space not linked from its home page; those linked from it (a meeting, a part of the assessment)
# are found there.
PAGES = ["", "people/add"]


def session_cookie(space: str, passcode: str) -> tuple[str, list[str]]:
    """The session's cookie once the passcode is given, and every page of the space its home page links to."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(space)
        page.get_by_label("Type your passcode").fill(passcode)
        page.get_by_role("button", name="Carry on").click()
        page.wait_for_load_state()
        cookies = page.context.cookies()
        linked = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.href)")
        browser.close()
    inside = sorted({url[len(space) :].strip("/") for url in linked if url.startswith(space)} - {""})
    return "; ".join(f"{c['name']}={c['value']}" for c in cookies), inside


def score(url: str, cookie: str) -> float | None:
    with tempfile.TemporaryDirectory() as out:
        report = os.path.join(out, "report.json")
        run = subprocess.run(  # noqa: S603 (our own arguments, no shell)
            [
                NPX,
                "--yes",
                LIGHTHOUSE,
                url,
                "--only-categories=accessibility",
                "--form-factor=mobile",
                "--screenEmulation.width=360",
                "--screenEmulation.height=740",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
                '--chrome-flags="--headless=new --no-sandbox"',
                f"--extra-headers={json.dumps({'Cookie': cookie})}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            print(run.stderr[-2000:], file=sys.stderr)
            return None
        with open(report) as file:
            result = json.load(file)
    if result.get("finalDisplayedUrl", url).rstrip("/") != url.rstrip("/"):
        return None
    failed = [a["id"] for a in result["audits"].values() if a.get("score") == 0]
    if failed:
        print(f"  failing audits on {url}: {', '.join(failed)}")
    return result["categories"]["accessibility"]["score"] * 100


def main() -> int:
    space, passcode = os.environ["SPACE"], os.environ["PASSCODE"]
    space = space if space.endswith("/") else space + "/"
    cookie, linked = session_cookie(space, passcode)
    worst = 100.0
    for page in PAGES + linked:
        url = f"{space}{page}/" if page else space
        found = score(url, cookie)
        if found is None:
            print(f"{url}: not audited (no such page, or Lighthouse failed)")
            continue
        print(f"{found:5.0f}  {url}")
        worst = min(worst, found)
    return 0 if worst == 100 else 1


if __name__ == "__main__":
    sys.exit(main())

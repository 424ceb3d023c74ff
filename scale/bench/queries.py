"""The number of SQL queries each page makes, counted in this process with Django's test client against the
database the default connection points at (scale.bench.datasets.on_database switches it)."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User

from .pages import YOUNG_PERSON, Page
from .timing import BenchError

# The benchmark's settings answer to 127.0.0.1 only, not to the test client's default "testserver".
HOST = "127.0.0.1"


def _young_persons_client(manifest: dict) -> Client:
    """A client that has opened the space (the test client does not ask for the CSRF token)."""
    client = Client(SERVER_NAME=HOST)
    home = f"/s/{manifest['space_token']}/"
    client.get(home)
    if manifest.get("space_passcode"):
        answer = client.post(home, {"action": "passcode", "passcode": manifest["space_passcode"]})
        if answer.status_code not in (200, 302):
            raise BenchError(f"The space's passcode was refused (status {answer.status_code})")
    return client


def space_home_html(manifest: dict) -> str:
    client = _young_persons_client(manifest)
    return client.get(f"/s/{manifest['space_token']}/").content.decode()


def clients_for(manifest: dict, people: set[str]) -> dict[str, Client]:
    clients = {}
    for who in sorted(people):
        if who == YOUNG_PERSON:
            clients[who] = _young_persons_client(manifest)
        else:
            client = Client(SERVER_NAME=HOST)
            client.force_login(User.objects.get(username=manifest[who]))
            clients[who] = client
    return clients


def count_page(client: Client, path: str) -> tuple[int, int]:
    """(queries, status) of a GET, after one GET that is not counted: what a page costs once the session
    and the worker's caches are warm, as it is for every timed request but the first."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return len(queries), response.status_code


def count_pages(manifest: dict, pages: list[Page]) -> dict[str, tuple[int, int]]:
    clients = clients_for(manifest, {page.who for page in pages})
    return {page.name: count_page(clients[page.who], page.path) for page in pages}

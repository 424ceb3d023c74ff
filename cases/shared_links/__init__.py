"""The purposes of shared links: what each kind of link opens, and who draws its page.

`cases` holds the one mechanism for every link (the model, the services, the door `/s/<token>/`, the
throttle), but the things links open (a part of the assessment, a plan, a meeting) belong to the apps
above it, which `cases` never imports. Each of them registers here, when it starts (its
`AppConfig.ready`), its purposes:

    register_purpose("section", label=_("A part of the assessment"), handler=section_page)

The door finds the link, slows down guessing, refuses a link that does not work, asks for the passcode
where there is one and records the opening; only then does it call `handler(request, link, address)`,
which draws the page for that working link (and records what is done there with `link_used`, passing
`address` on). A link whose purpose nobody registered opens nothing.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise

from ..models import SharedLink

Handler = Callable[[HttpRequest, SharedLink, str], HttpResponse]
# A link that opens a place with pages of its own ("my space") is also given the rest of the address after
# its token ("people", "section/12"), always checked by the handler; a one-thing link has no pages.
PagesHandler = Callable[[HttpRequest, SharedLink, str, str], HttpResponse]
# What each of a list of links opens, in words ("About me"), by link pk: one query for the whole list.
Describer = Callable[[Sequence[SharedLink]], dict[int, str]]
# The model's field: a longer name could not be stored.
MAX_PURPOSE_LENGTH = SharedLink._meta.get_field("purpose").max_length or 20


@dataclass(frozen=True)
class Purpose:
    name: str
    label: str | Promise
    handler: Handler | PagesHandler
    describe: Describer | None = None
    pages: bool = False


_purposes: dict[str, Purpose] = {}


def register_purpose(
    purpose: str,
    *,
    label: str | Promise,
    handler: Handler | PagesHandler,
    describe: Describer | None = None,
    pages: bool = False,
) -> None:
    """Let links with this purpose open: `handler` draws their page, `label` names the kind on the worker's
    list of links, and `describe`, if given, says what each link of that kind opens. With `pages`, the
    handler is also given the rest of the address after the token (`PagesHandler`). Registering the same
    purpose again with the same handler does nothing (apps may be readied more than once in tests); a second
    handler for a purpose is a mistake, said at start."""
    if not purpose or len(purpose) > MAX_PURPOSE_LENGTH:
        raise ImproperlyConfigured(f"A shared link purpose has 1 to {MAX_PURPOSE_LENGTH} characters: {purpose!r}")
    known = _purposes.get(purpose)
    if known is not None and known.handler is not handler:
        raise ImproperlyConfigured(f"The shared link purpose {purpose!r} is registered twice")
    _purposes[purpose] = Purpose(purpose, label, handler, describe, pages)


def purpose(name: str) -> Purpose | None:
    """The registered purpose of that name, or None."""
    return _purposes.get(name)


def label(name: str) -> str:
    """The words for a kind of link on the worker's pages (its name, if nobody registered it)."""
    found = _purposes.get(name)
    return str(found.label) if found else name


def described(links: Sequence[SharedLink]) -> list[tuple[SharedLink, str, str]]:
    """Each link with the words for its kind and, where its app says, what it opens: (link, kind, what)."""
    what: dict[int, str] = {}
    for name in {link.purpose for link in links}:
        found = _purposes.get(name)
        if found is not None and found.describe is not None:
            what |= found.describe([link for link in links if link.purpose == name])
    return [(link, label(link.purpose), what.get(link.pk, "")) for link in links]


def address_and_code(request: HttpRequest, token: str) -> tuple[str, str]:
    """The link's full address and its QR code (SVG), for the one page that shows them to the worker."""
    import segno
    from django.urls import reverse

    url = request.build_absolute_uri(reverse("shared-link", args=[token]))
    return url, segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#0b0c0c")

"""Bytes on the wire for a first visit to a page: the page and every stylesheet, script, image and font it
brings in (from its HTML, and the url()s of its stylesheets), each asked for compressed as a browser does
(Accept-Encoding: gzip, br). Headers are counted too (as HTTP/1.1 sends them); the TCP and TLS framing is not."""

import gzip
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import brotli  # type: ignore[import-untyped]
import requests

ACCEPT = {"Accept-Encoding": "gzip, br"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
ASSET_RELS = {"stylesheet", "icon", "preload", "modulepreload", "apple-touch-icon", "manifest"}


@dataclass(frozen=True)
class Transfer:
    page_bytes: int
    # How the page itself came: "br", "gzip", or "" (not compressed).
    page_encoding: str
    asset_bytes: int
    assets: int
    status: int

    @property
    def total_bytes(self) -> int:
        return self.page_bytes + self.asset_bytes


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and ASSET_RELS & set((values.get("rel") or "").split()):
            self.found.append(values.get("href") or "")
        elif tag in {"script", "img", "source", "image", "use"}:
            self.found.append(values.get("src") or values.get("href") or "")


def _fetch(session: requests.Session, url: str) -> tuple[int, bytes, int, str]:
    """(bytes on the wire, decoded body, status, content encoding)."""
    response = session.get(url, headers=ACCEPT, stream=True, timeout=60)
    raw = response.raw.read(decode_content=False)
    headers = sum(len(name) + len(value) + 4 for name, value in response.raw.headers.items()) + 17
    encoding = response.headers.get("Content-Encoding", "")
    body = brotli.decompress(raw) if encoding == "br" else gzip.decompress(raw) if encoding == "gzip" else raw
    return headers + len(raw), body, response.status_code, encoding


def _same_site(base: str, url: str) -> bool:
    return bool(url) and not url.startswith("data:") and urlsplit(url).netloc in {"", urlsplit(base).netloc}


def measure(session: requests.Session, base_url: str, path: str) -> Transfer:
    page_url = base_url + path
    page_bytes, html, status, encoding = _fetch(session, page_url)
    parser = _Assets()
    parser.feed(html.decode("utf-8", "replace"))
    waiting = [urljoin(page_url, url.split("#")[0]) for url in parser.found if _same_site(base_url, url)]
    seen: set[str] = set()
    asset_bytes = 0
    while waiting:
        url = waiting.pop()
        if url in seen:
            continue
        seen.add(url)
        size, body, _status, _encoding = _fetch(session, url)
        asset_bytes += size
        if urlsplit(url).path.endswith(".css"):
            for found in CSS_URL.findall(body.decode("utf-8", "replace")):
                if _same_site(base_url, found):
                    waiting.append(urljoin(url, found.split("#")[0]))
    return Transfer(
        page_bytes=page_bytes, page_encoding=encoding, asset_bytes=asset_bytes, assets=len(seen), status=status
    )

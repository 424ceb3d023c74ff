"""Slowing down guessing: wrong tokens and wrong passcodes from one address are counted in the cache;
past the limit the address gets 429 for a while, whatever it asks for."""

import hashlib
import hmac

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache

LIMIT = 10
WINDOW_SECONDS = 15 * 60


def address_hash(request) -> str:
    """A keyed hash of the client's address: stable enough to count and to see patterns in the log of
    uses, without keeping a young person's address."""
    address = get_client_ip_address(request) or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def _key(request) -> str:
    return f"shared-link-failures:{address_hash(request)}"


def blocked(request) -> bool:
    return cache.get(_key(request), 0) >= LIMIT


def failed(request) -> None:
    key = _key(request)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)

"""Slowing down guessing at shared links, without locking out the innocent.

Two counters, in the cache, each for a window of 15 minutes:
- unknown tokens, per address: past the limit, that address gets 429 for tokens that do not exist.
  A valid token is never refused because of this counter: a school or care home shares one address,
  and one child's mistyped links must not lock every other child there out of theirs.
- wrong passcodes, per link: past the limit, that link's passcode page refuses further tries for a while.
  Nobody else's link is affected.
"""

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


def _unknown_key(request) -> str:
    return f"shared-link-unknown:{address_hash(request)}"


def _passcode_key(link_pk: int) -> str:
    return f"shared-link-passcode:{link_pk}"


def _count(key: str) -> None:
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)


def unknown_tokens_blocked(request) -> bool:
    """Has this address tried too many tokens that do not exist? (Asked only for an unknown token.)"""
    return cache.get(_unknown_key(request), 0) >= LIMIT


def unknown_token(request) -> None:
    _count(_unknown_key(request))


def passcodes_blocked(link_pk: int) -> bool:
    """Have too many wrong passcodes been tried on this link?"""
    return cache.get(_passcode_key(link_pk), 0) >= LIMIT


def wrong_passcode(link_pk: int) -> None:
    _count(_passcode_key(link_pk))

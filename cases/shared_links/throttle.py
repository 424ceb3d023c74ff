"""Slowing down guessing at shared links, without locking out the innocent.

Two counts, each over a window of 15 minutes:
- unknown tokens, per address, in the cache: past the limit, that address gets 429 for tokens that do not
  exist. A valid token is never refused because of this count: a school or care home shares one address,
  and one child's mistyped links must not lock every other child there out of theirs.
- wrong passcodes, per link, from the link's record of uses (every wrong passcode is recorded there anyway):
  past the limit, that link's passcode page refuses further tries for a while. Nobody else's link is affected.

Neither needs the cache to answer: when the cache (Redis) is down, unknown tokens are answered as usual
without being counted (a token is 256 random bits: the count only keeps the log quiet, it is not what makes
guessing hopeless), while passcodes, short enough to guess, are still counted, in the database.
"""

import hashlib
import hmac
import logging
from datetime import timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from ..models import LinkUse

logger = logging.getLogger(__name__)

LIMIT = 10
WINDOW_SECONDS = 15 * 60


def address_hash(request) -> str:
    """A keyed hash of the client's address: stable enough to count and to see patterns in the log of
    uses, without keeping a young person's address."""
    address = get_client_ip_address(request) or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def _unknown_key(request) -> str:
    return f"shared-link-unknown:{address_hash(request)}"


def unknown_tokens_blocked(request) -> bool:
    """Has this address tried too many tokens that do not exist? (Asked only for an unknown token.)"""
    try:
        return cache.get(_unknown_key(request), 0) >= LIMIT
    except Exception:  # whatever the cache's client raises when its server is down
        logger.warning("The cache is not answering: unknown shared-link tokens are not being counted.")
        return False


def unknown_token(request) -> None:
    key = _unknown_key(request)
    try:
        if cache.add(key, 1, WINDOW_SECONDS):
            return
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS)
    except Exception:  # the cache is down: the page still answers (see above)
        logger.warning("The cache is not answering: an unknown shared-link token was not counted.")


def passcodes_blocked(link_pk: int) -> bool:
    """Have too many wrong passcodes been tried on this link in the last 15 minutes?"""
    since = timezone.now() - timedelta(seconds=WINDOW_SECONDS)
    tries = LinkUse.objects.filter(link_id=link_pk, event=LinkUse.Event.WRONG_PASSCODE, at__gte=since)
    return tries.count() >= LIMIT

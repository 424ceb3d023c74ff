"""Password checks beside Django's own, as the NCSC advises: no rules about which kinds of character a
password must contain, but a refusal of passwords that are easy to guess.

- OwnDetailsValidator: a password that contains the person's own username, name, email or phone
  number. Django's UserAttributeSimilarityValidator compares the whole password with each detail, so
  a long password with the surname inside it ("bennett-rochdale-2026") passes it; this one does not.
- PredictablePasswordValidator: a common password with digits or symbols added ("sunshine12345"), one
  short piece repeated ("passwordpassword", "abcabcabcabc") or a run along the keyboard, the alphabet
  or the digits ("qwertyuiopas", "123456789012"). Django's list of common passwords holds only a few
  hundred of 12 characters or more, so at the minimum length these are the guesses that matter.
"""

import re
from functools import cache

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Pieces of a detail shorter than this are left alone: a first name such as "Jo" is inside many words.
SHORTEST_DETAIL = 4
RUNS = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm")
SHORTEST_RUN = 4


def _letters_and_digits(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


class OwnDetailsValidator:
    attributes = ("username", "first_name", "last_name", "email", "phone")

    def validate(self, password, user=None):
        if user is None:
            return
        squashed = _letters_and_digits(password)
        for piece in self._pieces(user):
            if piece in squashed:
                raise ValidationError(
                    _("Your password must not contain your name, username, email address or phone number."),
                    code="password_has_own_details",
                )

    def _pieces(self, user):
        for attribute in self.attributes:
            value = str(getattr(user, attribute, "") or "")
            if attribute == "email":
                value = value.partition("@")[0]
            for piece in re.split(r"[\W_]+", value.casefold()):
                if len(piece) >= SHORTEST_DETAIL:
                    yield piece

    def get_help_text(self):
        return _("Your password must not contain your name, username, email address or phone number.")


@cache
def _common_passwords() -> frozenset[str]:
    return frozenset(CommonPasswordValidator().passwords)


def _is_repeated(text: str) -> bool:
    # "abcabcabc": the text is found again in itself, shifted by less than its length.
    return len(text) > 1 and (text + text).find(text, 1) < len(text)


def _is_run(text: str) -> bool:
    # Every step from one character to the next goes along the same run, forwards or backwards.
    for run in RUNS:
        for sequence in (run, run[::-1]):
            if text in sequence * 2:
                return True
    return False


def _is_made_of_runs(text: str) -> bool:
    # "123456789012" and "qwertyuiopasdf": one run after another, each at least SHORTEST_RUN long.
    # splits[i] says whether text[i:] is made of runs; one pass from the end, so a long password
    # costs a few thousand substring checks, never more.
    longest = 2 * max(len(run) for run in RUNS)
    splits = [False] * len(text) + [True]
    for start in range(len(text) - SHORTEST_RUN, -1, -1):
        ends = range(start + SHORTEST_RUN, min(len(text), start + longest) + 1)
        splits[start] = any(splits[end] and _is_run(text[start:end]) for end in ends)
    return bool(text) and splits[0]


class PredictablePasswordValidator:
    def validate(self, password, user=None):
        squashed = _letters_and_digits(password)
        core = re.sub(r"[\W\d_]+$", "", password.casefold()).strip()
        if core in _common_passwords() or _is_repeated(squashed) or _is_made_of_runs(squashed):
            raise ValidationError(
                _("This password would be easy to guess. Try three random words."),
                code="password_predictable",
            )

    def get_help_text(self):
        return _("Your password must not be easy to guess, like a common password with numbers added.")

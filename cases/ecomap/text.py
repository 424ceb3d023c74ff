"""Measuring and wrapping the ecomap's text.

There is no browser on the server to measure text, so widths are estimated from the character widths
of Helvetica (Arial has the same metrics), slightly generously: a label drawn a little narrower than
measured leaves some air, one drawn wider would overlap its neighbour.
"""

from __future__ import annotations

import unicodedata

# Character widths of Helvetica, in thousandths of the font size.
_WIDTHS = {
    **dict.fromkeys("abdeghnopqu0123456789$#_", 556),
    **dict.fromkeys("ckszxyv", 500),
    **dict.fromkeys("fjilt!.,:;'|[] ", 278),
    **dict.fromkeys('r-()/"', 333),
    "m": 833,
    "w": 722,
    **dict.fromkeys("ABEKPSVXY&", 667),
    **dict.fromkeys("CDHNRU", 722),
    **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("GOQ", 778),
    "I": 278,
    "J": 500,
    "L": 556,
    "M": 833,
    "W": 944,
    "@": 1015,
    "%": 889,
    "…": 1000,
}
_OTHER_WIDTH = 620  # accented and other letters: a little over the average
_WIDE_WIDTH = 1000  # Chinese, Japanese, Korean and other full-width characters


def text_width(text: str, size: float, bold: bool = False) -> float:
    total = 0
    for char in text:
        width = _WIDTHS.get(char)
        if width is None:
            width = _WIDE_WIDTH if unicodedata.east_asian_width(char) in ("W", "F") else _OTHER_WIDTH
        total += width
    return total * size / 1000 * (1.1 if bold else 1.0)


def clean(text: str) -> str:
    """Text fit for XML and for one line: no control characters, surrogates or non-characters (XML does
    not allow them even escaped), runs of white space as one space."""
    kept = (
        " " if char.isspace() else char
        for char in str(text or "")
        if char.isspace() or (unicodedata.category(char) not in ("Cc", "Cs", "Co") and char not in "\ufffe\uffff")
    )
    return " ".join("".join(kept).split())


def wrap(text: str, *, max_width: float, size: float, max_lines: int, bold: bool = False) -> list[str]:
    """Break `text` into at most `max_lines` lines no wider than `max_width`; cut it short with an
    ellipsis when it does not fit. Words longer than a line are broken."""

    def fits(candidate: str) -> bool:
        return text_width(candidate, size, bold) <= max_width

    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
            continue
        if current:
            lines.append(current)
        while not fits(word):  # a word longer than a line: break it
            cut = len(word) - 1
            while cut > 1 and not fits(word[:cut]):
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and not fits(last + "…"):
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept

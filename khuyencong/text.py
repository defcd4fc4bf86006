"""Vietnamese text normalisation for search and name comparison.

``normalize`` builds the accent-insensitive key that is stored in a column and matched with a
plain ``contains`` lookup, so search gives the same answers on SQLite and PostgreSQL (neither
``unaccent`` nor collations are involved).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["BIDI_CONTROLS", "normalize", "normalize_tone_style", "search_terms"]

_WHITESPACE = re.compile(r"\s+")
# The invisible marks that reorder text on screen: embeddings and overrides (U+202A–U+202E),
# isolates (U+2066–U+2069), the left-to-right, right-to-left and Arabic letter marks. None belongs
# in a Vietnamese record, and "hóa đơn\u202efdp.exe" shows as "hóa đơnexe.pdf": they are
# stripped wherever text is cleaned, like control characters.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Control characters match nothing stored, and PostgreSQL refuses NUL in a query.
_CONTROLS = re.compile(rf"[\x00-\x1f\x7f{BIDI_CONTROLS}]")

# The five Vietnamese tone marks as combining characters (NFD): huyền, sắc, hỏi, ngã, nặng.
# The vowel-shape marks (circumflex, breve, horn) are not tone marks and never move.
_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"

# Old style ("hoà", "khoẻ", "thuỷ") puts the tone mark on the second vowel of oa, oe and uy
# when the diphthong ends the syllable; new style puts it on the first ("hòa", "khỏe", "thủy").
# Matched on the NFD form: first vowel with no mark of its own, second vowel with exactly one
# tone mark, then neither a letter nor another mark ("hoặc": the breve after the dot below
# shows the vowel is ă, which only occurs before a final consonant). "qu" + y is excluded:
# there u belongs to the consonant and y carries the mark in both styles ("quý").
_OLD_STYLE = re.compile(
    rf"(?<![qQ])([oO])([aAeE])([{_TONE_MARKS}])(?![^\W\d_]|[\u0300-\u036f])"
    rf"|(?<![qQ])([uU])([yY])([{_TONE_MARKS}])(?![^\W\d_]|[\u0300-\u036f])"
)


def normalize(text: str | None) -> str:
    """Accent- and case-insensitive search key.

    Lowercases, maps đ to d, removes every combining mark, collapses runs of whitespace and
    control characters to one space and strips the ends. Other characters, punctuation
    included, are kept.
    "Hòa Bình", "Hoà Bình" and "HOA  BINH" → "hoa binh"; "Đắk Lắk" → "dak lak"; None → "".
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Recompose whatever NFD split apart without a combining mark (e.g. Hangul syllables).
    stripped = unicodedata.normalize("NFC", stripped)
    return _WHITESPACE.sub(" ", _CONTROLS.sub(" ", stripped)).strip()


def _move_mark(match: re.Match) -> str:
    if match.group(1) is not None:
        first, second, mark = match.group(1, 2, 3)
    else:
        first, second, mark = match.group(4, 5, 6)
    return first + mark + second


def normalize_tone_style(text: str | None) -> str:
    """Vietnamese text in NFC with tone marks placed in the new style.

    "Hoà" → "Hòa", "khoẻ" → "khỏe", "Thuỷ" → "Thủy"; "hoàng", "quý" and text already in the
    new style are unchanged apart from NFC composition. Diacritics and case are kept, so two
    spellings of the same name compare equal after this. None → "".
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_STYLE.sub(_move_mark, decomposed))


def search_terms(q: str | None) -> list[str]:
    """The normalised words of a search query: " Hoà  Bình " → ["hoa", "binh"]."""
    return normalize(q).split()

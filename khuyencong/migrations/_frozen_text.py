"""khuyencong.text.normalize as it was when the data migrations were written, frozen here so a
later change to the live function cannot change what those migrations stored. (Django loads no
module whose name starts with "_" as a migration.)"""

import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")


def normalize(text):
    """Accent- and case-insensitive search key: "Hòa Bình" → "hoa binh", "Đắk Lắk" → "dak lak"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = unicodedata.normalize("NFC", stripped)
    return _WHITESPACE.sub(" ", stripped).strip()

"""Text rules shared by storage and services: folding names so search ignores case and accents."""

from __future__ import annotations

import unicodedata

# Letters that carry no combining mark to strip, so NFKD alone would leave them unmatched.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss",
                        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "’": "'", "‘": "'"})


def fold(text: str) -> str:
    """'Nguyễn Thị Ánh' -> 'nguyen thi anh'; 'D’Andre' -> "d'andre"."""
    decomposed = unicodedata.normalize("NFKD", text)
    # Translate after decomposing: "Ǽ" and "Ǿ" decompose to "Æ" and "Ø" plus an accent.
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_EXTRA)
    return " ".join(stripped.casefold().split())

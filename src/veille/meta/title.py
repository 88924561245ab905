"""Headline clean-up: drop the site name that pages append to (or put before) their title.

    "Hachette Livre domine toujours le classement - Orange Actualités"  -> "Hachette Livre domine ..."
    "Le Monde | Les géants de la tech"                                  -> "Les géants de la tech"

The part cut must match the page's own site name (og:site_name, publisher) or its host
("lemonde.fr", "Le Monde" and "LeMonde.fr" all match host "lemonde.fr"), so a headline such as
"Twitch 1 - Mixer 0, ..." is never cut.
"""

from __future__ import annotations

import re

from veille.meta.lexicon import fold

#: Separators between a headline and a site name, tried on the right first.
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·»•]\s+")
#: A site-name part longer than this is a sentence, not a site name.
SITE_PART_MAX_CHARS = 60
_NOT_ALNUM = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    return _NOT_ALNUM.sub("", fold(text))


def _site_keys(sitename: str | None, host: str | None) -> set[str]:
    keys: set[str] = set()
    if sitename:
        keys.add(_key(sitename))
    if host:
        labels = [label for label in host.lower().split(".") if label and label != "www"]
        if len(labels) >= 2:
            keys.add(_key("".join(labels)))  # "lemondefr" for "LeMonde.fr"
            keys.add(_key("".join(labels[-2:])))
            keys.add(_key(labels[-2]))  # "lemonde" for "Le Monde"
    return keys - {""}


def strip_site_name(title: str, sitename: str | None = None, host: str | None = None) -> str:
    """The title without a leading or trailing site name; unchanged when none matches."""
    text = " ".join(title.split())
    keys = _site_keys(sitename, host)
    while keys:
        separators = list(TITLE_SEPARATOR.finditer(text))
        if not separators:
            break
        last, first = separators[-1], separators[0]
        tail, head = text[last.end() :], text[: first.start()]
        if len(tail) <= SITE_PART_MAX_CHARS and _key(tail) in keys:
            text = text[: last.start()]
        elif len(head) <= SITE_PART_MAX_CHARS and _key(head) in keys:
            text = text[first.end() :]
        else:
            break
    return text.strip()

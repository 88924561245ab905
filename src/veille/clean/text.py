"""Boilerplate removal for already-scraped plain text (trafilatura finds nothing in plain text).

    markup lines ─► classify each line (text_rules) ─► block pass ─► headline ─► pull quotes ─► text
                    ad label, consent, credit, share,    "Recent Posts" opens a teaser block that
                    relative date, nav, stray, ...       runs until a paragraph-like line; sponsor
                                                         name under an ad label; end headings

The result keeps body lines verbatim (only trimmed, with runs of spaces folded), one paragraph per
source line (hard-wrapped lines are joined back), paragraphs separated by one blank line.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from veille.clean.text_lexicon import normalise
from veille.clean.text_quotes import repeated_lines
from veille.clean.text_rules import Line, LineKind, classify
from veille.doc import Doc
from veille.errors import Warn
from veille.pipeline import Stage

LOGGER = logging.getLogger(__name__)

# --- thresholds (set by reading scraped FR/EN news pages; each errs towards keeping body text) ---
#: In a teaser block, a line this long that ends like a sentence is body again: teasers are
#: headlines (< 130 chars in the pages read) or snippets cut with "…"; body paragraphs run longer.
TEASER_EXIT_MIN_CHARS = 180
#: ... or two lines in a row that read as prose: teaser lists alternate headline, deck and date,
#: so two consecutive full sentences of at least this many words are article text again.
SENTENCE_MIN_WORDS = 8
#: Headlines are under this length; a longer first line is a paragraph and the page has no title.
TITLE_MAX_CHARS = 200
#: A sponsor's name under an ad label ("Echo Connect") is a brand of a few words.
SPONSOR_MAX_WORDS = 3
#: An end heading ("Commentaires") only ends the article once this much body was kept; earlier it is
#: a link near the headline.
END_MIN_BODY_CHARS = 300
#: Sentence-final characters (closing quotes and brackets included).
SENTENCE_END = '.!?»"”)'
TRUNCATION_ENDS = ("…", "...", "[…]", "(…)", "[...]")
#: Scratch keys handed to later stages (the metadata stage may read dates and bylines from them).
SCRATCH_DATE_LINES = "clean.text.date_lines"
SCRATCH_BYLINES = "clean.text.bylines"


@dataclass(slots=True)
class CleanText:
    """What the cleaner found in one scraped text."""

    text: str
    title: str | None
    category: str | None
    dropped: Counter[str] = field(default_factory=Counter)
    date_lines: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)


def is_paragraph(text: str) -> bool:
    """A full body paragraph: long, ends like a sentence, not a snippet cut short."""
    return (
        len(text) >= TEASER_EXIT_MIN_CHARS and text[-1] in SENTENCE_END and not text.endswith(TRUNCATION_ENDS)
    )


def is_sentence(text: str) -> bool:
    """A complete sentence (ends with a full stop, possibly inside a closing quote), not a headline."""
    end = text.rstrip("»\"”)' ")
    return end.endswith(".") and not end.endswith("...") and len(text.split()) >= SENTENCE_MIN_WORDS


def is_headline(text: str) -> bool:
    """Headline shape: short, no final full stop (news style), not a cut-short teaser."""
    return len(text) <= TITLE_MAX_CHARS and not text.endswith(".") and not text.endswith(TRUNCATION_ENDS)


def _is_sponsor(text: str) -> bool:
    return len(text.split()) <= SPONSOR_MAX_WORDS and text[-1] not in SENTENCE_END + ",;:"


class _BlockPass:
    """Walks the classified lines once, keeping body lines and reading the category."""

    def __init__(self) -> None:
        self.kept: list[Line] = []
        self.result = CleanText(text="", title=None, category=None)
        self.in_teasers = False
        self.after_ad = False
        self.body_chars = 0

    def drop(self, line: Line, reason: str) -> None:
        self.result.dropped[reason] += 1
        LOGGER.debug("drop line %d (%s): %.60s", line.index, reason, line.text)

    def feed(self, line: Line, following: Line | None) -> bool:
        """Take one line (`following` is the next non-blank line); False once the article has ended."""
        kind = line.kind
        if kind is LineKind.BLANK:
            return True
        if self.after_ad and kind is not LineKind.AD_LABEL:
            # Why: ad slots print the advertiser's name right under the label.
            self.after_ad = False
            if kind is LineKind.BODY and _is_sponsor(line.text):
                self.drop(line, "sponsor")
                return True
        if kind is LineKind.BODY:
            self._body(line, following)
            return True
        self.drop(line, kind.value)
        if kind is LineKind.CATEGORY and self.result.category is None:
            self.result.category = line.label_value
        elif kind is LineKind.AD_LABEL:
            self.after_ad = True
        elif kind is LineKind.DATE_LINE:
            self.result.date_lines.append(line.text)
        elif kind is LineKind.BYLINE:
            self.result.bylines.append(line.text)
        elif kind is LineKind.RELATED_HEADING and self.kept:
            # Why: before any article text such a heading is a menu label; after it, a teaser list.
            self.in_teasers = True
        elif kind is LineKind.END_HEADING and self.body_chars >= END_MIN_BODY_CHARS:
            return False
        return True

    def _body(self, line: Line, following: Line | None) -> None:
        if self.in_teasers:
            prose = (
                is_sentence(line.text)
                and following is not None
                and following.kind is LineKind.BODY
                and (is_sentence(following.text) or is_paragraph(following.text))
            )
            if not (prose or is_paragraph(line.text)):
                self.drop(line, "teaser")
                return
            # Why: an inline "Lire aussi" block is followed by the rest of the article.
            self.in_teasers = False
        self.kept.append(line)
        self.body_chars += len(line.text)


def _take_title(kept: list[Line], lines: list[Line], title: str | None) -> str | None:
    """The headline: the given title, else the first kept line if it has a headline's shape.
    Either way it is not repeated as the first body paragraph."""
    if title is None and kept and is_headline(kept[0].text):
        first = kept[0]
        nxt = lines[first.index + 1] if first.index + 1 < len(lines) else None
        wrapped = nxt is not None and nxt.kind is LineKind.BODY and nxt.text[:1].islower()
        if not wrapped:
            title = kept.pop(0).text
    if title is not None and kept and normalise(kept[0].text) == normalise(title):
        kept.pop(0)
    return title


def _paragraphs(kept: list[Line]) -> list[str]:
    """One paragraph per line, except hard-wrapped lines (no final punctuation, next line on the
    very next source line and starting in lower case), which are joined back with a space."""
    paragraphs: list[str] = []
    previous: Line | None = None
    for line in kept:
        if (
            previous is not None
            and line.index == previous.index + 1
            and paragraphs[-1][-1] not in SENTENCE_END + ":;"
            and line.text[:1].islower()
        ):
            paragraphs[-1] = f"{paragraphs[-1]} {line.text}"
        else:
            paragraphs.append(line.text)
        previous = line
    return paragraphs


def clean_text(markup: str, *, title: str | None = None) -> CleanText:
    """Clean one scraped text. `title`, when already known, is removed from the body's head."""
    lines = [classify(index, raw) for index, raw in enumerate(markup.splitlines())]
    walker = _BlockPass()
    filled = [line for line in lines if line.kind is not LineKind.BLANK]
    for pos, line in enumerate(filled):
        if not walker.feed(line, filled[pos + 1] if pos + 1 < len(filled) else None):
            break
    result, kept = walker.result, walker.kept
    result.title = _take_title(kept, lines, title or None)
    repeats = repeated_lines(
        [line.text for line in kept], [line.index for line in kept], [line.norm for line in kept]
    )
    if repeats:
        result.dropped["repeat"] += len(repeats)
        kept = [line for pos, line in enumerate(kept) if pos not in repeats]
    result.text = "\n\n".join(_paragraphs(kept))
    return result


class TextCleaner(Stage):
    """Boilerplate removal for scraped plain text: sets text, title and category."""

    name = "veille.clean.text.v1"
    requires = ("markup",)
    assigns = ("text", "title", "category")

    def process(self, doc: Doc) -> Doc:
        if doc.media_type != "text":
            return doc
        result = clean_text(doc.markup, title=doc.title)
        doc.text = result.text
        doc.title = result.title
        if doc.category is None:
            doc.category = result.category
        if result.date_lines:
            doc.scratch[SCRATCH_DATE_LINES] = result.date_lines
        if result.bylines:
            doc.scratch[SCRATCH_BYLINES] = result.bylines
        for reason, count in result.dropped.items():
            self.stats[f"dropped:{reason}"] += count
        if not doc.text:
            doc.warn(Warn.NO_TEXT)
        return doc

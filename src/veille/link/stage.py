"""The `MentionGrouper` stage: `doc.mentions` -> `doc.entities` (one article at a time)."""

from __future__ import annotations

import logging
from typing import Any

from veille.doc import Doc, Mention
from veille.link.within import Grouper
from veille.ner.gazetteer import Gazetteer, load_gazetteer
from veille.ner.stage import TITLE_MENTIONS
from veille.pipeline import Stage

LOGGER = logging.getLogger(__name__)


class MentionGrouper(Stage):
    """Entities of one article from its mentions: name, aliases, one type, an id (see `within`)."""

    name = "veille.link.within.v1"
    requires = ("mentions",)
    assigns = ("entities",)

    def __init__(self, *, gazetteer: Gazetteer | None = None) -> None:
        super().__init__()
        self._gazetteer = gazetteer
        self._grouper: Grouper | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_grouper"] = None
        return state

    @property
    def grouper(self) -> Grouper:
        if self._grouper is None:
            self._grouper = Grouper(self._gazetteer or load_gazetteer())
        return self._grouper

    def process(self, doc: Doc) -> Doc:
        title_mentions: list[Mention] = doc.scratch.get(TITLE_MENTIONS, [])
        doc.entities = self.grouper.entities(doc.text, doc.mentions, doc.title or "", title_mentions)
        by_span = {span: entity.id for entity in doc.entities for span in entity.mentions}
        for mention in doc.mentions:
            mention.entity_id = by_span.get(mention.span, mention.entity_id)
        self.stats["entities"] += len(doc.entities)
        return doc

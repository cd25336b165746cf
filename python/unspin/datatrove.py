"""unspin as datatrove pipeline steps.

Two steps for the Hugging Face `datatrove` library:

- :class:`UnspinFormatter` repairs each document's text, in batches through
  :meth:`unspin.Unspinner.repair_batch`, and records in its metadata how
  many edits were made;
- :class:`UnspinFilter` scores each document and drops the spun ones (or
  only tags them with ``tag_only=True``), writing the verdict and the
  probability into the metadata either way.

>>> from datatrove.executor import LocalPipelineExecutor           # doctest: +SKIP
>>> from datatrove.pipeline.readers import JsonlReader               # doctest: +SKIP
>>> from datatrove.pipeline.writers import JsonlWriter               # doctest: +SKIP
>>> from unspin.datatrove import UnspinFilter, UnspinFormatter        # doctest: +SKIP
>>> LocalPipelineExecutor(pipeline=[                                  # doctest: +SKIP
...     JsonlReader("in/"),
...     UnspinFilter(tag_only=True),   # verdict of the text as crawled
...     UnspinFormatter(),             # then repair it
...     JsonlWriter("out/"),
... ]).run()

The filter scores the text it is given, so put it before the formatter to
judge the text as crawled. The steps hold an :class:`unspin.Unspinner`,
which datatrove's executors pickle to their workers as its settings (user
dictionaries travel as text).
"""

from __future__ import annotations

from typing import Iterable, Optional, Sequence

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.batching import batched
from datatrove.utils.typeshelper import StatHints

from ._unspin import Unspinner

__all__ = ["UnspinFormatter", "UnspinFilter"]

#: Metadata keys the steps write.
EDITS_KEY = "unspin_edits"
VERDICT_KEY = "unspin_verdict"
PROBABILITY_KEY = "unspin_probability"


class UnspinFormatter(BaseFormatter):
    """Repairs the text of every document.

    ``mode``, ``dictionaries``, ``allow`` and ``builtin`` are those of
    :class:`unspin.Unspinner`. Documents are repaired ``batch_size`` at a
    time on ``threads`` threads (default 1: datatrove already runs one task
    per worker). Each document's metadata gets ``unspin_edits``, the number
    of edits; the step's stats count ``repaired`` documents and ``edits``.
    """

    name = "🌀 unspin"

    def __init__(
        self,
        mode: str = "auto",
        dictionaries: Sequence = (),
        allow: Sequence[str] = (),
        builtin: bool = True,
        batch_size: int = 256,
        threads: Optional[int] = 1,
    ):
        super().__init__()
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.unspinner = Unspinner(
            mode=mode, dictionaries=dictionaries, allow=allow, builtin=builtin
        )
        self.batch_size = batch_size
        self.threads = threads

    def format(self, text: str) -> str:
        return self.unspinner.repair_text(text)

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> DocumentsPipeline:
        for batch in batched(data, self.batch_size):
            with self.track_time("batch"):
                repairs = self.unspinner.repair_batch(
                    [doc.text for doc in batch], self.threads
                )
            for doc, repair in zip(batch, repairs):
                self.stat_update(StatHints.total)
                edits = len(repair.edits)
                doc.metadata[EDITS_KEY] = edits
                if edits:
                    doc.text = repair.text
                    self.stat_update("repaired")
                    self.stat_update("edits", value=edits)
                yield doc


class UnspinFilter(BaseFilter):
    """Drops the documents judged spun, or tags them with ``tag_only=True``.

    Every document's metadata gets ``unspin_verdict`` (``"clean"``,
    ``"suspicious"`` or ``"spun"``) and ``unspin_probability``. A document
    whose verdict is in ``drop`` (default: only ``"spun"``) is dropped with
    that verdict as the reason, and written to ``exclusion_writer`` if one
    is given.
    """

    name = "🌀 unspin filter"

    def __init__(
        self,
        drop: Iterable[str] = ("spun",),
        tag_only: bool = False,
        mode: str = "auto",
        dictionaries: Sequence = (),
        allow: Sequence[str] = (),
        builtin: bool = True,
        exclusion_writer: Optional[DiskWriter] = None,
        batch_size: int = 256,
        threads: Optional[int] = 1,
    ):
        super().__init__(exclusion_writer=exclusion_writer, batch_size=batch_size)
        self.drop = frozenset([drop] if isinstance(drop, str) else drop)
        unknown = self.drop - {"clean", "suspicious", "spun"}
        if unknown:
            raise ValueError(
                f"unknown verdicts {sorted(unknown)}: expected clean, suspicious or spun"
            )
        self.tag_only = tag_only
        self.unspinner = Unspinner(
            mode=mode, dictionaries=dictionaries, allow=allow, builtin=builtin
        )
        self.threads = threads

    def _judge(self, doc: Document, score) -> bool | tuple[bool, str]:
        doc.metadata[VERDICT_KEY] = score.verdict
        doc.metadata[PROBABILITY_KEY] = score.probability
        if self.tag_only or score.verdict not in self.drop:
            return True
        return False, score.verdict

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        return self._judge(doc, self.unspinner.score(doc.text))

    def filter_batch(self, batch: list[Document]) -> list[bool | tuple[bool, str]]:
        scores = self.unspinner.score_batch([doc.text for doc in batch], self.threads)
        return [self._judge(doc, score) for doc, score in zip(batch, scores)]

"""The pipeline: the list of stages, one document through them, and a batch run into the store.

Stages are listed here and nowhere else. Each is a pure function ``(Document, Settings) ->
Document``; ``stages(settings)`` binds the settings, giving the ``Document -> Document`` callables
that ``process_item`` runs in the worker processes (picklable, so Ray or any pool can run them).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .actors.stage import find_actors
from .clean import clean
from .dedup import Deduplicator, fingerprint
from .document import Document, Metadata
from .errors import Failure, KroniekError, Skip
from .events import find_events
from .nlp.stage import analyse
from .quotes import find_quotes
from .readers import JsonFields, RawItem, iter_items, to_document
from .settings import Settings, SettingsError, load_settings
from .store import DuplicateRecord, Store
from .strings import path_text
from .timex.stage import find_time

Stage = Callable[[Document, Settings], Document]

#: The stages after reading, in order. Time comes before actors: a role phrase ("de Amerikaanse
#: president") is read at the date of its sentence. Quotes come before events: "wij" in a quote is
#: its speaker, and each event is linked to the reported speech that carries it.
STAGES: tuple[tuple[str, Stage], ...] = (
    ("clean", clean),
    ("fingerprint", fingerprint),
    ("analyse", analyse),
    ("time", find_time),
    ("actors", find_actors),
    ("quotes", find_quotes),
    ("events", find_events),
)


def stages(settings: Settings) -> list[tuple[str, Callable[[Document], Document]]]:
    return [(name, BoundStage(stage, settings)) for name, stage in STAGES]


@dataclass(frozen=True)
class BoundStage:
    """A stage with its settings bound: a picklable ``Document -> Document`` callable."""

    stage: Stage
    settings: Settings

    def __call__(self, doc: Document) -> Document:
        return self.stage(doc, self.settings)


def prepare(settings: Settings) -> None:
    """Load what the stages share and check it before any document is read: a broken knowledge-base
    file or an unknown backend is a settings error (raised here), not a failure of every document."""
    from .actors.gazetteer import gazetteer
    from .nlp import BACKENDS

    if settings["analyse"]["backend"] not in (*BACKENDS, "none"):
        raise SettingsError(f"analyse.backend: unknown backend {settings['analyse']['backend']!r}")
    for language in settings["actors"]["languages"]:
        try:
            gazetteer(language, tuple(settings["actors"]["kb_files"]))
        except (OSError, ValueError) as exc:
            raise SettingsError(f"actors.kb_files: {exc}") from exc


def process_item(item: RawItem, settings: Settings) -> Document | Failure:
    """Read one item and run every stage; a Failure names the stage that failed and why."""
    stage_name = "read"
    try:
        doc = to_document(item, settings["read"])
        for stage_name, stage in stages(settings):  # noqa: B007 - read in the except clause
            doc = stage(doc)
        return doc
    except Exception as exc:  # one bad document must never stop the batch
        return Failure.from_exception(item.source, stage_name, exc)


def _is_file(text: str) -> bool:
    """True when ``text`` names an existing file (a long one-line article is text, not a name)."""
    if "\n" in text or len(text) >= 4096:
        return False
    try:
        return Path(text).is_file()
    except OSError:  # a name too long for the file system
        return False


def process(text_or_path: str | Path, settings: Settings | None = None) -> Document:
    """Run the pipeline on one text or one file; raises KroniekError when it fails.

    >>> doc = process(" date 2023-09 Kim Jong-un reist naar Rusland om Poetin te ontmoeten.")
    >>> doc.meta.published, doc.clean
    ('2023-09', 'Kim Jong-un reist naar Rusland om Poetin te ontmoeten.')
    """
    settings = settings or load_settings()
    path = Path(text_or_path) if isinstance(text_or_path, Path) or _is_file(text_or_path) else None
    if path is None:
        item = RawItem("<text>", "text", "text", str(text_or_path), Metadata(source="<text>"))
        results: list[RawItem | Failure | Skip] = [item]
    else:
        results = list(iter_items([str(path)], settings["read"]))
    for result in results:
        if isinstance(result, Failure):
            raise KroniekError(result.error, result.message, result.stage)
        if isinstance(result, Skip):
            raise KroniekError("empty", f"{result.source}: {result.reason}")
        outcome = process_item(result, settings)
        if isinstance(outcome, Failure):
            raise KroniekError(outcome.error, outcome.message, outcome.stage)
        return outcome
    raise KroniekError("empty", f"nothing to read in {text_or_path}")


Outcome = Document | Failure | Skip


def _outcome(item: RawItem | Failure | Skip, settings: Settings) -> Outcome:
    """A RawItem processed; a Failure or Skip from the reader passed on as it is."""
    return process_item(item, settings) if isinstance(item, RawItem) else item


def process_chunk(items: list[RawItem | Failure | Skip], settings: Settings) -> list[Outcome]:
    return [for_store(_outcome(item, settings)) for item in items]


def for_store(outcome: Outcome) -> Outcome:
    """Leave out what the store does not keep (tokens and raw entities: hundreds of objects per
    article) before a worker sends a document back; unpickling them cost the main process more
    than the workers saved."""
    if isinstance(outcome, Document):
        outcome.tokens = []
        outcome.entities = []
    return outcome


def _chunks(items: Iterable[RawItem | Failure | Skip], size: int) -> Iterator[list[RawItem | Failure | Skip]]:
    chunk: list[RawItem | Failure | Skip] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


Mapper = Callable[[Iterable[RawItem | Failure | Skip]], Iterator[Outcome]]


@contextmanager
def worker_pool(workers: int, start_method: str | None = None) -> Iterator[ProcessPoolExecutor | None]:
    """A process pool of ``workers`` processes, or None for one (everything runs in this process).

    ``start_method`` "spawn" gives workers that share nothing with this process; a process that
    runs threads (the web server, a Ray driver) gets it by default, since a fork there can hang.
    """
    if workers <= 1:
        yield None
        return
    if start_method is None and threading.active_count() > 1:
        # forking a process that runs threads (a Ray driver, a server) can leave a child waiting
        # forever on a lock another thread held at the fork: such a process spawns its workers
        start_method = "spawn"
    context = multiprocessing.get_context(start_method) if start_method else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield pool


def ordered_map(
    items: Iterable[RawItem | Failure | Skip],
    settings: Settings,
    pool: ProcessPoolExecutor | None,
    workers: int = 1,
) -> Iterator[Outcome]:
    """Outcomes in input order, from the ``workers`` processes of ``pool`` fed small chunks, with a
    bounded number of chunks in flight (so input of any size streams through in constant memory);
    in this process when ``pool`` is None."""
    if pool is None:
        yield from (_outcome(item, settings) for item in items)
        return
    window: deque[Future[list[Outcome]]] = deque()
    in_flight = 4 * max(1, workers)
    for chunk in _chunks(items, settings["run"]["chunk_size"]):
        window.append(pool.submit(process_chunk, chunk, settings))
        while len(window) > in_flight:
            yield from window.popleft().result()
    while window:
        yield from window.popleft().result()


#: How many failures and near-duplicates a RunSummary keeps to show (all are in the database).
SUMMARY_EXAMPLES = 100


@dataclass
class RunSummary:
    """Counts of one run, and the first failures and near-duplicates as examples."""

    read: int = 0
    new: int = 0
    stored: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    near: list[tuple[str, str, float]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "read": self.read,
            "new": self.new,
            "stored": self.stored,
            "duplicate": self.duplicate,
            "near_duplicate": self.near_duplicate,
            "skipped": self.skipped,
            "failed": self.failed,
        }

    def line(self) -> str:
        return (
            f"read {self.read} · new {self.new} · already stored {self.stored} · "
            f"duplicate {self.duplicate} · near-duplicate {self.near_duplicate} · "
            f"no text {self.skipped} · failed {self.failed}"
        )


class Ingestor:
    """Stores what the stages make of a stream of inputs, deciding in input order what is new.

    Holds the deduplication index and the input hashes of one store; it is the only writer of
    that store while it lives, so the index stays true across calls (the watch loop calls
    ``ingest`` once per batch of new files, without reading the index again).
    """

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.dedup = Deduplicator(settings)
        self.dedup.load(store.fingerprints())
        self.dedup.duplicate_sources = store.duplicate_sources()
        self.known_inputs = store.input_hashes()

    def _unchanged(self, item: RawItem | Failure | Skip) -> bool:
        """An input stored before, byte for byte: counted as stored, not processed again."""
        if not isinstance(item, RawItem):
            return False
        item.meta.input_hash = item.input_hash()
        return self.known_inputs.get(item.source) == item.meta.input_hash

    def ingest(
        self,
        paths: list[str],
        mapper: Mapper,
        fields: JsonFields | None = None,
        on_item: Callable[[Outcome | None], None] | None = None,
        flush_s: float | None = None,
    ) -> RunSummary:
        """Read ``paths``, process what is not stored yet through ``mapper`` and store it, one
        transaction per ``run.batch_size`` outcomes (or per ``flush_s`` seconds, when given)."""
        settings, store = self.settings, self.store
        summary = RunSummary()
        run_id = store.start_run([path_text(p) for p in paths])  # as the sources name them
        docs: list[Document] = []
        dups: list[DuplicateRecord] = []
        fails: list[Failure] = []
        skips: list[Skip] = []
        batch_started = time.monotonic()

        def flush() -> None:
            refused = store.write_batch(docs, dups, fails, run_id, skips)
            if refused:
                _count_refused(refused, docs, dups, skips, self.dedup, summary)
                refused_sources = {f.source for f in refused}
                docs[:] = [d for d in docs if d.meta.source not in refused_sources]
                dups[:] = [d for d in dups if d.doc.meta.source not in refused_sources]
            for doc in docs:
                self.known_inputs[doc.meta.source] = doc.meta.input_hash or ""
            for dup in dups:
                self.known_inputs[dup.doc.meta.source] = dup.doc.meta.input_hash or ""
            for pending in (docs, dups, fails, skips):
                pending.clear()

        def fresh(item: RawItem | Failure | Skip) -> bool:
            if not self._unchanged(item):
                return True
            summary.read += 1
            summary.stored += 1
            if on_item is not None:
                on_item(None)
            return False

        items = (i for i in iter_items(paths, settings["read"], fields) if fresh(i))
        for result in mapper(items):
            summary.read += 1
            if isinstance(result, Failure):
                summary.failed += 1
                if len(summary.failures) < SUMMARY_EXAMPLES:
                    summary.failures.append(result)
                fails.append(result)
            elif isinstance(result, Skip):
                summary.skipped += 1
                skips.append(result)
            else:
                _place(result, self.dedup, summary, docs, dups)
            if on_item is not None:
                on_item(result)
            pending = len(docs) + len(dups) + len(fails) + len(skips)
            late = flush_s is not None and time.monotonic() - batch_started >= flush_s
            if pending >= settings["run"]["batch_size"] or (pending and late):
                flush()
                batch_started = time.monotonic()
        flush()
        store.finish_run(run_id, summary.counts())
        return summary


def run(
    paths: Iterable[str],
    db: str | Path,
    settings: Settings | None = None,
    fields: JsonFields | None = None,
    workers: int | None = None,
    on_item: Callable[[Outcome | None], None] | None = None,
) -> RunSummary:
    """Read, process and store everything under ``paths`` into the database ``db``.

    ``on_item`` is called once per input read (with None for an input stored before, byte for
    byte, which is not processed again).
    """
    settings = settings or load_settings()
    prepare(settings)
    paths = list(paths)
    n_workers = workers if workers is not None else settings["run"]["workers"] or (os.cpu_count() or 1)
    with Store(db) as store, worker_pool(n_workers) as pool:
        ingestor = Ingestor(store, settings)
        return ingestor.ingest(
            paths, lambda items: ordered_map(items, settings, pool, n_workers), fields, on_item
        )


def _place(
    doc: Document,
    dedup: Deduplicator,
    summary: RunSummary,
    docs: list[Document],
    dups: list[DuplicateRecord],
) -> None:
    """Decide new / stored / duplicate for one processed document and queue its row."""
    assert doc.content_hash is not None
    decision = dedup.decide(doc)
    if decision.verdict == "stored":
        summary.stored += 1
        return
    if decision.verdict == "new":
        doc.id = dedup.unique_id(doc.id, doc.content_hash)
        dedup.add(doc.id, doc.content_hash, doc.meta.source, doc.signature)
        docs.append(doc)
        summary.new += 1
        return
    assert decision.of is not None
    dups.append(DuplicateRecord(doc, decision.verdict, decision.of, decision.similarity))
    dedup.duplicate_sources.add(doc.meta.source)
    if decision.verdict == "near":
        summary.near_duplicate += 1
        if len(summary.near) < SUMMARY_EXAMPLES:
            summary.near.append((doc.meta.source, decision.of, decision.similarity))
    else:
        summary.duplicate += 1


def _count_refused(
    refused: list[Failure],
    docs: list[Document],
    dups: list[DuplicateRecord],
    skips: list[Skip],
    dedup: Deduplicator,
    summary: RunSummary,
) -> None:
    """Count the inputs the store refused as failed instead of new, duplicate or skipped, and forget
    the refused documents, so that no later input is called a copy of one that is not stored."""
    sources = {f.source for f in refused}
    for doc in docs:
        if doc.meta.source in sources:
            summary.new -= 1
            assert doc.content_hash is not None
            dedup.forget(doc.id, doc.content_hash)
    for dup in dups:
        if dup.doc.meta.source in sources:
            if dup.kind == "near":
                summary.near_duplicate -= 1
            else:
                summary.duplicate -= 1
            dedup.duplicate_sources.discard(dup.doc.meta.source)
    summary.skipped -= sum(1 for skip in skips if skip.source in sources)
    summary.failed += len(refused)
    summary.failures.extend(refused[: max(0, SUMMARY_EXAMPLES - len(summary.failures))])

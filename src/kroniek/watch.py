"""Continuous ingestion: files that arrive in a folder are read, coded and stored while the web UI
keeps answering (``kroniek serve --db FILE --watch DIR``).

DuckDB lets one process write a database file, or many read it, not both. So the server process
itself is the writer: it opens the database once for writing, a background thread (``Watcher``)
stores new articles through that connection, one transaction per batch, and the pages read
through their own cursors of the same database (DuckDB's transactions keep every read consistent;
a page sees the batches committed before its query started). The coding runs in a worker process
(``watch.workers``), so the server's own thread stays free to answer. The pages still only read:
they are GET routes whose queries are checked to be SELECT statements before they run.

- **When a file is read**: a file is ready once its size and modification time have stayed the
  same for ``watch.settle_s`` seconds, so a file being written is not read half-way. Hidden files
  and names kroniek does not read (``.part``, ``.tmp``) are left alone: write a file under such a
  name and rename it when complete to hand it over at once.
- **Nothing twice**: the inputs stored before byte for byte (source and input hash) are not
  processed again, and a copy of a stored article under another name is recorded as a duplicate,
  as in ``kroniek run``; a file that changes is read again (a JSONL file that grows: only its new
  lines are processed).
- **After a crash**: the state is the database. On start the watcher reads the folder as it is and
  stores whatever is not stored yet; a batch that was in flight is redone.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .pipeline import Ingestor, RunSummary, ordered_map, prepare, process_chunk
from .readers import RawItem, inputs, known_format
from .settings import Settings
from .store import Store

__all__ = ["Inbox", "Watcher"]

Signature = tuple[int, int]


def _end_with_parent(parent: int) -> None:
    """In a coding worker: end when the server that started it is gone (killed, say), rather
    than live on as an orphan."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="kroniek-parent-watch", daemon=True).start()


class Inbox:
    """The files of a folder that are complete and not yet ingested in their present form."""

    def __init__(self, folder: Path, settings: Settings) -> None:
        self.folder = folder
        self.settings = settings
        self.settle_s: float = settings["watch"]["settle_s"]
        self._pending: dict[str, tuple[Signature, float]] = {}
        self._done: dict[str, Signature] = {}

    def ready(self, now: float | None = None) -> list[str]:
        """The files ready to read, in the order ``kroniek run`` reads the folder."""
        now = time.monotonic() if now is None else now
        out: list[str] = []
        present: set[str] = set()
        for source in inputs([str(self.folder)]):
            if source.path is None or not known_format(source.path, self.settings["read"]):
                continue
            try:
                stat = source.path.stat()
            except OSError:  # removed since the folder was listed
                continue
            name, signature = source.name, (stat.st_size, stat.st_mtime_ns)
            present.add(name)
            if self._done.get(name) == signature:
                continue
            seen = self._pending.get(name)
            if seen is None or seen[0] != signature:
                self._pending[name] = (signature, now)
            elif now - seen[1] >= self.settle_s:
                out.append(name)
        for name in set(self._pending) - present:
            del self._pending[name]
        return out

    def done(self, names: list[str]) -> None:
        for name in names:
            signature, _ = self._pending.pop(name)
            self._done[name] = signature


class Watcher:
    """Stores the files arriving in ``folder`` into ``store``, in a background thread.

    ``poll_once`` does one round (for tests and for the thread); ``start`` and ``stop`` run it
    every ``watch.poll_s`` seconds. ``status`` says what it did last.
    """

    def __init__(
        self,
        store: Store,
        folder: Path,
        settings: Settings,
        log: Callable[[str], None] | None = None,
    ) -> None:
        prepare(settings)
        folder.mkdir(parents=True, exist_ok=True)
        self.settings = settings
        self.inbox = Inbox(folder, settings)
        self.ingestor = Ingestor(store, settings)
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        self.workers: int = settings["watch"]["workers"]
        self._pool: ProcessPoolExecutor | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.status: dict[str, Any] = {"folder": str(folder), "rounds": 0, "stored": 0, "error": None}

    def _map(self, items: Any) -> Any:
        return ordered_map(items, self.settings, self._pool, max(1, self.workers))

    def poll_once(self) -> RunSummary | None:
        """Read, code and store the files that are ready; None when there were none."""
        files = self.inbox.ready()
        if not files:
            return None
        summary = self.ingestor.ingest(files, self._map, flush_s=self.settings["watch"]["flush_s"])
        self.inbox.done(files)
        self.status["rounds"] += 1
        self.status["stored"] += summary.new
        self.log(f"watch: {len(files)} file(s) · {summary.line()}")
        return summary

    def _loop(self) -> None:
        if self._pool is not None:  # load the models in the worker before the first file arrives
            warm = RawItem("<warm-up>", "warm-up", "text", b"Kim ontmoet Poetin in Moskou.")
            self._pool.submit(process_chunk, [warm], self.settings).result()
        while not self._stop.is_set():
            try:
                self.poll_once()
                self.status["error"] = None
            except Exception as exc:  # a bad round must not end the watch: say so, go on
                self.status["error"] = f"{type(exc).__name__}: {exc}"
                self.log(f"watch: error: {self.status['error']}")
            self._stop.wait(self.settings["watch"]["poll_s"])

    def start(self) -> None:
        if self.workers > 0:
            # "spawn": the worker shares no threads or locks with the server process.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=_end_with_parent,
                initargs=(os.getpid(),),
            )
        self._thread = threading.Thread(target=self._loop, name="kroniek-watch", daemon=True)
        self._thread.start()
        self.log(f"watch: storing new files from {self.inbox.folder}")

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=60)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

"""kroniek serve --watch: files dropped in a folder are stored while the pages keep answering.

The watcher's rules are tested in this process, one round at a time; the server as a person runs
it (a real process, a client asking for pages in a loop, articles copied in one by one, a crash).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from kroniek.pipeline import RunSummary
from kroniek.settings import Settings, load_settings
from kroniek.store import Store
from kroniek.watch import Watcher
from kroniek.web.data import WebData

from .tables import write_articles


@pytest.fixture
def quick() -> Settings:
    """Settings for watching in a test: files settle in 0.3 s, coding in this process."""
    return load_settings(overrides=["watch.settle_s=0.3", "watch.workers=0"])


def _rounds(watcher: Watcher, count: int = 1) -> list[RunSummary | None]:
    """``count`` rounds, each after the settling time."""
    out = []
    for _ in range(count):
        time.sleep(0.35)
        out.append(watcher.poll_once())
    return out


def test_files_are_read_once_complete_and_stored_once(tmp_path: Path, quick: Settings) -> None:
    inbox = tmp_path / "inbox"
    text, other = (path.read_text("utf-8") for path in write_articles(tmp_path / "staging", 2))
    with Store(tmp_path / "w.duckdb") as store:
        watcher = Watcher(store, inbox, quick, log=lambda _: None)
        half = len(text) // 2
        (inbox / "a.txt").write_text(text[:half], "utf-8")  # a writer half-way through
        assert watcher.poll_once() is None  # seen for the first time: not settled
        time.sleep(0.35)
        with (inbox / "a.txt").open("a", encoding="utf-8") as rest:
            rest.write(text[half:])
        assert watcher.poll_once() is None  # it changed: wait again
        (summary,) = _rounds(watcher)
        assert summary is not None and summary.new == 1
        stored = store.query("SELECT clean_text FROM documents")
        assert len(stored) == 1 and stored[0]["clean_text"].endswith(text.strip()[-30:])
        assert _rounds(watcher) == [None]  # nothing new

        shutil.copy(inbox / "a.txt", inbox / "b.txt")  # the same article under another name
        (inbox / "a.txt").touch()  # the same bytes, a new modification time
        (inbox / ".c.txt").write_text("a hidden file is never read", "utf-8")
        (inbox / "c.txt.part").write_text(other, "utf-8")
        _, summary = _rounds(watcher, 2)
        assert summary is not None
        assert (summary.new, summary.duplicate, summary.stored) == (0, 1, 1)
        (inbox / "c.txt.part").rename(inbox / "c.txt")  # handed over complete
        _, summary = _rounds(watcher, 2)
        assert summary is not None and summary.new == 1
        assert store.counts()["documents"] == 2 and store.counts()["duplicates"] == 1

        # A restarted watcher finds everything stored and stores nothing twice.
        again = Watcher(store, inbox, quick, log=lambda _: None)
        assert again.poll_once() is None
        (summary,) = _rounds(again)
        assert summary is not None
        assert (summary.read, summary.new, summary.stored) == (3, 0, 3)
        assert store.counts()["documents"] == 2


def test_pages_read_through_the_writers_database_and_only_read(tmp_path: Path) -> None:
    with Store(tmp_path / "w.duckdb") as store:
        data = WebData(tmp_path / "w.duckdb", connection=store.con.cursor())
        assert data.articles()["total"] == 0
        for sql in ("DELETE FROM documents", "SELECT 1; DROP TABLE documents", "CREATE TABLE x (a INT)"):
            with pytest.raises(PermissionError):
                data.query(sql)
        assert store.counts()["documents"] == 0
        data.close()


PAGES = [
    "/",
    "/index.json",
    "/articles",
    "/articles.json",
    "/timeline",
    "/network",
    "/actors",
    "/search?q=Rusland",
]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _total(base: str) -> int:
    status, body = _get(f"{base}/articles.json")
    assert status == 200
    return int(json.loads(body)["total"])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, list[subprocess.Popen[bytes]]]]:
    """Starts ``kroniek serve --watch`` on a free port when called; stops what is left at the end."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    procs: list[subprocess.Popen[bytes]] = []
    yield f"http://127.0.0.1:{port}", tmp_path, procs
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _start(base: str, tmp_path: Path, procs: list[subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
    port = base.rsplit(":", 1)[1]
    command = [sys.executable, "-m", "kroniek.cli", "serve", "--db", str(tmp_path / "live.duckdb")]
    command += ["--watch", str(tmp_path / "inbox"), "--port", port, "--set", "watch.settle_s=0.5"]
    command += ["--set", "watch.flush_s=0.5"]
    with (tmp_path / "serve.log").open("ab") as log:
        proc = subprocess.Popen(command, stdout=log, stderr=log)
    procs.append(proc)
    deadline = time.monotonic() + 90
    while True:
        assert proc.poll() is None, (tmp_path / "serve.log").read_text()
        try:
            if _get(f"{base}/index.json")[0] == 200:
                return proc
        except OSError:
            pass
        assert time.monotonic() < deadline, "the server did not answer within 90 s"
        time.sleep(0.2)


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.slow
def test_serve_watch_shows_new_articles_while_pages_answer_and_resumes_after_a_crash(
    server: tuple[str, Path, list[subprocess.Popen[bytes]]],
) -> None:
    base, tmp_path, procs = server
    staging = write_articles(tmp_path / "staging", 250)
    proc = _start(base, tmp_path, procs)
    statuses: Counter[int] = Counter()
    stop = threading.Event()

    def browse() -> None:  # a reader asking for pages in a loop (bounded: it stops by itself)
        for n in range(5000):
            if stop.is_set():
                return
            statuses[_get(base + PAGES[n % len(PAGES)])[0]] += 1

    client = threading.Thread(target=browse)
    client.start()
    try:
        for path in staging[:50]:  # copied in one by one, as a feed would
            shutil.copy(path, tmp_path / "inbox" / path.name)
            time.sleep(0.1)
        last_copy = time.monotonic()
        while _total(base) < 50:
            assert time.monotonic() - last_copy < 30, f"{_total(base)} of 50 articles after 30 s"
            time.sleep(0.2)
        latency = time.monotonic() - last_copy
    finally:
        stop.set()
        client.join(timeout=60)
    assert sum(statuses.values()) > len(PAGES) and set(statuses) == {200}, statuses
    print(f"50 articles shown {latency:.1f} s after the last copy; {sum(statuses.values())} pages, all 200")
    assert latency < 30

    # A crash while the next files are coded: the restarted server stores what is missing, once.
    workers = _children(proc.pid)
    for path in staging[50:]:
        shutil.copy(path, tmp_path / "inbox" / path.name)
    deadline = time.monotonic() + 60
    while (shown := _total(base)) == 50:  # the first batch of them is stored: kill it now
        assert time.monotonic() < deadline, "none of the next articles stored within 60 s"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert shown < len(staging), "the batch ended before the kill"
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in workers):  # the coding worker ends too
        assert time.monotonic() < deadline, "the coding worker outlived the server"
        time.sleep(0.2)
    _start(base, tmp_path, procs)
    deadline = time.monotonic() + 60
    while _total(base) < len(staging):
        assert time.monotonic() < deadline, f"{_total(base)} of {len(staging)} articles after the restart"
        time.sleep(0.2)
    overview = json.loads(_get(f"{base}/index.json")[1])
    counts = overview["counts"]
    assert (counts["documents"], counts["duplicates"], counts["failures"]) == (len(staging), 0, 0), counts
    assert os.path.getsize(tmp_path / "live.duckdb") > 0

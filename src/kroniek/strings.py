"""Strings the store can hold: text that is valid Unicode.

Python strings may hold what UTF-8 cannot encode: lone surrogates (``"\\ud800"`` in a JSON line
decodes to one). DuckDB and Arrow refuse them, and one such string would fail the write of a whole
batch. The policy for text (article text, titles, ids, URLs, metadata): every surrogate code point
becomes U+FFFD, one character for one, so character offsets stay as they are (``valid_text``).

    >>> valid_text("a\\ud800b") == "a\\ufffdb"
    True
"""

from __future__ import annotations

import json
import re

__all__ = ["json_text", "valid_text"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """``text`` with every surrogate code point replaced by U+FFFD (the same length)."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


def json_text(value: object) -> str:
    """``value`` as JSON that DuckDB's JSON type accepts (no escaped lone surrogate in it)."""
    out = json.dumps(value)
    if "\\ud" not in out:
        return out
    # json.dumps writes a lone surrogate as an escape, which DuckDB rejects as malformed JSON.
    return valid_text(json.dumps(value, ensure_ascii=False))

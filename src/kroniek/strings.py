r"""Strings the store can hold: text that is valid Unicode, and file names as text that round-trips.

Python strings may hold what UTF-8 cannot encode: lone surrogates (``"\ud800"`` in a JSON line
decodes to one), and the bytes of a file name that is not UTF-8 (``os.walk`` gives them as
surrogate escapes: ``"caf\udce9"``). DuckDB and Arrow refuse both, and one such string would fail
the write of a whole batch. The policy:

- **text** (article text, titles, ids, URLs, metadata): every surrogate code point becomes U+FFFD,
  one character for one, so character offsets stay as they are (``valid_text``);
- **file names**: a backslash becomes ``\\``, a byte that is not UTF-8 ``\xNN``, a control
  character ``\xNN`` (C0, DEL) or ``\uNNNN`` (C1), a surrogate that is no byte escape ``\uNNNN``;
  so every name is one line of valid text, and ``path_from_text(path_text(name)) == name`` for
  every name (``path_text``).

    >>> valid_text("a\ud800b") == "a\ufffdb"
    True
    >>> print(path_text("caf\udce9\udcff.txt"))
    caf\xe9\xff.txt
    >>> path_from_text(path_text("caf\udce9\udcff.txt")) == "caf\udce9\udcff.txt"
    True
"""

from __future__ import annotations

import json
import re

__all__ = ["json_text", "path_from_text", "path_text", "valid_text"]

_SURROGATE = re.compile("[\ud800-\udfff]")
# What a file name needs escaped: the escape character itself, surrogates and control characters.
_PATH_SPECIAL = re.compile("[\\\\\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_PATH_ESCAPE = re.compile(r"\\(?:\\|x([0-9a-f]{2})|u([0-9a-f]{4}))")
# os.fsdecode gives a byte 0x80-0xff that is not UTF-8 as the lone surrogate U+DC80-U+DCFF.
_BYTE_ESCAPES = range(0xDC80, 0xDD00)


def valid_text(text: str) -> str:
    """``text`` with every surrogate code point replaced by U+FFFD (the same length)."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")  # fails on surrogates only; in C, faster than searching for them
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def json_text(value: object) -> str:
    """``value`` as JSON that DuckDB's JSON type accepts (no escaped lone surrogate in it)."""
    out = json.dumps(value)
    if "\\ud" not in out:
        return out
    # json.dumps writes a lone surrogate as an escape, which DuckDB rejects as malformed JSON.
    return valid_text(json.dumps(value, ensure_ascii=False))


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    if code == 0x5C:
        return "\\\\"
    if code in _BYTE_ESCAPES:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def path_text(name: str) -> str:
    """A file name (as ``os`` gives it, with surrogate escapes) as one line of valid text.

    Names without backslashes, control characters or undecodable bytes are returned as they are.
    """
    return _PATH_SPECIAL.sub(_escape, name)


def _unescape(m: re.Match[str]) -> str:
    byte, code = m.group(1), m.group(2)
    if byte is not None:
        value = int(byte, 16)
        return chr(value if value < 0x80 else 0xDC00 + value)
    return chr(int(code, 16)) if code is not None else "\\"


def path_from_text(text: str) -> str:
    """The file name ``path_text`` made ``text`` from, to open the file again (``open(name)``)."""
    return _PATH_ESCAPE.sub(_unescape, text)

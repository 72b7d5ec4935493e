"""Bytes to text: refuse binary data, detect the encoding, never guess silently."""

from __future__ import annotations

import codecs

import charset_normalizer

from ..errors import KroniekError
from ..strings import valid_text

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# File signatures of common binary formats that may sit in a folder of articles.
_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x7fELF", b"RIFF")
_CONTROLS = bytes(b for b in range(0x20) if b not in b"\t\n\r\f\x1b")


def _control_share(data: bytes) -> float:
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls / max(1, len(sample))


# Characters that non-ASCII bytes of Western European news text decode to in Windows-1252.
_WESTERN = (
    set("€‚„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿")
    | {chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7)}
    | {"\u00a0"}
)


def _as_western(data: bytes) -> str | None:
    """The text as Windows-1252 when every non-ASCII byte reads as a Western letter or sign.

    charset-normalizer guesses Baltic or Urdu code pages for short Dutch latin-1 text
    ("geïsoleerd"); Western text is checked first, and far more likely in this field.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [ch for ch in text if ord(ch) > 0x7F]
    return text if high and all(ch in _WESTERN for ch in high) else None


def decode(data: bytes, max_control_ratio: float) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``KroniekError`` for empty, binary or undecodable input."""
    text, encoding = _decode(data, max_control_ratio)
    text = valid_text(text)  # UTF-7 and the like can decode to lone surrogates
    if not text.strip():
        raise KroniekError("empty", f"only whitespace once decoded as {encoding}")
    return text, encoding


def _decode(data: bytes, max_control_ratio: float) -> tuple[str, str]:
    if not data.strip():
        raise KroniekError("empty", "the input is empty or only whitespace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                message = f"{encoding} by its byte-order mark, but bytes {exc.start}-{exc.end} are not"
                raise KroniekError("undecodable", message) from exc
    if data.startswith(_MAGIC) or b"\x00" in data[:65536]:
        raise KroniekError("binary", "binary data (file signature or NUL bytes), not text")
    if _control_share(data) > max_control_ratio:
        raise KroniekError("binary", "too many control characters for text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    western = _as_western(data)
    if western is not None:
        return western, "cp1252"
    best = charset_normalizer.from_bytes(data[:1_000_000]).best()
    if best is None:
        raise KroniekError("undecodable", "no text encoding fits these bytes")
    encoding = str(best.encoding)
    # Western news text that is not UTF-8 is nearly always Windows-1252 (a superset of
    # latin-1's printable range: curly quotes, euro sign); prefer it where it decodes.
    if encoding in {"latin_1", "iso8859_15", "iso8859_1", "cp1250", "cp1252", "mac_roman"}:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise KroniekError("undecodable", f"looks like {encoding}, but does not decode as it") from exc

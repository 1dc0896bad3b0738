"""Turn the inputs a user names into files, and a file's bytes into text.

An input is a file, a directory (read recursively, in sorted order, hidden entries skipped)
or a glob pattern. Bytes are decoded as UTF-8 (a byte-order mark is honoured and dropped);
text that is not UTF-8 is read as Windows-1251 when it is plainly Cyrillic, else as
Windows-1252 / Latin-1. Binary data is refused with an error that says so.
"""

from __future__ import annotations

import glob
import os
import unicodedata
from pathlib import Path

from diplograph.errors import UnreadableInputError

# Files a directory is searched for; other files in it (README.md, images) are left alone.
# A file named directly or matched by a glob is read whatever its name.
INPUT_SUFFIXES = frozenset({"", ".txt", ".text", ".jsonl", ".ndjson", ".json", ".html", ".htm"})

_GLOB_CHARS = frozenset("*?[")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# More than this share of control characters (NUL and the like) means binary data.
_MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def expand_input(spec: str) -> list[str]:
    """The files one input names, in reading order.

    Raises ``UnreadableInputError`` (with ``source=spec``) when the input names no file.
    """
    path = Path(spec)
    if path.is_dir():
        files = _files_under(spec)
        if not files:
            raise UnreadableInputError("directory holds no input files", source=spec)
        return files
    if path.is_file():
        return [spec]
    if _GLOB_CHARS & set(spec):
        return _glob_files(spec)
    if path.exists():
        raise UnreadableInputError("not a regular file or directory", source=spec)
    raise UnreadableInputError("no such file or directory", source=spec)


def _glob_files(pattern: str) -> list[str]:
    """The files a glob pattern matches; directories it matches are searched too."""
    files: list[str] = []
    for match in sorted(glob.glob(pattern, recursive=True)):
        if os.path.isdir(match):
            files.extend(_files_under(match))
        elif os.path.isfile(match):
            files.append(match)
    if not files:
        raise UnreadableInputError("no file matches this pattern", source=pattern)
    return files


def _files_under(directory: str) -> list[str]:
    """Input files below ``directory``, sorted by path, hidden files and folders skipped."""
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith(".") or Path(name).suffix.lower() not in INPUT_SUFFIXES:
                continue
            full = os.path.join(root, name)
            found.append((Path(os.path.relpath(full, directory)).parts, full))
    return [full for _, full in sorted(found)]


def read_text_file(path: str) -> str:
    """The decoded text of one file; ``UnreadableInputError`` when it cannot be read."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UnreadableInputError(f"cannot read file: {reason}", source=path) from exc
    return decode_bytes(data, source=path)


def decode_bytes(data: bytes, source: str | None = None) -> str:
    """Decode a file's bytes to text with ``\\n`` line ends, refusing binary data."""
    text = _decode(data, source)
    if _looks_binary(text):
        raise UnreadableInputError(
            "looks like binary data, not text (or UTF-16 without a byte-order mark)",
            source=source,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, source: str | None) -> str:
    """Decode by byte-order mark, else as UTF-8, else as a single-byte Windows code page."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableInputError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding}",
                    source=source,
                ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_single_byte(data)


def _decode_single_byte(data: bytes) -> str:
    """Windows-1251 when the non-ASCII bytes form Cyrillic words, else Windows-1252/Latin-1."""
    if _looks_cyrillic_cp1251(data):
        try:
            return data.decode("cp1251")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_cyrillic_cp1251(data: bytes) -> bool:
    """Whether most high bytes sit next to another letter byte of the cp1251 Cyrillic block.

    Cyrillic text in cp1251 is whole words of bytes 0xC0-0xFF; Latin-1 text has isolated
    accented letters between ASCII ones.
    """
    high = [i for i, b in enumerate(data) if b >= 0x80]
    if not high:
        return False

    def letter(i: int) -> bool:
        return 0 <= i < len(data) and data[i] >= 0xC0

    paired = sum(1 for i in high if letter(i) and (letter(i - 1) or letter(i + 1)))
    return paired > len(high) / 2


def _looks_binary(text: str) -> bool:
    """Whether control characters (NUL and the like) make up too much of ``text``."""
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(
        1 for c in sample if c not in _ALLOWED_CONTROLS and unicodedata.category(c) == "Cc"
    )
    return controls > len(sample) * _MAX_CONTROL_SHARE

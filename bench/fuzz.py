"""Fuzz ``read_inputs`` and the extractor with random and mutated inputs (GitHub issue 8).

    python bench/fuzz.py N [--seed S] [--out DIR] [--no-extract]

Writes N inputs (random bytes, and real samples from ``samples/`` and the shared corpus with
bit flips, truncations, splices, re-encodings and format confusions) to files, reads each
through ``read_inputs`` and every article through one ``Extractor``, in-process. Counts the
inputs tried, clean articles, ``DiplographError``s and crashes: any other exception, or an
``ExtractionError`` wrapping one. The first crashes are printed with the path of the file
that reproduces them; the exit status is 1 when there was any crash.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from diplograph.errors import DiplographError, ExtractionError
from diplograph.ingest import read_inputs
from diplograph.models import Extraction
from diplograph.nlp import Extractor

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIRS = (ROOT / "samples", ROOT.parent / "shared" / "corpus", ROOT / "tests" / "golden")
SAMPLE_SUFFIXES = (".txt", ".jsonl", ".html", ".htm", ".xml", ".rss", ".csv", ".warc", ".gz")
# Samples are cut to this many bytes so that a mutated input stays quick to read.
SAMPLE_BYTES = 20_000
SHOWN_CRASHES = 5
ENCODINGS = ("utf-16", "utf-16-le", "utf-32", "cp1251", "cp1252", "koi8-r", "latin-1")

FORMAT_SHELLS = (
    b'{"text": "%s", "title": "T"}\n',
    b"<?xml version='1.0'?><rss><channel><item><title>t</title>"
    b"<description>%s</description></item></channel></rss>",
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">%s</content>',
    b"<!doctype html><html><body><article><p>%s</p></article></body></html>",
    b"text,title\n%s,x\n",
    b" date 2024-04-13 10.04.2024, 19:37 15401\n%s\nrelevant news\n12.04.2024, 10:17\n%s\n",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n%s",
    b"[%s]",
    b"\xef\xbb\xbf%s",
    b"\xff\xfe%s",
)


def load_samples() -> list[bytes]:
    """Real inputs to mutate, cut to ``SAMPLE_BYTES``; a few made-up ones when none exist."""
    samples: list[bytes] = []
    for directory in SAMPLE_DIRS:
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            if path.is_file() and path.name.lower().endswith(SAMPLE_SUFFIXES):
                samples.append(path.read_bytes()[:SAMPLE_BYTES])
    samples.append(_warc_sample())
    samples.append(gzip.compress(_warc_sample()))
    return samples


def _warc_sample() -> bytes:
    page = b"<html><head><title>Visit</title></head><body><p>" + b"The minister met. " * 40
    page += b"</p></body></html>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\n"
        b"WARC-Date: 2024-05-02T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        b"Content-Length: %d\r\n\r\n" % len(http)
    )
    return head + http + b"\r\n\r\n"


def mutate(rng: random.Random, samples: list[bytes]) -> bytes:
    """One fuzz input: random bytes, or a real sample put through one to three mutations."""
    if rng.random() < 0.1:
        return rng.randbytes(rng.randint(0, 4096))
    data = rng.choice(samples)
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(MUTATIONS)(rng, data, samples)
    return data


def _bit_flips(rng: random.Random, data: bytes, samples: list[bytes]) -> bytes:
    if not data:
        return data
    buf = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf)


def _truncate(rng: random.Random, data: bytes, samples: list[bytes]) -> bytes:
    return data[: rng.randint(0, len(data))]


def _splice(rng: random.Random, data: bytes, samples: list[bytes]) -> bytes:
    other = rng.choice(samples)
    return data[: rng.randint(0, len(data))] + other[rng.randint(0, len(other)) :]


def _reencode(rng: random.Random, data: bytes, samples: list[bytes]) -> bytes:
    text = data.decode("utf-8", errors="replace")
    return text.encode(rng.choice(ENCODINGS), errors="replace")


def _confuse(rng: random.Random, data: bytes, samples: list[bytes]) -> bytes:
    shell = rng.choice(FORMAT_SHELLS)
    piece = data[: rng.randint(0, min(len(data), 4000))]
    return shell.replace(b"%s", piece)


def _insert_junk(rng: random.Random, data: bytes, samples: list[bytes]) -> bytes:
    junk = rng.choice(
        [b"\x00" * rng.randint(1, 50), b"\xff\xfe", b"\xed\xa0\x80", b"\r", b'"', b"<", b"]]>"]
    )
    at = rng.randint(0, len(data))
    return data[:at] + junk + data[at:]


def _long_line(rng: random.Random, data: bytes, samples: list[bytes]) -> bytes:
    return data + rng.choice([b"a", b"word ", b"\xd0\x9c", b"{", b","]) * rng.choice(
        (2_000, 20_000, 200_000)
    )


def _empty_items(rng: random.Random, data: bytes, samples: list[bytes]) -> bytes:
    return rng.choice([b"", b"\n\n\n", b"{}\n", b'{"text": ""}\n', b"text\n\n", b"<rss/>"]) + data


MUTATIONS: tuple[Callable[[random.Random, bytes, list[bytes]], bytes], ...] = (
    _bit_flips,
    _truncate,
    _splice,
    _reencode,
    _confuse,
    _insert_junk,
    _long_line,
    _empty_items,
)


def valid_evidence(extraction: Extraction) -> bool:
    """Whether every event's evidence offsets lie inside the article text and match it."""
    text = extraction.article.text
    for event in extraction.events:
        for ev in event.evidence:
            if not 0 <= ev.start <= ev.end <= len(text) or text[ev.start : ev.end] != ev.text:
                return False
    return True


def run(count: int, seed: int, out: Path, extract: bool) -> int:
    """Fuzz ``count`` inputs; print the figures; return the number of crashes."""
    rng = random.Random(seed)
    samples = load_samples()
    extractor = Extractor() if extract else None
    tried = articles = errors = 0
    crashes: list[tuple[Path, str]] = []
    started = time.perf_counter()
    for number in range(count):
        path = out / f"fuzz_{number:06d}.bin"
        path.write_bytes(mutate(rng, samples))
        tried += 1
        problems: list[DiplographError] = []
        try:
            for article in read_inputs([str(path)], on_error=problems.append):
                articles += 1
                if extractor is not None:
                    try:
                        if not valid_evidence(extractor.extract(article)):
                            raise AssertionError("evidence offsets outside the article text")
                    except ExtractionError as exc:
                        if exc.__cause__ is not None:  # a wrapped bug, not a refusal
                            raise exc.__cause__ from exc
                        problems.append(exc)
        except DiplographError as exc:
            problems.append(exc)
        except Exception:
            crashes.append((path, traceback.format_exc()))
            continue
        errors += len(problems)
        path.unlink()  # only crashing inputs are kept, to reproduce them
    elapsed = time.perf_counter() - started
    print(
        f"inputs tried: {tried}  clean articles: {articles}  DiplographErrors: {errors}  "
        f"crashes: {len(crashes)}  time: {elapsed:.1f}s ({tried / elapsed:.0f} inputs/s)"
    )
    for path, trace in crashes[:SHOWN_CRASHES]:
        print(f"\n--- crash, reproduce with: {path}\n{trace}", file=sys.stderr)
    return len(crashes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many inputs to try")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--out", type=Path, help="where inputs are written (default: a temp dir)")
    parser.add_argument("--no-extract", action="store_true", help="read only, do not extract")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="diplograph-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"fuzz inputs in {out}")
    return 1 if run(args.count, args.seed, out, not args.no_extract) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Extraction speed on a corpus: articles/s of diplograph vs a bare spaCy tokenizer pass.

    python bench/extract_speed.py [INPUT ...] [--repeat N]

Defaults to the seed page and dev corpus in ../shared. Prints one line per figure and the
ratio extraction/tokenizer, all from the same run on the same texts. Not a test: timings
belong in benchmarks, not in assertions.
"""

from __future__ import annotations

import argparse
import platform
import resource
import time
from pathlib import Path

import spacy

from diplograph.ingest import read_inputs
from diplograph.nlp import Extractor

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DEFAULT_INPUTS = [SHARED / "000_5d660a483205698d.txt", SHARED / "dev.jsonl"]


def best_of(repeat: int, run: object) -> float:
    """The fastest of ``repeat`` timed calls of ``run``, in seconds."""
    assert callable(run)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(p) for p in DEFAULT_INPUTS])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    articles = list(read_inputs(args.inputs))
    texts = [a.text for a in articles]
    start = time.perf_counter()
    extractor = Extractor()
    extractor.extract(articles[0])
    startup = time.perf_counter() - start
    tokenizer = spacy.blank("en").tokenizer

    extract_s = best_of(args.repeat, lambda: [extractor.extract(a) for a in articles])
    token_s = best_of(args.repeat, lambda: [tokenizer(t) for t in texts])
    n = len(articles)
    print(f"machine          {platform.machine()} {platform.python_version()}")
    print(f"articles         {n} ({sum(map(len, texts))} characters)")
    print(f"startup          {startup:.2f} s (pipeline build + first article)")
    print(f"extraction       {n / extract_s:.1f} articles/s")
    print(f"tokenizer pass   {n / token_s:.1f} articles/s")
    print(f"ratio            {extract_s / token_s:.2f}x the tokenizer's time")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS         {peak:.1f} MB (pipeline, knowledge base, inputs)")


if __name__ == "__main__":
    main()

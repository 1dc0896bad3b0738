"""Extraction throughput and memory on synthetic releases (bench/synthetic.py).

    python bench/throughput.py [--n 1000] [--repeat 3] [--seed 0]

Runs N and 10N articles each in a fresh subprocess (one core: a single process), so that
each peak RSS (VmHWM) is its own. Articles are streamed from the generator, one at a time,
as a batch job streams its input: nothing but the pipeline is held, so the peak measures
the pipeline and what it accumulates, not the size of the input. Each run times
diplograph's extraction and a bare spaCy tokenizer pass (``spacy.blank("en").tokenizer``)
over the same texts; only the calls are timed (generating a release is not), median of
``--repeat`` passes. It prints articles/s, their ratio, peak RSS, the ratio of the peaks
and the growth of spaCy's string store. Not a test: timings belong in benchmarks, not in
assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diplograph.models import Article

HERE = Path(__file__).resolve().parent


def machine() -> dict[str, Any]:
    """CPU model, cores and Python of this machine."""
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
    }


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource  # not Linux: ru_maxrss is in KB on Linux, bytes on macOS

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stream_time(repeat: int, texts: Callable[[], Iterable[Any]], call: Any) -> float:
    """Median over ``repeat`` passes of the time spent in ``call`` alone, items streamed."""
    totals = []
    for _ in range(repeat):
        spent = 0.0
        for item in texts():
            start = time.perf_counter()
            call(item)
            spent += time.perf_counter() - start
        totals.append(spent)
    return statistics.median(totals)


def worker(n: int, repeat: int, seed: int) -> dict[str, Any]:
    """One measurement in this process: rates of both passes and the peaks of memory."""
    import spacy

    sys.path.insert(0, str(HERE))
    from synthetic import synthetic_articles

    from diplograph.nlp import Extractor

    def articles() -> Iterator[Article]:
        return (release.extraction.article for release in synthetic_articles(n, seed))

    start = time.perf_counter()
    extractor = Extractor()
    extractor.extract(next(articles()))
    startup = time.perf_counter() - start
    baseline = peak_rss_mb()
    strings = len(extractor.nlp.vocab.strings)
    tokenizer = spacy.blank("en").tokenizer
    events = characters = 0
    for article in articles():  # warm-up pass, counts; each result dropped as it comes
        events += len(extractor.extract(article).events)
        characters += len(article.text)
    extract_s = _stream_time(repeat, articles, extractor.extract)
    peak = peak_rss_mb()
    token_s = _stream_time(repeat, lambda: (a.text for a in articles()), tokenizer)
    return {
        "n": n,
        "characters": characters,
        "events": events,
        "startup_s": startup,
        "extract_per_s": n / extract_s,
        "tokenize_per_s": n / token_s,
        "ratio": extract_s / token_s,
        "rss_pipeline_mb": baseline,
        "peak_rss_mb": peak,
        "strings_added": len(extractor.nlp.vocab.strings) - strings,
    }


def run_fresh(n: int, repeat: int, seed: int) -> dict[str, Any]:
    """``worker(n)`` in a new Python process, so that its peak RSS is its own."""
    command = [sys.executable, __file__, "--worker", str(n), "--repeat", str(repeat)]
    out = subprocess.run(
        [*command, "--seed", str(seed)], check=True, capture_output=True, text=True
    ).stdout
    return dict(json.loads(out.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.repeat, args.seed)))
        return
    facts = machine()
    small = run_fresh(args.n, args.repeat, args.seed)
    large = run_fresh(10 * args.n, max(1, args.repeat - 2), args.seed)
    if args.json:
        print(json.dumps({"machine": facts, "runs": [small, large]}))
        return
    print(f"machine      {facts['cpu']}, {facts['cores']} cores, {facts['python']}")
    for run in (small, large):
        print(
            f"N={run['n']:<7} extraction {run['extract_per_s']:7.1f} articles/s/core"
            f"  tokenizer {run['tokenize_per_s']:8.1f} articles/s"
            f"  ratio {run['ratio']:5.2f}x  peak RSS {run['peak_rss_mb']:6.1f} MB"
            f" (pipeline {run['rss_pipeline_mb']:.1f}, strings +{run['strings_added']})"
            f"  events {run['events']}  startup {run['startup_s']:.2f} s"
        )
    growth = large["peak_rss_mb"] / small["peak_rss_mb"]
    print(f"peak RSS 10N/N  {growth:.3f} ({(growth - 1) * 100:+.1f}%)")


if __name__ == "__main__":
    main()

"""Extraction speed on a corpus: articles/s of diplograph vs a bare spaCy tokenizer pass.

    python bench/extract_speed.py [INPUT ...] [--repeat N]
    python bench/extract_speed.py [INPUT ...] --against OTHER/src [--rounds R]

Defaults to the seed page, dev and dev2 corpora in ../shared. Prints one line per figure and
the ratio extraction/tokenizer, all from the same run on the same texts. Not a test:
timings belong in benchmarks, not in assertions.

``--against`` compares this tree with another checkout of diplograph (its ``src`` folder,
say a ``git worktree`` of an older commit) in one run: each round measures both trees, in
turn, in fresh processes on the same texts, and the figures are the medians over rounds, in
wall time and in CPU time (the processor time of the process, which a noisy neighbour on a
shared machine disturbs less than the wall clock).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DEFAULT_INPUTS = [
    SHARED / "000_5d660a483205698d.txt",
    SHARED / "dev.jsonl",
    SHARED / "dev2.jsonl",
]
THIS_SRC = Path(__file__).resolve().parents[1] / "src"


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, float]:
    """The fastest wall and CPU times, in seconds, of ``repeat`` calls of ``run``."""
    walls, cpus = [float("inf")], [float("inf")]
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return min(walls), min(cpus)


class Bench:
    """The tree on ``sys.path``, ready to time: its extractor built and the texts read."""

    def __init__(self, inputs: list[str]) -> None:
        import spacy

        from diplograph.ingest import read_inputs
        from diplograph.nlp import Extractor

        self.articles = [a for a in read_inputs(inputs) if not isinstance(a, Exception)]
        self.texts = [a.text for a in self.articles]
        start = time.perf_counter()
        self.extractor = Extractor()
        self.extractor.extract(self.articles[0])
        self.startup = time.perf_counter() - start
        self.tokenizer = spacy.blank("en").tokenizer

    def figures(self, repeat: int) -> dict[str, float]:
        """Startup, the best extraction and tokenizer times of ``repeat`` passes, memory."""
        extract = self.extractor.extract
        tokenize = self.tokenizer
        extract_wall, extract_cpu = best_of(repeat, lambda: [extract(a) for a in self.articles])
        token_wall, token_cpu = best_of(repeat, lambda: [tokenize(t) for t in self.texts])
        return {
            "articles": len(self.articles),
            "characters": sum(map(len, self.texts)),
            "startup": self.startup,
            "extract_wall": extract_wall,
            "extract_cpu": extract_cpu,
            "token_wall": token_wall,
            "token_cpu": token_cpu,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }


def report(figures: dict[str, float]) -> None:
    """One tree's figures, one line each."""
    n = figures["articles"]
    print(f"machine          {platform.machine()} {platform.python_version()}")
    print(f"articles         {n} ({figures['characters']} characters)")
    print(f"startup          {figures['startup']:.2f} s (pipeline build + first article)")
    print(f"extraction       {n / figures['extract_wall']:.1f} articles/s")
    print(f"tokenizer pass   {n / figures['token_wall']:.1f} articles/s")
    ratio = figures["extract_wall"] / figures["token_wall"]
    print(f"ratio            {ratio:.2f}x the tokenizer's time")
    print(f"peak RSS         {figures['peak_mb']:.1f} MB (pipeline, knowledge base, inputs)")


class Child:
    """A fresh process holding one tree's extractor, timing one pass when asked."""

    def __init__(self, src: Path, inputs: list[str]) -> None:
        env = {**os.environ, "PYTHONPATH": str(src)}
        command = [sys.executable, __file__, *inputs, "--serve"]
        self.src = src
        self.process = subprocess.Popen(
            command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.ready = self.read()  # startup, counts and the memory after the first article

    def read(self) -> dict[str, float]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            sys.exit(f"extract_speed: the tree at {self.src} stopped (see its error above)")
        return json.loads(line)  # type: ignore[no-any-return]

    def one_pass(self) -> dict[str, float]:
        assert self.process.stdin is not None
        self.process.stdin.write("pass\n")
        self.process.stdin.flush()
        return self.read()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def serve(inputs: list[str]) -> None:
    """The child's side: build the extractor, then time one pass per line read."""
    bench = Bench(inputs)
    print(json.dumps(bench.figures(1)), flush=True)
    for _ in sys.stdin:
        print(json.dumps(bench.figures(1)), flush=True)


def compare(other: Path, inputs: list[str], passes: int) -> None:
    """This tree against ``other``: both extractors built side by side in two processes,
    their passes taken in turn (so that a slow spell of the machine falls on both), the
    fastest pass of each reported."""
    trees = {"this": THIS_SRC, "other": other.resolve()}
    children = {name: Child(src, inputs) for name, src in trees.items()}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for k in range(passes):
        for name in list(trees) if k % 2 == 0 else list(reversed(trees)):
            runs[name].append(children[name].one_pass())
    for child in children.values():
        child.close()
    first = children["this"].ready
    print(f"machine          {platform.machine()} {platform.python_version()}")
    print(f"articles         {first['articles']} ({first['characters']} characters)")
    print(f"passes           {passes} per tree, taken in turn; the fastest of each counts")
    best = {name: {key: min(r[key] for r in runs[name]) for key in runs[name][0]} for name in trees}
    for name, src in trees.items():
        b = best[name]
        print(
            f"{name:<6} {str(src)[-32:]:>32}  wall {b['extract_wall']:.3f} s  "
            f"cpu {b['extract_cpu']:.3f} s  {b['extract_cpu'] / b['token_cpu']:.2f}x the "
            f"tokenizer's cpu  peak {max(r['peak_mb'] for r in runs[name]):.0f} MB"
        )
    for key, label in (("extract_wall", "wall"), ("extract_cpu", "cpu")):
        ratio = best["this"][key] / best["other"][key]
        pairs = [a[key] / b[key] for a, b in zip(runs["this"], runs["other"], strict=True)]
        print(
            f"this/other {label:<4} {ratio:.2f}x fastest to fastest "
            f"(pass by pass: median {statistics.median(pairs):.2f}x, "
            f"{min(pairs):.2f}x to {max(pairs):.2f}x)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(p) for p in DEFAULT_INPUTS])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--against", type=Path, help="another tree's src folder to compare with")
    parser.add_argument("--passes", type=int, default=15, help="passes per tree with --against")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.against is not None:
        compare(args.against, args.inputs, args.passes)
    elif args.serve:
        serve(args.inputs)
    else:
        report(Bench(args.inputs).figures(args.repeat))


if __name__ == "__main__":
    main()

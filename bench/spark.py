"""Batch throughput: articles/s of ``diplograph batch --engine spark`` vs ``--engine local``.

    python bench/spark.py [--n 2000] [--repeat 3] [--seed 0] [--engines local spark]

Writes N synthetic releases (bench/synthetic.py) to one JSONL file and runs the CLI on it
with each engine, ``--repeat`` times, printing the median wall time and articles/s (with
process and engine start-up included: what a user waits for). An engine the CLI cannot
run (e.g. PySpark not installed) is reported and skipped. Not a test.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import write_jsonl  # noqa: E402
from throughput import machine  # noqa: E402

CLI = [sys.executable, "-m", "diplograph"]


def run_engine(engine: str, source: Path, out: Path) -> float | str:
    """Seconds for one ``diplograph batch`` run, or the error line when it failed."""
    start = time.perf_counter()
    done = subprocess.run(
        [*CLI, "batch", str(source), "--engine", engine, "-o", str(out)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return (done.stderr.strip().splitlines() or ["failed"])[-1]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--engines", nargs="+", default=["local", "spark"])
    args = parser.parse_args()
    facts = machine()
    print(f"machine      {facts['cpu']}, {facts['cores']} cores, {facts['python']}")
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-") as tmp:
        source = Path(tmp) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            write_jsonl(args.n, args.seed, handle)
        for engine in args.engines:
            times: list[float] = []
            for _ in range(args.repeat):
                result = run_engine(engine, source, Path(tmp) / f"{engine}.jsonl")
                if isinstance(result, str):
                    print(f"{engine:<8} skipped: {result}")
                    break
                times.append(result)
            if times:
                wall = statistics.median(times)
                print(f"{engine:<8} N={args.n}  {wall:7.1f} s  {args.n / wall:7.1f} articles/s")


if __name__ == "__main__":
    main()

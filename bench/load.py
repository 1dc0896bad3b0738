"""Web API under load: req/s, p50/p99 latency and errors per endpoint.

    python bench/load.py [--seconds 8] [--connections 32] [--db /tmp/diplograph_load.db]

Builds (or reuses, when the file exists) a store from ``samples/`` and, when ``../shared``
is there, its seed page and dev corpus (a ``postgresql://`` ``--db`` is served as it is);
starts ``diplograph serve`` on a free 127.0.0.1 port; hammers each endpoint in turn for
``--seconds`` (with ``wrk`` when installed, else an asyncio/httpx client with
``--connections`` concurrent connections); stops the server. Traffic only to 127.0.0.1;
the whole run is bounded (8 endpoints x seconds, at most 64 s of load). Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = ROOT.parent / "shared"
MAX_LOAD_SECONDS = 64
HOST = "127.0.0.1"


def build_store(path: str) -> None:
    """The store the web tests use (samples, shared seed page and dev corpus)."""
    from diplograph.pipeline import extract_inputs
    from diplograph.store import open_store

    inputs = [str(ROOT / "samples")]
    if SHARED_DIR.is_dir():
        inputs += [str(p) for p in sorted((SHARED_DIR / "corpus").glob("*")) if p.is_file()]
    tmp = path + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    with open_store(tmp) as store:
        for extraction in extract_inputs(inputs):
            store.save(extraction)
    os.replace(tmp, path)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(db: str, port: int, serve_options: list[str]) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "diplograph", "serve", "--db", db, "--host", HOST]
    proc = subprocess.Popen(
        [*cmd, "--port", str(port), *serve_options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"http://{HOST}:{port}/api/actors?limit=1", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not answer within 30 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url: str, seconds: int, connections: int, threads: int) -> dict[str, Any]:
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)", out, re.M))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    errors = 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        errors += int(non2xx.group(1))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if sock:
        errors += sum(int(g) for g in sock.groups())
    return {
        "requests": requests,
        "rps": rps,
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
        "errors": errors,
    }


async def _httpx_load(url: str, seconds: int, connections: int) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:
        stop = time.monotonic() + seconds

        async def worker() -> None:
            nonlocal errors
            while time.monotonic() < stop:
                began = time.perf_counter()
                try:
                    response = await client.get(url)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append((time.perf_counter() - began) * 1000)
                errors += not ok

        began = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.monotonic() - began
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": cuts[49],
        "p99": cuts[98],
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/diplograph_load.db")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--client", choices=("auto", "wrk", "httpx"), default="auto")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="serve --workers")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="serve --no-cache: every request runs its handler (the uncached path)",
    )
    args = parser.parse_args()

    served_by_a_server = "://" in args.db and not args.db.startswith("sqlite:")
    if not served_by_a_server and (args.rebuild or not os.path.exists(args.db)):
        began = time.perf_counter()
        build_store(args.db)
        print(f"built {args.db} in {time.perf_counter() - began:.1f} s")
    port = free_port()
    base = f"http://{HOST}:{port}"
    options = ["--workers", str(args.workers), *(["--no-cache"] if args.no_cache else [])]
    proc = start_server(args.db, port, options)
    try:
        first = httpx.get(f"{base}/api/events?limit=1", timeout=60).json()["events"]
        event_id = first[0]["id"] if first else "evt_none"
        actors = httpx.get(f"{base}/api/actors?limit=1", timeout=60).json()["actors"]
        actor_id = actors[0]["id"] if actors else "ent_none"
        paths = [
            "/api/events",
            "/api/events?country=KAZ&type=MEETING",
            f"/api/events?actor_id={actor_id}",
            "/api/actors",
            "/api/graph?level=country&country=KAZ",
            "/api/timeline?country=KAZ",
            "/api/search?q=Kazakhstan",
            f"/api/events/{event_id}",
        ]
        seconds = max(1, min(args.seconds, MAX_LOAD_SECONDS // len(paths)))
        use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
        client = "wrk" if use_wrk else "httpx"
        print(
            f"{client}, {args.connections} connections, {seconds} s per endpoint, {base},"
            f" serve {' '.join(options)}"
        )
        print(f"{'endpoint':42} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for path in paths:
            if use_wrk:
                stats = run_wrk(base + path, seconds, args.connections, args.threads)
            else:
                stats = asyncio.run(_httpx_load(base + path, seconds, args.connections))
            print(
                f"{path[:42]:42} {stats['rps']:8.1f} {stats['p50']:8.1f} {stats['p99']:8.1f}"
                f" {stats['errors']:7d}",
                flush=True,
            )
    finally:
        stop_server(proc)


if __name__ == "__main__":
    main()

"""The JSON API's response cache (web/cache.py, issue 15) over a real SQLite store and a
real PostgreSQL server: a question asked again while the store is unchanged is answered
from the cache (the same body, an ETag, a 304 for a client that has it), and an ingest made
while the app serves is seen by the very next request: the cache never serves what the
store no longer says."""

from __future__ import annotations

import socket
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplograph.models import Article, Extraction
from diplograph.nlp import Extractor
from diplograph.store import open_store
from diplograph.web import cache, create_app

with warnings.catch_warnings():  # starlette's TestClient nags about httpx vs httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TEXTS = [
    "Foreign Minister of Norway Espen Barth Eide met with the Ambassador of Japan in Oslo "
    "on 3 May 2024.",
    "Minister of Foreign Affairs of Kazakhstan Murat Nurtleu held talks with Minister of "
    "Foreign Affairs of Hungary Peter Szijjarto in Astana on 6 May 2024.",
    "Minister of Foreign Affairs of Chile Alberto van Klaveren received the Ambassador of "
    "Peru in Santiago on 9 May 2024.",
]


def _save(db: Path | str, extractor: Extractor, index: int) -> None:
    article = Article(source="cache", index=index, text=TEXTS[index], published="2024-05-10")
    with open_store(str(db)) as store:
        store.save(extractor.extract(article))


@pytest.fixture
def served(target: str) -> Iterator[tuple[TestClient, str, Extractor]]:
    """The app serving a store of either backend, which holds one article."""
    extractor = Extractor()
    _save(target, extractor, 0)
    with TestClient(create_app(target)) as client:
        yield client, target, extractor


def _kept(client: TestClient) -> int:
    """How many answers the app's cache holds."""
    layer = client.app.middleware_stack  # type: ignore[attr-defined]
    while layer is not None and not isinstance(layer, cache.ResponseCache):
        layer = getattr(layer, "app", None)
    assert layer is not None, "no response cache in the app"
    return len(layer.entries)


def test_web_cache_an_ingest_while_serving_is_seen_at_once(
    served: tuple[TestClient, str, Extractor],
) -> None:
    client, db, extractor = served
    first = client.get("/api/events")
    assert first.status_code == 200 and first.json()["total"] == 1
    assert client.get("/api/events").content == first.content  # from the cache
    assert _kept(client) == 1
    for index, total in ((1, 2), (2, 3)):
        _save(db, extractor, index)  # another connection commits while the app serves
        now = client.get("/api/events").json()
        assert now["total"] == total, now
        assert client.get("/api/actors").json()["total"] >= total + 1


def test_web_cache_etag_and_304(served: tuple[TestClient, str, Extractor]) -> None:
    client, db, extractor = served
    first = client.get("/api/events", params={"country": "NOR"})
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get("/api/events", params={"country": "NOR"}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    # the same question with its parameters in another order is the same answer
    reordered = client.get("/api/events?limit=50&country=NOR")
    assert (
        reordered.headers["etag"] == client.get("/api/events?country=NOR&limit=50").headers["etag"]
    )
    _save(db, extractor, 1)
    after = client.get("/api/events", params={"country": "NOR"}, headers={"If-None-Match": etag})
    assert after.status_code == 200  # the store changed: answered again, not "not modified"


def test_web_cache_keeps_only_successes(served: tuple[TestClient, str, Extractor]) -> None:
    client, _, _ = served
    for _ in range(2):
        response = client.get("/api/events", params={"country": "ZZZ"})
        assert response.status_code == 400 and "etag" not in response.headers
    assert _kept(client) == 0
    assert client.get("/events").status_code == 200  # pages are not cached
    assert _kept(client) == 0


def test_web_cache_a_new_file_at_the_same_path_is_another_store(
    served: tuple[TestClient, str, Extractor], tmp_path: Path
) -> None:
    client, db, extractor = served
    if "://" in db:
        pytest.skip("an SQLite file swapped; a server's database has no file")
    assert client.get("/api/events").json()["total"] == 1
    other = tmp_path / "other.db"
    for index in (1, 2):
        article = Article(source="cache", index=index, text=TEXTS[index], published="2024-05-10")
        with open_store(str(other)) as store:
            store.save(extractor.extract(article))
    other.replace(Path(db))  # the file swapped under the server, as a rebuild does
    assert client.get("/api/events").json()["total"] == 2


def test_web_cache_key_sorts_parameters_and_keeps_values() -> None:
    def key(query: bytes) -> str:
        return cache.cache_key({"path": "/api/events", "query_string": query})

    assert key(b"b=2&a=1") == key(b"a=1&b=2")
    assert key(b"a=1&a=2") != key(b"a=2")
    assert key(b"a=") != key(b"")


def test_web_cache_has_no_token_for_a_server_it_cannot_reach() -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert cache.StoreVersion(f"postgresql://u@127.0.0.1:{port}/x").token() is None


def test_web_cache_server_token_moves_with_each_write_alone(
    target: str, backend: str, sample_extractions: list[Extraction]
) -> None:
    """PostgreSQL's writes counter: a save or resolve moves it on; a read, an open or
    saving what is stored does not."""
    if backend != "postgresql":
        pytest.skip("SQLite's token is its data_version")
    version = cache.StoreVersion(target)
    try:
        with open_store(target) as store:
            store.save(sample_extractions[0])
            first = version.token()
            assert first is not None and version.token() == first
            store.find_events()
            assert store.save(sample_extractions[0]) is False
        with open_store(target):
            pass
        assert version.token() == first
        with open_store(target) as store:
            store.save(sample_extractions[1])
            second = version.token()
            store.resolve()
            third = version.token()
    finally:
        version.close()
    assert first is not None and second is not None and third is not None
    assert first[2] < second[2] < third[2]


def test_web_cache_serve_with_two_workers_answers_and_sees_ingests(tmp_path: Path) -> None:
    """`diplograph serve --workers 2`: two processes on one port, each with its own cache,
    both answering and both seeing an ingest made while they serve."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    extractor = Extractor()
    db = tmp_path / "workers.db"
    _save(db, extractor, 0)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "diplograph", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/events", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "the server did not answer"
            time.sleep(0.3)
        with httpx.Client(timeout=5) as http:  # new connections land on either worker
            assert {http.get(f"{base}/api/events").json()["total"] for _ in range(20)} == {1}
            _save(db, extractor, 1)
            totals = set()
            for _ in range(20):
                with httpx.Client(timeout=5) as fresh:
                    totals.add(fresh.get(f"{base}/api/events").json()["total"])
            assert totals == {2}
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()


def test_web_cache_drops_the_least_recently_used_past_its_limits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept = cache.ResponseCache(app=None, target="postgresql://u@h/x")  # type: ignore[arg-type]
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    monkeypatch.setattr(cache, "MAX_BYTES", 10)
    token = (1, 2, 3)
    for key, size in (("a", 4), ("b", 4), ("c", 1), ("a", 2)):
        kept.keep(key, cache.Entry(token, f'"{key}"', [], b"x" * size))
    assert list(kept.entries) == ["b", "c", "a"] and kept.size == 7
    kept.keep("d", cache.Entry(token, '"d"', [], b"x" * 4))  # 11 bytes: "b" goes
    assert list(kept.entries) == ["c", "a", "d"] and kept.size == 7
    kept.keep("e", cache.Entry(token, '"e"', [], b""))  # 4 entries: "c" goes
    assert list(kept.entries) == ["a", "d", "e"]


def test_web_cache_token_for_a_path_with_uri_characters(tmp_path: Path) -> None:
    db = tmp_path / "a ?b#c%.db"
    with open_store(str(db)):
        pass
    version = cache.StoreVersion(str(db))
    first = version.token()
    assert first is not None and first == version.token()
    extractor = Extractor()
    _save(db, extractor, 0)
    assert version.token() != first


def test_web_cache_app_runs_few_handler_threads(tmp_path: Path) -> None:
    """A process runs ``threads`` handlers at once (anyio's default of 40 makes the reads,
    which hold the GIL, slower, not more of them done)."""
    import anyio.to_thread

    from diplograph.web.app import THREADS

    db = tmp_path / "threads.db"
    with open_store(str(db)):
        pass

    def tokens() -> float:
        return float(anyio.to_thread.current_default_thread_limiter().total_tokens)

    for threads in (THREADS, 2):
        with TestClient(create_app(str(db), threads=threads)) as client:
            assert client.portal.call(tokens) == threads  # type: ignore[union-attr]
            assert client.get("/api/events").status_code == 200


def test_web_kept_stores_of_ended_threads_are_closed(tmp_path: Path) -> None:
    """A handler thread keeps its store; once the thread has ended (anyio retires idle
    ones), the next store opened closes it, and shutdown closes the rest."""
    import threading
    from types import SimpleNamespace

    from diplograph.web import deps

    db = tmp_path / "kept.db"
    with open_store(str(db)):
        pass
    request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(db=str(db))))
    kept = []
    worker = threading.Thread(target=lambda: kept.append(next(deps.get_store(request))))  # type: ignore[arg-type]
    worker.start()
    worker.join()
    (orphan,) = kept
    assert orphan.usable()
    mine = next(deps.get_store(request))  # type: ignore[arg-type]
    assert not orphan.usable() and mine.usable()
    deps.close_kept_stores(str(db))
    assert not mine.usable()

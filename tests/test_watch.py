"""``diplograph watch`` against a real HTTP server on 127.0.0.1 (no mocks of HTTP).

The server's routes change between rounds as a ministry's feeds would: entries added, a
route failing with 500, answering junk, sleeping past the timeout, and a port nobody
listens on for a source that is down.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from diplograph.cli import cli
from diplograph.errors import UsageError
from diplograph.pipeline import make_extractor
from diplograph.store import open_store
from diplograph.watch import Fetcher, Watcher, WatchState, parse_interval, read_sources

ROOT = Path(__file__).resolve().parents[1]


# -- a local site --------------------------------------------------------------------------


@dataclass
class Route:
    """What the server answers at one path; tests change it between rounds."""

    body: bytes = b""
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    fail_first: int = 0  # answer 503 to this many requests first
    drip: float = 0.0  # seconds between the body's bytes, sent one at a time
    retry_after: str | None = None  # sent with each 503


@dataclass
class Seen:
    """One request the server answered."""

    path: str
    headers: dict[str, str]
    at: float
    status: int


@dataclass
class Site:
    port: int = 0
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def statuses(self, path: str) -> list[int]:
        return [seen.status for seen in self.requests if seen.path == path]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        site = self.server.site
        route = site.routes.get(self.path)
        status = 404 if route is None else route.status
        if route is not None and route.fail_first > 0:
            route.fail_first -= 1
            status = 503
        if route is not None and route.delay:
            time.sleep(route.delay)
        if status == 200 and route is not None and _not_modified(route, self.headers):
            status = 304
        site.requests.append(Seen(self.path, dict(self.headers), time.monotonic(), status))
        self.send_response(status)
        body = route.body if route is not None and status == 200 else b""
        if route is not None and route.etag:
            self.send_header("ETag", route.etag)
        if route is not None and route.last_modified:
            self.send_header("Last-Modified", route.last_modified)
        if status == 503 and route is not None and route.retry_after:
            self.send_header("Retry-After", route.retry_after)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if route is not None and route.drip:
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(route.drip)
            return
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _not_modified(route: Route, headers: Any) -> bool:
    if route.etag:
        return bool(headers.get("If-None-Match") == route.etag)
    return bool(route.last_modified and headers.get("If-Modified-Since") == route.last_modified)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and left: nothing to report


@pytest.fixture
def site() -> Iterator[Site]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = Site(port=server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server.site
    server.shutdown()
    server.server_close()
    thread.join()


def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on (a source that is down)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def extractor() -> Any:
    """One extractor for the module: its models load once."""
    return make_extractor(None)


def watcher_for(sources: list[str], tmp_path: Path, extractor: Any, **fetch: Any) -> Watcher:
    settings: dict[str, Any] = {"timeout": 0.5, "retries": 1, "backoff": 0.01, "delay": 0.0}
    settings.update(fetch)
    state = WatchState.load(tmp_path / "test.db.watch.json")
    return Watcher(sources, state, Fetcher(**settings), extractor=extractor)


# -- feeds ---------------------------------------------------------------------------------

COUNTRIES = ["Japan", "France", "Brazil", "Kenya", "Norway", "Chile", "India", "Egypt"]


def news(n: int) -> dict[str, Any]:
    """The n-th short press release (distinct text, so a distinct article)."""
    country = COUNTRIES[n % len(COUNTRIES)]
    return {
        "title": f"Bakayev receives the Ambassador of {country} ({n})",
        "url": f"https://mfa.example/en/news/{n}",
        "published": f"2024-04-{n % 28 + 1:02d}",
        "text": f"Deputy Foreign Minister of Kazakhstan Alibek Bakayev received the Ambassador "
        f"of {country} in Astana on {n % 28 + 1} April 2024.\n\nThe sides discussed trade "
        f"and transport cooperation, item {n}.",
    }


def rss(records: list[dict[str, Any]], title: str = "Ministry news") -> bytes:
    """An RSS 2.0 feed of ``records`` (title, url, published, text), paragraphs as <p>."""
    items = []
    for record in records:
        paragraphs = [p for p in record["text"].split("\n\n") if p.strip()]
        html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        date = ""
        if record.get("published"):
            day = time.strptime(record["published"][:10], "%Y-%m-%d")
            date = f"<pubDate>{time.strftime('%a, %d %b %Y 10:00:00 +0000', day)}</pubDate>"
        items.append(
            f"<item><title>{escape(record['title'] or '')}</title>"
            f"<link>{escape(record['url'])}</link><guid>{escape(record['url'])}</guid>"
            f"{date}<description>{escape(html)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://mfa.example/</link>"
        f"<description>{escape(title)}</description>{''.join(items)}</channel></rss>"
    ).encode()


def article_count(db: str) -> int:
    with open_store(db) as store:
        return store.count_articles()


def stored_urls(db: str) -> list[str]:
    with open_store(db) as store:
        return sorted(row["url"] for row in store.list_articles())


# -- sources and intervals -----------------------------------------------------------------


def test_watch_sources_file_skips_comments_and_reads_paths_from_its_folder(
    tmp_path: Path,
) -> None:
    listed = tmp_path / "conf" / "sources.txt"
    listed.parent.mkdir()
    listed.write_text(
        "# ministries\n\nhttps://mfa.example/rss  # English feed\nreleases/\n"
        "/abs/folder\nhttps://mfa.example/rss\nhttps://mfa.example/page#top\n",
        encoding="utf-8",
    )
    assert read_sources(str(listed)) == [
        "https://mfa.example/rss",
        str(listed.parent / "releases"),
        "/abs/folder",
        "https://mfa.example/page#top",
    ]


@pytest.mark.parametrize(
    ("text", "seconds"), [("30s", 30), ("30m", 1800), ("2h", 7200), ("45", 45), ("1.5h", 5400)]
)
def test_watch_interval_reads_units(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0m", "soon", "-5m", "30 minutes", "2w"])
def test_watch_interval_refuses_others(text: str) -> None:
    with pytest.raises(UsageError):
        parse_interval(text)


# -- HTTP: conditional GET, politeness, retries ----------------------------------------------


def test_watch_fetch_sends_validators_and_reads_304(site: Site) -> None:
    modified = "Mon, 01 Apr 2024 10:00:00 GMT"
    site.routes["/feed"] = Route(b"<rss/>", etag='"v1"', last_modified=modified)
    fetcher = Fetcher(timeout=2, retries=0, delay=0)
    first = fetcher.get(site.url("/feed"))
    assert (first.status, first.body, first.etag) == (200, b"<rss/>", '"v1"')
    second = fetcher.get(site.url("/feed"), first.etag, first.last_modified)
    assert (second.status, second.body) == (304, b"")
    headers = site.requests[-1].headers
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == modified
    assert headers["User-Agent"].startswith("diplograph/")


def test_watch_fetch_waits_between_requests_to_one_host(site: Site) -> None:
    site.routes["/a"] = Route(b"a")
    fetcher = Fetcher(timeout=2, retries=0, delay=0.2)
    for _ in range(3):
        fetcher.get(site.url("/a"))
    times = [seen.at for seen in site.requests]
    assert all(later - earlier >= 0.18 for earlier, later in itertools.pairwise(times))


def test_watch_fetch_retries_with_backoff_then_succeeds(site: Site) -> None:
    site.routes["/flaky"] = Route(b"ok", fail_first=2)
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    fetcher = Fetcher(timeout=2, retries=2, backoff=0.05, delay=0, sleep=sleep)
    response = fetcher.get(site.url("/flaky"))
    assert (response.status, response.body, response.tries) == (200, b"ok", 3)
    assert site.statuses("/flaky") == [503, 503, 200]
    assert waits == [0.05, 0.1]


def test_watch_fetch_honours_retry_after_within_a_minute(site: Site) -> None:
    site.routes["/busy"] = Route(b"ok", fail_first=1, retry_after="0.2")  # not whole seconds
    site.routes["/later"] = Route(b"ok", fail_first=2, retry_after="3600")
    waits: list[float] = []
    fetcher = Fetcher(timeout=2, retries=2, backoff=0.01, delay=0, sleep=waits.append)
    assert fetcher.get(site.url("/busy")).body == b"ok"
    assert fetcher.get(site.url("/later")).body == b"ok"
    assert waits == [0.01, 60.0, 60.0]  # a fraction is ignored; an hour is cut to a minute


def test_watch_fetch_gives_up_with_a_one_line_reason(site: Site) -> None:
    site.routes["/gone"] = Route(status=404)
    site.routes["/broken"] = Route(status=500)
    fetcher = Fetcher(timeout=2, retries=1, backoff=0.01, delay=0)
    with pytest.raises(Exception, match=r"HTTP 404 \[DG102\]"):
        fetcher.get(site.url("/gone"))
    assert site.statuses("/gone") == [404]  # a 4xx is not tried again
    with pytest.raises(Exception, match="HTTP 500 after 2 tries"):
        fetcher.get(site.url("/broken"))
    with pytest.raises(Exception, match="after 2 tries"):
        fetcher.get(f"http://127.0.0.1:{closed_port()}/feed")


def test_watch_fetch_bounds_a_body_that_trickles(site: Site) -> None:
    site.routes["/drip"] = Route(b"x" * 40, drip=0.05)  # each read is quick, the whole is not
    fetcher = Fetcher(timeout=0.5, retries=0, delay=0)
    started = time.monotonic()
    with pytest.raises(Exception, match="cannot fetch: timed out"):
        fetcher.get(site.url("/drip"))
    assert time.monotonic() - started < 1.5


# -- rounds ----------------------------------------------------------------------------------


def test_watch_rounds_survive_bad_sources_and_lose_nothing(
    site: Site, tmp_path: Path, extractor: Any
) -> None:
    db = str(tmp_path / "test.db")
    site.routes["/a.xml"] = Route(rss([news(1), news(2)]), etag='"a1"')
    site.routes["/b.xml"] = Route(rss([news(3)]), status=500)
    site.routes["/junk"] = Route(b"\x00\x01\x02 not a feed \xff" * 20)
    site.routes["/slow.xml"] = Route(rss([news(4)]), delay=1.5)
    down = f"http://127.0.0.1:{closed_port()}/feed.xml"
    sources = [site.url(p) for p in ("/a.xml", "/b.xml", "/junk", "/slow.xml")] + [down]
    watcher = watcher_for(sources, tmp_path, extractor, timeout=0.4)

    with open_store(db) as store:
        first = {r.source: r for r in watcher.run_round(store)}
    assert [first[s].ok for s in sources] == [True, False, False, False, False]
    assert (first[sources[0]].new, first[sources[0]].status) == (2, "HTTP 200")
    assert "HTTP 500 after 2 tries" in first[sources[1]].line()
    assert "binary data" in first[sources[2]].line()
    assert "timed out after 2 tries" in first[sources[3]].line()
    assert "after 2 tries" in first[sources[4]].line()
    assert all("\n" not in r.line() for r in first.values())
    assert article_count(db) == 2

    # Round 2: feed a gains an entry, b recovers, the slow one is fast again.
    site.routes["/a.xml"] = Route(rss([news(1), news(2), news(5)]), etag='"a2"')
    site.routes["/b.xml"].status = 200
    site.routes["/slow.xml"].delay = 0
    with open_store(db) as store:
        second = {r.source: r for r in watcher.run_round(store)}
    assert (second[sources[0]].new, second[sources[0]].stored) == (1, 2)
    assert second[sources[1]].new == 1 and second[sources[1]].ok
    assert second[sources[3]].new == 1 and second[sources[3]].ok
    assert not second[sources[2]].ok and not second[sources[4]].ok
    assert stored_urls(db) == [news(n)["url"] for n in (1, 2, 3, 4, 5)]

    # Round 3: nothing changed; feeds with an ETag answer 304, nothing is stored twice.
    with open_store(db) as store:
        third = {r.source: r for r in watcher.run_round(store)}
    assert third[sources[0]].status == "HTTP 304 not modified"
    assert site.requests[-1].path != "/a.xml" or site.requests[-1].status == 304
    assert site.statuses("/a.xml")[-1] == 304
    assert sum(r.new for r in third.values()) == 0
    assert article_count(db) == 5


def test_watch_state_survives_a_restart_and_a_failed_source_is_fetched_again(
    site: Site, tmp_path: Path, extractor: Any
) -> None:
    db = str(tmp_path / "test.db")
    modified = "Tue, 02 Apr 2024 08:00:00 GMT"
    site.routes["/feed"] = Route(rss([news(6)]), last_modified=modified)
    with open_store(db) as store:
        assert watcher_for([site.url("/feed")], tmp_path, extractor).run_round(store)[0].new == 1
    saved = json.loads((tmp_path / "test.db.watch.json").read_text(encoding="utf-8"))
    assert saved["http"][site.url("/feed")]["last_modified"] == modified

    # A new process (a cron run) reads the state file: the feed answers 304.
    with open_store(db) as store:
        result = watcher_for([site.url("/feed")], tmp_path, extractor).run_round(store)[0]
    assert result.status == "HTTP 304 not modified"
    assert site.requests[-1].headers["If-Modified-Since"] == modified

    # A feed that fails after changing keeps its old validators: nothing is skipped later.
    site.routes["/feed"] = Route(rss([news(6), news(7)]), last_modified="Wed", status=500)
    watcher = watcher_for([site.url("/feed")], tmp_path, extractor)
    with open_store(db) as store:
        assert not watcher.run_round(store)[0].ok
        site.routes["/feed"].status = 200
        again = watcher.run_round(store)[0]
    assert (again.new, again.stored) == (1, 1)


def test_watch_same_content_without_validators_is_not_read_again(
    site: Site, tmp_path: Path, extractor: Any
) -> None:
    site.routes["/plain"] = Route(rss([news(8)]))  # a server that sends no ETag
    watcher = watcher_for([site.url("/plain")], tmp_path, extractor)
    with open_store(str(tmp_path / "test.db")) as store:
        assert watcher.run_round(store)[0].new == 1
        result = watcher.run_round(store)[0]
    assert (result.new, result.stored) == (0, 0)
    assert result.status == "HTTP 200, same content as last round"


def test_watch_reads_a_page_and_refuses_a_feed_turned_error_page(
    site: Site, tmp_path: Path, extractor: Any
) -> None:
    story = news(13)
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in story["text"].split("\n\n"))
    page = (
        f"<html><head><title>{escape(story['title'])}</title></head><body><article>"
        f"<h1>{escape(story['title'])}</h1>{paragraphs}</article></body></html>"
    )
    site.routes["/page.html"] = Route(page.encode(), etag='"p1"')
    site.routes["/feed"] = Route(rss([news(14)]))
    watcher = watcher_for([site.url("/page.html"), site.url("/feed")], tmp_path, extractor)
    db = str(tmp_path / "test.db")
    with open_store(db) as store:
        assert [r.new for r in watcher.run_round(store)] == [1, 1]
        maintenance = b"<html><body><h1>Down for maintenance</h1><p>Back soon.</p></body></html>"
        site.routes["/feed"] = Route(maintenance)
        page_result, feed_result = watcher.run_round(store)
    assert page_result.status == "HTTP 304 not modified"
    assert "answered html, not the feed it served before" in feed_result.line()
    assert article_count(db) == 2


def test_watch_folder_reads_new_and_changed_files_only(tmp_path: Path, extractor: Any) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    empty = watcher_for([str(folder), str(tmp_path / "none")], tmp_path, extractor)
    with open_store(str(tmp_path / "test.db")) as store:
        waiting, missing = empty.run_round(store)
    assert (waiting.ok, waiting.status) == (True, "0 files, 0 changed")  # an empty inbox
    assert "no such file or directory" in missing.line()
    (folder / "one.txt").write_text(f"{news(9)['title']}\n\n{news(9)['text']}", encoding="utf-8")
    watcher = watcher_for([str(folder)], tmp_path, extractor)
    db = str(tmp_path / "test.db")
    with open_store(db) as store:
        first = watcher.run_round(store)[0]
        assert (first.new, first.status) == (1, "1 files, 1 changed")
        assert watcher.run_round(store)[0].status == "1 files, 0 changed"
        (folder / "two.txt").write_text(f"{news(10)['title']}\n\n{news(10)['text']}", "utf-8")
        third = watcher.run_round(store)[0]
    assert (third.new, third.stored, third.status) == (1, 0, "2 files, 1 changed")
    (folder / "one.txt").unlink()
    with open_store(db) as store:
        assert watcher.run_round(store)[0].status == "1 files, 0 changed"
    assert list(watcher.state.files) == [str(folder / "two.txt")]


def test_watch_stores_nothing_ingest_already_stored(
    site: Site, tmp_path: Path, extractor: Any
) -> None:
    feed = rss([news(11), news(12)])
    (tmp_path / "feed.xml").write_bytes(feed)
    db = str(tmp_path / "test.db")
    ingested = CliRunner().invoke(cli, ["ingest", str(tmp_path / "feed.xml"), "--db", db])
    assert ingested.exit_code == 0, ingested.output
    site.routes["/feed.xml"] = Route(feed)
    with open_store(db) as store:
        result = watcher_for([site.url("/feed.xml")], tmp_path, extractor).run_round(store)[0]
    assert (result.new, result.stored) == (0, 2)
    assert article_count(db) == 2


# -- the command -----------------------------------------------------------------------------


def test_watch_once_logs_one_line_per_source_and_exits_1_on_a_failed_source(
    site: Site, tmp_path: Path
) -> None:
    site.routes["/feed"] = Route(b"<rss version='2.0'><channel><title>x</title></channel></rss>")
    site.routes["/broken"] = Route(status=500)
    sources = tmp_path / "sources.txt"
    sources.write_text(f"# two\n{site.url('/feed')}\n{site.url('/broken')}\n", encoding="utf-8")
    args = ["watch", str(sources), "--once", "--db", str(tmp_path / "w.db"), "--retries", "0"]
    result = CliRunner().invoke(cli, [*args, "--delay", "0"])
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out[0].endswith(f"{site.url('/feed')}: 0 new, 0 already stored (HTTP 200)")
    assert "round 1: 2 sources, 0 new articles, 1 failed" in out[1]
    errors = result.stderr.splitlines()
    assert len(errors) == 1 and " error: " in errors[0] and "HTTP 500" in errors[0]
    assert (tmp_path / "w.db.watch.json").is_file()

    site.routes["/broken"].status = 200
    site.routes["/broken"].body = site.routes["/feed"].body
    again = CliRunner().invoke(cli, [*args, "--delay", "0"])
    assert again.exit_code == 0, again.output
    assert again.stderr == ""


def test_watch_refuses_bad_options_and_files(tmp_path: Path) -> None:
    sources = tmp_path / "sources.txt"
    sources.write_text("# nothing yet\n", encoding="utf-8")
    bad_every = CliRunner().invoke(cli, ["watch", str(sources), "--every", "soon"])
    assert bad_every.exit_code == 2 and "not an interval" in bad_every.stderr
    empty = CliRunner().invoke(cli, ["watch", str(sources), "--db", str(tmp_path / "x.db")])
    assert empty.exit_code == 1
    assert empty.stderr.strip().endswith("the sources file lists no source [DG102]")
    missing = CliRunner().invoke(cli, ["watch", str(tmp_path / "none.txt"), "--once"])
    assert missing.exit_code == 1 and "cannot read the sources file" in missing.stderr


def test_watch_once_stops_when_another_watch_holds_the_state(tmp_path: Path) -> None:
    sources = tmp_path / "sources.txt"
    sources.write_text("inbox/\n", encoding="utf-8")
    db = tmp_path / "w.db"
    with WatchState(Path(f"{db}.watch.json")).locked():
        busy = CliRunner().invoke(cli, ["watch", str(sources), "--once", "--db", str(db)])
    assert busy.exit_code == 1
    assert busy.stderr.strip().endswith(
        "another diplograph watch is running on this state file [DG400]"
    )
    assert busy.stdout == ""


def test_watch_loop_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    sources = tmp_path / "sources.txt"
    sources.write_text("missing-folder/\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "diplograph.cli", "watch", str(sources), "--every", "1h"]
    process = subprocess.Popen(
        [*command, "--db", str(tmp_path / "loop.db")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "round 1: 1 sources, 0 new articles, 1 failed; next round at" in line
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "stopped after 1 rounds" in out
    assert "no such file or directory" in err and "Traceback" not in err


# -- the shared corpus -----------------------------------------------------------------------


@pytest.mark.shared
def test_watch_once_over_the_shared_dev_feeds_stores_each_article_once(
    site: Site, tmp_path: Path, shared_dir: Path
) -> None:
    records: dict[str, list[dict[str, Any]]] = {}
    for name in ("dev", "dev2"):
        lines = (shared_dir / "corpus" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        records[name] = [json.loads(line) for line in lines if line.strip()]
        site.routes[f"/{name}.xml"] = Route(rss(records[name], name), etag=f'"{name}"')
    sources = tmp_path / "sources.txt"
    sources.write_text(f"{site.url('/dev.xml')}\n{site.url('/dev2.xml')}\n", encoding="utf-8")
    db = str(tmp_path / "shared.db")
    args = ["watch", str(sources), "--once", "--db", db, "--delay", "0"]

    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    every = records["dev"] + records["dev2"]
    assert stored_urls(db) == sorted(record["url"] for record in every)
    assert f"{len(every)} new articles, 0 failed" in first.stdout

    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0, second.output
    assert second.stdout.count("HTTP 304 not modified") == 2
    assert "round 1: 2 sources, 0 new articles, 0 failed" in second.stdout
    assert article_count(db) == len(every)

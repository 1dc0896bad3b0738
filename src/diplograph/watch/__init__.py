"""``diplograph watch``: follow feeds, pages and folders, storing what is new each round.

    sources.py   the sources file and the ``--every`` interval
    fetch.py     HTTP: conditional GET, politeness delay per host, timeouts, retries
    state.py     validators kept between rounds (a JSON file beside the database)
    rounds.py    one round: fetch, read, extract, store, one result per source

watcher = Watcher(read_sources("sources.txt"), WatchState.load(path))
with open_store(db) as store:
    for result in watcher.run_round(store):
        print(result.line())
"""

from __future__ import annotations

from diplograph.watch.fetch import Fetcher, Response
from diplograph.watch.rounds import SourceResult, Watcher
from diplograph.watch.sources import parse_interval, read_sources
from diplograph.watch.state import WatchState, state_path

__all__ = [
    "Fetcher",
    "Response",
    "SourceResult",
    "WatchState",
    "Watcher",
    "parse_interval",
    "read_sources",
    "state_path",
]

"""The officials knowledge base: who held which office, for which country, when.

Built by ``diplograph kb build`` from Wikidata (EveryPolitician's extracts, CC0) and Phoenix's
actor dictionaries (MIT) into ``kb/data/officials.jsonl.gz`` (see ``kb/data/README.md``)::

    from diplograph.kb import load_kb
    kb = load_kb()                                   # once per process, then cached
    match = kb.lookup("Annalena Baerbock", on="2023-05-01")[0]
    match.official.name, match.office_on_day.country  # "Annalena Baerbock", "DEU"

    names.py    name_key(): the folded form every index uses; Phoenix names title-cased
    models.py   Office, Official, Match
    places.py   countries and organisations from the sources' names and codes
    sources.py  the EveryPolitician CSV readers
    phoenix.py  the Phoenix actor-dictionary reader
    user.py     a user's CSV lists and Wikidata SPARQL results
    build.py    merging every source into persons, writing the data file
    store.py    KnowledgeBase (the indexes) and load_kb()
    rules.py    reading the rule files of kb/resources/
"""

from __future__ import annotations

from diplograph.kb.models import Match, Office, Official
from diplograph.kb.names import name_key
from diplograph.kb.store import ENV_VAR, KnowledgeBase, load_kb, read_kb

__all__ = [
    "ENV_VAR",
    "KnowledgeBase",
    "Match",
    "Office",
    "Official",
    "load_kb",
    "name_key",
    "read_kb",
]

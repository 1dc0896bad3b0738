"""Pairwise precision/recall/F1 of actor merges on the hand-labelled pairs.

    python bench/actor_merges.py [PAIRS] [--system]

PAIRS defaults to tests/golden/actor_pairs.jsonl: pairs of gold person mentions of the seed
page and the dev corpus, labelled one person or two by hand (see diplograph.resolve.pairs).
By default the resolver reads the gold mentions themselves (names, titles, countries as
annotated). With --system it reads what the extractor finds: the seed page and dev corpus
of ../shared are extracted into a scratch store, and each labelled mention is looked up
there by article and name; a mention the extractor missed is merged with nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from diplograph.models import fold
from diplograph.resolve.pairs import Key, PairScore, load_pairs, score_pairs

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
DEFAULT_PAIRS = ROOT / "tests" / "golden" / "actor_pairs.jsonl"


def system_predictor(records: list[dict[str, Any]]) -> dict[Key, str]:
    """Resolved actor per labelled mention, as ingesting the shared corpus resolves them."""
    from diplograph.pipeline import extract_inputs
    from diplograph.store import open_store

    inputs = [str(SHARED / "000_5d660a483205698d.txt"), str(SHARED / "dev.jsonl")]
    wanted = {(str(r["doc"]), fold(n)): r for r in records for n in [r["name"], *r["aliases"]]}
    found: dict[Key, str] = {}
    with open_store(":memory:") as store:
        docs = {}
        for extraction in extract_inputs(inputs):
            store.save(extraction)
            art = extraction.article
            docs[art.id] = f"{os.path.basename(art.source)}#{art.index}"
        for actor in store.find_actors():
            detail = store.get_actor(actor["id"]) or {}
            for m in detail.get("mentions", ()):
                for name in m["names"]:
                    record = wanted.get((docs[m["article_id"]], fold(name)))
                    if record is not None:
                        found.setdefault((str(record["doc"]), fold(record["name"])), actor["id"])
    return found


def report(label: str, score: PairScore, errors: bool) -> None:
    print(
        f"{label:<8} precision {score.precision:.3f}  recall {score.recall:.3f}  "
        f"F1 {score.f1:.3f}  (TP {score.true_positives}, FP {score.false_positives}, "
        f"FN {score.false_negatives}; {score.pairs} labelled pairs, {score.mentions} mentions)"
    )
    if errors:
        for line in score.errors:
            print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", default=str(DEFAULT_PAIRS))
    parser.add_argument(
        "--system", action="store_true", help="Also score the extractor's mentions."
    )
    parser.add_argument("--quiet", action="store_true", help="Figures only, no error list.")
    args = parser.parse_args()
    rows = load_pairs(args.pairs)
    report("gold", score_pairs(rows), not args.quiet)
    if args.system:
        if not SHARED.is_dir():
            sys.exit(f"--system needs the shared corpus at {SHARED}")
        report("system", score_pairs(rows, system_predictor), not args.quiet)


if __name__ == "__main__":
    main()

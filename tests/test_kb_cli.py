"""``diplograph kb`` (lookup, stats, build) and the ``--kb FILE`` of the extracting commands."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner, Result

from diplograph.cli import cli
from diplograph.kb import read_kb
from diplograph.models import Article, Extraction

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "kb"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_kb_cli_lookup_answers_country_and_office_on_the_day() -> None:
    result = run("kb", "lookup", "Sergey Lavrov", "--on", "2023-05-01")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[:2]
    assert first[0] == "Sergey Lavrov (Q58217)"
    assert first[1].startswith("  on 2023-05-01: Minister of Foreign Affairs, RUS, 2004-03-09")


def test_kb_cli_lookup_says_when_the_office_was_not_held_that_day() -> None:
    result = run("kb", "lookup", "Kofi Annan", "--on", "2015-06-01")
    assert result.exit_code == 0, result.output
    assert "on 2015-06-01: not in office; nearest: Secretary-General" in result.output
    held = run("kb", "lookup", "Kofi Annan", "--on", "2001-06-01")
    assert "on 2001-06-01: Secretary-General" in held.output


def test_kb_cli_lookup_jsonl_one_record_per_official() -> None:
    result = run("kb", "lookup", "Sergei Lavrov", "--on", "2023-05-01", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in records] == ["Q58217"]
    assert records[0]["office_on_day"]["country"] == "RUS"
    assert records[0]["on"] == "2023-05-01"


def test_kb_cli_stats_text_and_jsonl() -> None:
    text = run("kb", "stats")
    assert text.exit_code == 0 and "persons_with_offices" in text.output
    found = json.loads(run("kb", "stats", "--format", "jsonl").output)
    assert found["persons_with_offices"] >= 5000
    assert found["as_of"] >= "2023-01-01"
    assert {s["id"] for s in found["sources"]} == {"ep", "phoenix"}


def test_kb_cli_stats_names_a_users_officials_list(tmp_path: Path) -> None:
    listed = tmp_path / "ours.csv"
    listed.write_text(
        "name,aliases,country,org,office,start,end\n"
        "Ana Pereira Zzyzx,,PRT,,Ambassador,2020-01-01,\n"
        "Ana Pereira Zzyzx,,PRT,,Minister of Culture,2023-01-01,\n",
        encoding="utf-8",
    )
    found = json.loads(run("kb", "stats", "--kb", str(listed), "--format", "jsonl").output)
    assert found["sources"][-1] == {
        "id": "user:ours.csv",
        "name": "your officials list",
        "offices": 2,
    }
    text = run("kb", "stats", "--kb", str(listed)).output
    assert text.rstrip().endswith("source user:ours.csv: your officials list, 2 offices")


def test_kb_cli_unknown_name_exits_1_with_one_line() -> None:
    result = run("kb", "lookup", "Nobody Atall Zzyzx")
    assert result.exit_code == 1
    assert result.output == "no official named 'Nobody Atall Zzyzx'\n"


def test_kb_cli_bad_day_is_a_usage_error() -> None:
    result = run("kb", "lookup", "Sergey Lavrov", "--on", "2023-02-30")
    assert result.exit_code == 2
    assert "Invalid value for '--on': not a date: '2023-02-30'" in result.output
    assert "Traceback" not in result.output


def test_kb_cli_user_list_warnings_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("name,country\nAnna Clitest,EST\nBert Clitest,Atlantis\n", encoding="utf-8")
    result = run("kb", "lookup", "Anna Clitest", "--kb", str(path))
    assert result.exit_code == 0, result.output
    assert f"warning: {path}:3: unknown country 'Atlantis'; row skipped" in result.output
    assert "Anna Clitest (user:" in result.output
    missing = run("kb", "stats", "--kb", str(tmp_path / "missing.csv"))
    assert missing.exit_code == 1
    assert missing.output.startswith(f"error: {tmp_path / 'missing.csv'}: cannot read")
    assert missing.output.count("\n") == 1


def test_kb_cli_build_writes_the_file_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "kb.jsonl.gz"
    sources, results = FIXTURES / "sources", FIXTURES / "wikidata_results.json"
    result = run(
        "kb", "build", "--sources", str(sources), "--wikidata", str(results), "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert "result 3: no country (P298) or organisation; skipped" in result.output
    assert "left out: 1 files skipped: abkhazia-ministers" in result.output
    assert read_kb(out).lookup("Erza Sample")[0].official.countries == ("XKX",)
    bad = run("kb", "build", "--sources", str(tmp_path / "none"), "-o", str(out))
    assert bad.exit_code == 1 and bad.output.startswith("error: ")


class _SettingsSpy:
    """Stands in for diplograph.nlp's Extractor: remembers its settings, finds nothing."""

    seen: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        _SettingsSpy.seen.append(dict(settings or {}))

    def extract(self, article: Article) -> Extraction:
        return Extraction(article=article)


def test_kb_option_puts_the_list_in_the_extractor_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = types.ModuleType("diplograph.nlp")
    module.Extractor = _SettingsSpy  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "diplograph.nlp", module)
    text = tmp_path / "one.txt"
    text.write_text("Talks in Astana\nA delegation met.", encoding="utf-8")
    listed = tmp_path / "mine.csv"
    listed.write_text("name,country\nAnna Settest,EST\n", encoding="utf-8")
    _SettingsSpy.seen.clear()
    assert run("extract", str(text), "--kb", str(listed)).exit_code == 0
    assert run("extract", str(text)).exit_code == 0
    assert _SettingsSpy.seen == [{"kb": str(listed.resolve())}, {}]
    missing = run("extract", str(text), "--kb", str(tmp_path / "missing.csv"))
    assert missing.exit_code == 1 and "no such officials list" in missing.output

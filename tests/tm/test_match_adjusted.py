"""tm match offers a match's translation with its numbers adjusted when the query differs
from the match's source in numbers only (2025 → 2026, 10 → 12), as CAT tools do; the score is
the fuzzy match's, unchanged, and other matches are listed as before."""

import json

from tm.cli import cli
from tm.memory.store import import_units, open_store
from tm.models import TranslationUnit


def test_a_match_differing_in_numbers_only_is_offered_adjusted(tmp_path, runner):
    db_path = tmp_path / "m.db"
    import_units(open_store(db_path), [
        TranslationUnit(zh="到2025年，建成10个示范区。", en="By 2025, build 10 demonstration zones.", key="m:1"),
        TranslationUnit(zh="到2025年，建成若干示范区。", en="By 2025, build several demonstration zones.", key="m:2")])
    out = runner.invoke(cli, ["--db", str(db_path), "match", "到2026年，建成12个示范区。", "--min", "50",
                              "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = {r["key"]: r for r in json.loads(out.stdout)}
    assert rows["m:1"]["adjusted"] == "By 2026, build 12 demonstration zones."
    assert rows["m:1"]["en"] == "By 2025, build 10 demonstration zones." and rows["m:1"]["score"] < 100
    assert "adjusted" not in rows["m:2"]
    table = runner.invoke(cli, ["--db", str(db_path), "match", "到2026年，建成12个示范区。"]).stdout
    assert "adjusted" in table.splitlines()[0] and "By 2026, build 12 demonstration zones." in table
    # nothing to adjust: the table as before
    table = runner.invoke(cli, ["--db", str(db_path), "match", "到2025年，建成十个示范区。"]).stdout
    assert "adjusted" not in table

"""`glossary check` reports from the renderings extraction stored: when the term base or the
memory changed since the extraction read them, it extracts again first (as `glossary
extract` would, with the same options) and says so on stderr. Before session 30 it did so
only when nothing had been extracted yet: a term imported or approved afterwards had no
renderings in the report, an edited unit's old ones stayed."""

from click.testing import CliRunner

from glossary.cli import cli as glossary_cli
from glossary.termbase.store import open_termbase, usage
from tm import iter_units
from tm.cli import cli as tm_cli

NOTE = "changed since the last extraction"


def _run(cli, db, *args):
    done = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    assert done.exit_code in (0, 1), done.output + done.stderr
    return done


def test_check_extracts_again_after_a_term_is_added_or_a_unit_edited(plan_on_both):
    db = plan_on_both
    assert NOTE not in _run(glossary_cli, db, "check").stderr     # the pipeline's extraction is current
    # a must-find term extraction does not propose on its own, approved after it ran
    _run(glossary_cli, db, "add", "融合算力平台", "--en", "integrated computing power platform")
    assert usage(open_termbase(db), "融合算力平台") == []
    assert NOTE in _run(glossary_cli, db, "check").stderr
    assert [r.count for r in usage(open_termbase(db), "融合算力平台")] == [1]
    assert NOTE not in _run(glossary_cli, db, "check").stderr     # current again
    unit = next(u for u in iter_units(open_termbase(db)) if "融合算力平台" in u.zh)
    _run(tm_cli, db, "edit", unit.key, "--en", unit.en.replace("platform", "platforms"))
    assert NOTE in _run(glossary_cli, db, "check").stderr


def test_check_extracts_again_with_the_last_extractions_pair(plan_on_both):
    db = plan_on_both
    pair = next(iter_units(open_termbase(db))).key.rsplit(":", 1)[0]
    _run(glossary_cli, db, "extract", "--pair", pair)
    _run(glossary_cli, db, "add", "融合算力平台", "--en", "integrated computing power platform")
    assert f"{NOTE}: extracting again (--pair {pair})" in _run(glossary_cli, db, "check").stderr


def test_a_pair_gone_since_the_extraction_is_extracted_again_as_the_whole_memory(plan_on_both):
    from glossary.pipeline import stale_extraction
    from glossary.termbase.store import record_extraction
    db = open_termbase(plan_on_both)
    record_extraction(db, {"memory": "then", "terms": "then", "pair": "no-such-pair", "min_score": 1.5})
    assert stale_extraction(db) == {"pair": None, "min_score": 1.5}

"""Lookup by Chinese, pinyin (tones, numbers, initials), English, fuzzy; flags; concordance."""

import re

import pytest

from glossary.termbase.lookup import find, lookup
from glossary.models import Candidate, Entry, Rendering
from glossary.termbase.keys import en_key, pinyin_initials, pinyin_key
from glossary.termbase.store import (
    entries, import_file, merge_entries, open_termbase, store_candidates,
)

from conftest import ROOT

CURATED = ROOT / "glossary" / "data" / "tianjin-ai-plan.glossary.tsv"


@pytest.fixture
def db(db_path):
    db = open_termbase(db_path)
    merge_entries(db, [
        Entry(zh="康养", approved=["health and wellness"], forbidden=["Health Care"], status="approved"),
        Entry(zh="医疗", approved=["healthcare"], status="approved"),
        Entry(zh="科研", approved=["scientific research"], status="approved"),
        Entry(zh="开源", approved=["open source"], status="candidate"),
        Entry(zh="可重构", status="candidate"),
    ])
    store_candidates(db, [
        Candidate(zh="康养", pinyin="", count=3, score=1.0,
                  renderings=[Rendering("Health Care", 2, [1, 2]), Rendering("health", 1, [3])]),
        Candidate(zh="开源", pinyin="", count=5, score=1.0, renderings=[Rendering("open source", 5, [4])]),
    ])
    return db


def zh_of(db, query, **kw):
    return [h.entry.zh for h in lookup(db, query, lines=0, **kw)]


@pytest.mark.parametrize("query", ["康养", "kangyang", "kang yang", "kāngyǎng", "kāng yǎng",
                                   "kang1 yang3", "KangYang", "health and wellness", "Health Care",
                                   "HEALTH CARE", "康\u200b养", "Health\u00ad Care", "Health C\u0430re"])
def test_every_way_of_asking_finds_kangyang_first(db, query):
    assert zh_of(db, query)[0] == "康养"


def test_initials_are_ambiguous_and_ranked_approved_then_count(db):
    # ky: 康养 (approved), 开源 (candidate, count 5), 科研 (approved), 可重构 is kcg
    hits = lookup(db, "ky", lines=0)
    assert [(h.entry.zh, h.how) for h in hits] == [
        ("康养", "initials"), ("科研", "initials"), ("开源", "initials")]
    assert hits[0].entry.status == "approved" and hits[-1].entry.status == "candidate"


def test_tones_disambiguate(db):
    merge_entries(db, [Entry(zh="开元", approved=["Kaiyuan"], status="approved")])
    # kāi yuán both; 开源 kāi yuán == 开元 kāi yuán: same tones, both found
    assert set(zh_of(db, "kāiyuán")) >= {"开源", "开元"}
    assert zh_of(db, "kang4yang3") and zh_of(db, "kang4yang3")[0] == "康养"
    assert lookup(db, "kang4yang3", lines=0)[0].score < lookup(db, "kang1yang3", lines=0)[0].score


def test_spacing_and_case_variants_find_the_colliding_term(db):
    hits = lookup(db, "Health Care", lines=0)
    assert [(h.entry.zh, h.how) for h in hits] == [("康养", "en"), ("医疗", "en")]


def test_partial_and_fuzzy(db):
    assert zh_of(db, "康养产品")[0] == "康养"                 # query contains the term
    assert zh_of(db, "research") == ["科研"]                    # a whole word of a rendering
    assert zh_of(db, "helth and welness")[0] == "康养"          # typo: fuzzy
    assert lookup(db, "helth and welness", lines=0)[0].how == "fuzzy"
    assert zh_of(db, "量子纠缠") == []


def test_flags(db):
    [hit] = [h for h in lookup(db, "康养", lines=0) if h.entry.zh == "康养"]
    assert hit.flags == ["inconsistent", "forbidden used", "collides"]
    assert hit.collides == ["医疗"]
    assert [(r.en, r.count) for r in hit.used] == [("Health Care", 2), ("health", 1)]
    [plain] = lookup(db, "科研", lines=0)
    assert plain.flags == []


def test_concordance_lines_locate_term_and_renderings(db):
    from tm.models import TranslationUnit
    from tm.memory.store import import_units
    import_units(db, [
        TranslationUnit(zh="支持“人工智能+康养”行动。", en='Support the "AI+Health Care" action.'),
        TranslationUnit(zh="建设智慧康养机构。", en="Build smart health and wellness institutions."),
        TranslationUnit(zh="发展医疗服务。", en="Develop healthcare services."),
    ])
    [hit] = [h for h in lookup(db, "康养", lines=5) if h.entry.zh == "康养"]
    assert len(hit.concordance) == 2
    first = hit.concordance[0]
    assert [first.zh[a:b] for a, b in first.zh_spans] == ["康养"]
    assert [first.en[a:b] for a, b in first.en_spans] == ["Health Care"]
    second = hit.concordance[1]
    assert [second.en[a:b] for a, b in second.en_spans] == ["health and wellness"]


def _reference(all_entries, query):
    """Brute force: every entry matching the query exactly by zh, pinyin key, initials or
    an approved/forbidden rendering, by a full scan of the entries."""
    q = " ".join(query.split())
    return {e.id for e in all_entries
            if q == e.zh or pinyin_key(q) == pinyin_key(e.pinyin)
            or (len(pinyin_key(q)) <= 6 and " " not in q and pinyin_key(q) == pinyin_initials(e.pinyin))
            or en_key(q) in {en_key(x) for x in e.approved + e.forbidden}}


def test_indexed_exact_lookup_equals_a_full_scan(db_path):
    db = open_termbase(db_path)
    import_file(db, CURATED)
    all_entries = list(entries(db))
    queries = {q for e in all_entries
               for q in [e.zh, e.pinyin, pinyin_key(e.pinyin), pinyin_initials(e.pinyin)]
               + e.approved + e.forbidden}
    for q in sorted(queries):
        got = {id_ for id_, how, _ in find(db, q, limit=1000)
               if how in ("zh", "pinyin", "initials", "en")}
        assert got >= _reference(all_entries, q), q


def test_indexed_partial_chinese_lookup_equals_a_full_scan(db_path):
    db = open_termbase(db_path)
    import_file(db, CURATED)
    all_entries = list(entries(db))
    queries = {e.zh[i:j] for e in all_entries for i in range(len(e.zh)) for j in range(i + 2, len(e.zh) + 1)}
    queries |= {"推进" + e.zh + "建设" for e in all_entries}
    for q in sorted(queries):
        got = {id_ for id_, how, _ in find(db, q, limit=1000) if how in ("zh", "zh-part")}
        reference = {e.id for e in all_entries if q in e.zh or e.zh in q}
        assert got == reference, q


def test_indexed_english_word_lookup_equals_a_full_scan(db_path):
    import re
    db = open_termbase(db_path)
    import_file(db, CURATED)
    all_entries = list(entries(db))
    words = {w for e in all_entries for x in e.approved + e.forbidden
             for w in re.findall(r"[a-z0-9]{2,}", x.lower())}
    for w in sorted(words):
        hits = find(db, w, limit=1000)
        if any(how not in ("en-part",) for _, how, _ in hits):
            continue        # matched more strongly (a whole rendering, pinyin, initials)
        reference = {e.id for e in all_entries
                     if any(re.search(rf"(?<!\w){w}(?!\w)", x.lower()) for x in e.approved + e.forbidden)}
        assert {id_ for id_, _, _ in hits} == reference, w


# --------------------------------------------------------------------------- Traditional/Simplified

def test_a_term_written_in_the_other_script_is_found(db_path):
    """軟件 (Hong Kong) is found for 软件, 资料库 for 資料庫, and the reverse; partial
    and fuzzy lookups compare the Simplified keys too."""
    db = open_termbase(db_path)
    merge_entries(db, [Entry(zh="軟件", approved=["software"], status="approved"),
                       Entry(zh="资料库", approved=["database"], status="approved"),
                       Entry(zh="開放原始碼", approved=["open source"], status="approved")])
    assert [(h.entry.zh, h.how, h.score) for h in lookup(db, "软件", lines=0)] == [("軟件", "zh", 99)]
    assert [(h.entry.zh, h.how) for h in lookup(db, "資料庫", lines=0)] == [("资料库", "zh")]
    assert [h.how for h in lookup(db, "軟件", lines=0)] == ["zh"]
    assert [(h.entry.zh, h.how) for h in lookup(db, "开发软件工具", lines=0)] == [("軟件", "zh-part")]
    assert [(h.entry.zh, h.how) for h in lookup(db, "开放原始", lines=0)] == [("開放原始碼", "zh-part")]
    assert [h.entry.zh for h in lookup(db, "开放源始码", lines=0)] == ["開放原始碼"]     # fuzzy


def test_every_curated_term_written_in_traditional_is_found_by_its_simplified_form(db_path):
    """OpenCC's s2t writes the curated glossary's terms in Traditional characters; each is
    then found, as the same term (``zh``), by its Simplified form."""
    import opencc
    s2t = opencc.OpenCC("s2t").convert
    db = open_termbase(db_path)
    import_file(db, CURATED)
    simplified = [e.zh for e in entries(db)]
    db2 = open_termbase(db_path.parent / "t.db")
    merge_entries(db2, [Entry(zh=s2t(zh), approved=["x"], status="approved") for zh in simplified])
    changed = [zh for zh in simplified if s2t(zh) != zh]
    assert len(changed) > len(simplified) / 3
    for zh in simplified:
        assert [(h.entry.zh, h.how) for h in lookup(db2, zh, lines=0, limit=50)
                if h.how == "zh"] == [(s2t(zh), "zh")], zh


def test_term_base_made_before_is_indexed_again(db_path, monkeypatch):
    """Migration 006 adds the Simplified characters of the Traditional terms of an older
    term base to the character index."""
    import glossary.termbase.store as store
    db = open_termbase(db_path)
    monkeypatch.setattr(store, "simplified_key", lambda text: text)
    merge_entries(db, [Entry(zh="數據", approved=["data"], status="approved")])
    monkeypatch.undo()
    assert lookup(db, "数据", lines=0) == []
    db.conn.execute("DELETE FROM _migrations WHERE name = '006_variant_chars'")
    db.conn.commit()
    db = open_termbase(db_path)
    assert [h.entry.zh for h in lookup(db, "数据", lines=0)] == ["數據"]


def test_lookup_keeps_and_orders_the_same_candidates_on_both_backends(tmp_path, pg_url):
    """Where a query's candidates are more than a look-up keeps (pinyin prefixes: 200;
    English substrings: 500), the same ones are kept and equal scores come in the same order
    on SQLite and PostgreSQL (each query says its order; PostgreSQL's was its plan's)."""
    import random

    from click.testing import CliRunner
    from glossary.cli import cli

    from glossary.termbase.store import term_pinyin
    chars = [chr(c) for c in range(0x4E00, 0x5400) if pinyin_key(term_pinyin(chr(c)))[:1] not in ("", "i")]
    rng = random.Random(5)
    terms = ["西" + ch for ch in rng.sample(chars, 400)] + [f"文件{ch}" for ch in rng.sample(chars, 600)]
    rng.shuffle(terms)
    path = tmp_path / "terms.tsv"
    path.write_text("zh\ten\n" + "".join(f"{t}\tfile number {i}\n" for i, t in enumerate(terms)), encoding="utf-8")
    out = {}
    for name, target in (("sqlite", str(tmp_path / "a.db")), ("postgresql", pg_url)):
        run = lambda *args: CliRunner().invoke(cli, ["--db", target, *args], catch_exceptions=False)
        assert run("import", str(path)).exit_code == 0
        out[name] = [re.sub(r'"\d{4}-[\d:T-]+Z"', "STAMP", run("lookup", q, "--format", "json", "--limit", "30",
                                                               "--lines", "0").output)
                     for q in ("xi", "numbe", "file number 1")]
    assert out["sqlite"] == out["postgresql"]
    assert out["sqlite"][0].count('"pinyin-prefix"') == 30


# --------------------------------------------------------------------------- two-letter words

TWO_LETTER = [Entry(zh="人工智能", approved=["artificial intelligence"], status="approved"),
              Entry(zh="AI芯片", approved=["AI chip"], status="approved"),
              Entry(zh="人工智能+", approved=["AI Plus"], status="approved"),
              Entry(zh="生成式人工智能", approved=["generative AI (GenAI)"], status="candidate"),
              Entry(zh="维护", approved=["maintenance"], status="approved"),
              Entry(zh="培训", approved=["training"], status="approved"),
              Entry(zh="癌症", approved=["cancer"], status="approved"),
              Entry(zh="5G网络", approved=["5G network"], status="approved"),
              Entry(zh="用户界面", approved=["user interface (UI)"], status="approved"),
              Entry(zh="界面设计", approved=["UI/UX design"], status="candidate")]


def test_a_two_letter_word_finds_the_renderings_that_hold_it(db_path):
    """AI, 5G, UI: shorter than the trigram index's grams, they found no rendering holding
    them (the look-up's English part needed three characters); 维护 "maintenance" and 培训
    "training" hold the letters, not the word. 癌症 (ái) and AI芯片 (AI xīn piàn) are a pinyin
    prefix's guess, ranked above a part; a whole
    rendering "AI" is a stronger match, which parts do not follow (as for longer words)."""
    db = open_termbase(db_path)
    merge_entries(db, TWO_LETTER)
    assert [(h.entry.zh, h.how) for h in lookup(db, "AI", lines=0)] == [
        ("癌症", "pinyin-prefix"), ("AI芯片", "pinyin-prefix"), ("人工智能+", "en-part"), ("生成式人工智能", "en-part")]
    assert [h.entry.zh for h in lookup(db, "5G", lines=0)] == ["5G网络"]
    assert [h.entry.zh for h in lookup(db, "ui", lines=0)] == ["用户界面", "界面设计"]
    merge_entries(db, [Entry(zh="人工智能", approved=["AI"], status="approved")])
    assert [h.entry.zh for h in lookup(db, "AI", lines=0)] == ["人工智能"]


def test_a_two_letter_word_is_looked_up_alike_on_both_backends(tmp_path, pg_url):
    from click.testing import CliRunner
    from glossary.cli import cli
    path = tmp_path / "terms.tsv"
    path.write_text("zh\ten\n" + "".join(f"{e.zh}\t{'|'.join(e.approved)}\n" for e in TWO_LETTER), encoding="utf-8")
    out = {}
    for name, target in (("sqlite", str(tmp_path / "a.db")), ("postgresql", pg_url)):
        run = lambda *args: CliRunner().invoke(cli, ["--db", target, *args], catch_exceptions=False)
        assert run("import", str(path)).exit_code == 0
        out[name] = [[line.split()[0] for line in run("lookup", q, "--lines", "0").output.splitlines()
                      if line and not line.startswith(" ")] for q in ("AI", "5G", "UI", "ai")]
    assert out["sqlite"] == out["postgresql"]
    assert out["sqlite"][0] == ["癌症", "AI芯片", "人工智能+", "生成式人工智能"]
    assert out["sqlite"][1:3] == [["5G网络"], ["用户界面", "界面设计"]]


@pytest.mark.parametrize("query", ["lǜsè", "lvse", "lv4 se4", "lu:4 se4", "Lu:se", "lüse"])
def test_u_umlaut_is_found_however_it_is_typed(db_path, query):
    """ü typed as ü, as v (keyboards) or as u: (CC-CEDICT's own pinyin: 绿色 lu:4 se4)."""
    db = open_termbase(db_path)
    merge_entries(db, [Entry(zh="绿色", approved=["green"], status="approved"),
                       Entry(zh="路色", approved=["road colour"], status="approved")])
    assert zh_of(db, query)[0] == "绿色"


def _credit_units():
    tens = "甲乙丙丁戊己庚辛壬癸"
    return [Entry(zh=f"信用{tens[i // 100]}{tens[i // 10 % 10]}{tens[i % 10]}", approved=[f"credit unit {i}"],
                  status="approved") for i in range(600)] + \
        [Entry(zh="信息技术部", approved=["IT department"], status="approved")]


def test_a_two_letter_word_is_found_past_many_words_that_end_in_its_letters(db_path):
    """IT: the trigram index's "it " is in every "credit …"; the first 500 such rows filled
    the look-up's limit before the word's own rows were confirmed, and IT found nothing."""
    db = open_termbase(db_path)
    merge_entries(db, _credit_units())
    assert [(h.entry.zh, h.how) for h in lookup(db, "IT", lines=0)] == [("信息技术部", "en-part")]


def test_a_two_letter_word_past_many_lookalikes_is_found_on_both_backends(tmp_path, pg_url):
    from click.testing import CliRunner
    from glossary.cli import cli
    path = tmp_path / "terms.tsv"
    path.write_text("zh\ten\n" + "".join(f"{e.zh}\t{e.approved[0]}\n" for e in _credit_units()), encoding="utf-8")
    out = {}
    for name, target in (("sqlite", str(tmp_path / "a.db")), ("postgresql", pg_url)):
        run = lambda *args: CliRunner().invoke(cli, ["--db", target, *args], catch_exceptions=False)
        assert run("import", str(path)).exit_code == 0
        out[name] = [line.split()[0] for line in run("lookup", "IT", "--lines", "0").output.splitlines()
                     if line and not line.startswith(" ")]
    assert out["sqlite"] == out["postgresql"] == ["信息技术部"]


GUILLEMETS = [Entry(zh="法语人工智能", approved=["«AI» in French"], status="approved"),
              Entry(zh="人工智能简介", approved=["《AI》 primer"], status="approved"),
              Entry(zh="人工智能时代", approved=["„AI“ age"], status="approved")]


def test_a_two_letter_word_in_guillemets_or_chinese_brackets_is_found(db_path):
    """«AI», „AI“, 《AI》: marks a key keeps (its fold leaves them), which PostgreSQL's
    pattern took as a word's edges and SQLite's list of edges did not."""
    db = open_termbase(db_path)
    merge_entries(db, GUILLEMETS)
    assert sorted(h.entry.zh for h in lookup(db, "AI", lines=0)) == sorted(e.zh for e in GUILLEMETS)


def test_a_two_letter_word_in_guillemets_is_found_alike_on_both_backends(tmp_path, pg_url):
    from click.testing import CliRunner
    from glossary.cli import cli
    path = tmp_path / "terms.tsv"
    path.write_text("zh\ten\n" + "".join(f"{e.zh}\t{e.approved[0]}\n" for e in GUILLEMETS), encoding="utf-8")
    out = {}
    for name, target in (("sqlite", str(tmp_path / "a.db")), ("postgresql", pg_url)):
        run = lambda *args: CliRunner().invoke(cli, ["--db", target, *args], catch_exceptions=False)
        assert run("import", str(path)).exit_code == 0
        out[name] = sorted(line.split()[0] for line in run("lookup", "AI", "--lines", "0").output.splitlines()
                           if line and not line.startswith(" "))
    assert out["sqlite"] == out["postgresql"] == sorted(e.zh for e in GUILLEMETS)

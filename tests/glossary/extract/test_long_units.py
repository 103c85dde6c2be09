"""A paragraph or a whole document stored as one unit (a TMX of paragraphs, a document in
one cell): extraction reads it as its aligned sentences. Pairing weighs every English span of
a unit for every term in it, so one unit of 24,000 characters took hours."""

from glossary.extract import extractor
from glossary.extract.extractor import extract
from tm.models import TranslationUnit

ROWS = [("建设数据中心", "build data centres", "数据中心", "data centres"),
        ("发展云计算", "develop cloud computing", "云计算", "cloud computing"),
        ("推广区块链", "promote blockchain", "区块链", "blockchain"),
        ("部署物联网", "deploy the Internet of Things", "物联网", "Internet of Things"),
        ("研发量子计算", "research quantum computing", "量子计算", "quantum computing")]


def document(n):
    zh, en = [], []
    for i in range(n):
        z, e, _, _ = ROWS[i % len(ROWS)]
        zh.append(f"第{i + 1}项任务是{z}。")
        en.append(f"Task {i + 1} is to {e}.")
    return "".join(zh), " ".join(en)


def test_a_document_in_one_unit_is_paired_sentence_by_sentence(monkeypatch):
    zh, en = document(120)
    assert len(zh) > 1500
    read = []
    real = extractor.scored_spans
    monkeypatch.setattr(extractor, "scored_spans", lambda term, unit, **kw: read.append(len(unit.text)) or real(term, unit, **kw))
    found = {c.zh: c for c in extract([TranslationUnit(zh="短句。", en="A short one.", id=7),
                                       TranslationUnit(zh=zh, en=en, id=8)], min_score=0)}
    assert read and max(read) < 200          # sentences, not the unit's 4,667 characters of English
    for _, _, term, rendering in [ROWS[0], ROWS[2]]:
        assert term in found, sorted(found)
        assert found[term].renderings[0].en == rendering
        assert found[term].units == [8]      # the unit, however many of its sentences


def test_units_without_ids_keep_their_positions_as_ids():
    zh, en = document(120)
    found = {c.zh: c for c in extract([TranslationUnit(zh="建设数据中心。", en="Build data centres."),
                                       TranslationUnit(zh=zh, en=en)], min_score=0)}
    assert found["数据中心"].units == [0, 1]

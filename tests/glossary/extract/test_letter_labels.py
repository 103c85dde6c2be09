"""A capital letter naming one of a series — Party A, Grade A, Annex A — is part of the
rendering, not an article to trim (sentences written for the tests: a contract's clauses)."""

from glossary.extract.extractor import extract
from glossary.extract.pairing import EnglishUnit, pair
from tm.models import TranslationUnit

CONTRACT = [
    ("甲方应当在合同签订后五日内向乙方支付预付款。",
     "Party A shall pay the advance payment to Party B within five days after the contract is signed."),
    ("乙方应当按照甲方的要求提供技术服务。", "Party B shall provide technical services as required by Party A."),
    ("甲方有权对乙方的服务质量进行检查。", "Party A has the right to inspect the quality of the services of Party B."),
    ("如乙方未按期交付，甲方可以解除本合同。", "If Party B fails to deliver on time, Party A may terminate this contract."),
    ("本合同一式两份，甲方和乙方各执一份。",
     "This contract is made in duplicate, one copy for Party A and one for Party B."),
]


def test_party_a_is_rendered_with_its_letter_like_party_b():
    units = [TranslationUnit(zh=zh, en=en, id=i + 1) for i, (zh, en) in enumerate(CONTRACT)]
    found = {c.zh: c for c in extract(units, min_score=-99)}
    assert found["甲方"].en == "Party A"
    assert found["乙方"].en == "Party B"
    assert {r.en for r in found["甲方"].renderings} == {"Party A"}


def test_the_letter_after_a_name_is_a_word_the_article_is_not():
    assert pair("甲方", EnglishUnit("Party A shall pay Party B."))[0].text == "Party A"
    # the article of a title-case heading stays an article: no key, no span edge
    unit = EnglishUnit("Building A Better Future")
    assert unit.keys[1] is None
    unit = EnglishUnit("A party shall pay.")
    assert unit.keys[0] is None


def test_folding_keeps_the_letter_and_drops_the_article():
    from glossary.termbase.keys import fold_rendering
    assert fold_rendering("Party A") == "party a" != fold_rendering("party")
    assert fold_rendering("the Party A") == "party a"
    assert fold_rendering("A party") == fold_rendering("party")
    assert fold_rendering("Building A Better Future") == fold_rendering("building a better future")
    # the review's cases: a lower-case word before the letter, a word of the gloss cleaners'
    # stop list (type), and a series of letters
    assert fold_rendering("party A") == fold_rendering("Party A") == "party a"
    assert fold_rendering("Type A") == "type a" and fold_rendering("Form A/B") == "form a b"
    assert fold_rendering("If A fails") == fold_rendering("if fails")


def test_a_term_base_of_an_earlier_version_gets_its_letter_keys_recomputed(tmp_path):
    """Migration 010: a stored rendering "Party A" whose collision key was "party" (the
    letter read as an article) is keyed "partya" after the term base is opened again."""
    from glossary.models import Entry
    from glossary.termbase.store import add_entry, open_termbase

    path = tmp_path / "old.db"
    db = open_termbase(path)
    add_entry(db, Entry(zh="甲方", approved=["Party A"]))
    with db.conn:
        db.execute("UPDATE glossary_rendering SET fold_key = 'party'")
        db.execute("DELETE FROM _migrations WHERE name = '010_letter_labels'")
    db.close()
    db = open_termbase(path)
    assert [r[0] for r in db.execute("SELECT fold_key FROM glossary_rendering")] == ["partya"]

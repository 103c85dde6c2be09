"""Session 31 (helper "report6"): findings of `glossary check` that repeated one problem on
documents written for the session.  Sentences written for the tests (a bank's API guide)."""

from tm import TranslationUnit
from tm.memory.store import import_units

from glossary.termbase.consistency import check
from glossary.termbase.store import open_termbase, store_candidates

from _terms import cand


def _renderings(db):
    return {f.zh[0]: f.en for f in check(db) if f.kind == "renderings" and len(f.zh) == 1}


def test_a_word_rendered_otherwise_only_inside_a_reported_longer_term_is_not_reported_again(db_path):
    """子账户 is "sub-account" and once "RAM user": its word 账户 is "account" except in that
    unit, where it is only inside 子账户 ("user" of "RAM user").  The problem is 子账户's; 账户
    rendered two ways repeated it as a second finding."""
    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="请注册账户。", en="Please register an account."),
        TranslationUnit(zh="账户余额不足。", en="The account balance is insufficient."),
        TranslationUnit(zh="请创建子账户。", en="Please create a sub-account."),
        TranslationUnit(zh="为每个应用创建子账户。", en="Create a RAM user for each application."),
    ])
    store_candidates(db, [cand("账户", ("account", 3, [1, 2, 3]), ("user", 1, [4])),
                          cand("子账户", ("sub-account", 1, [3]), ("RAM user", 1, [4]))])
    found = _renderings(db)
    assert found.get("子账户") == ["RAM user", "sub-account"] or found.get("子账户") == ["sub-account", "RAM user"]
    assert "账户" not in found, found


def test_a_word_rendered_otherwise_on_its_own_is_still_reported(db_path):
    """Rendered otherwise where it stands alone, the word's finding is its own."""
    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="请注册账户。", en="Please register an account."),
        TranslationUnit(zh="账户余额不足。", en="The account balance is insufficient."),
        TranslationUnit(zh="请登录账户。", en="Please sign in to your user profile."),
        TranslationUnit(zh="为每个应用创建子账户。", en="Create a RAM user for each application."),
        TranslationUnit(zh="请创建子账户。", en="Please create a sub-account."),
    ])
    store_candidates(db, [cand("账户", ("account", 2, [1, 2]), ("user profile", 1, [3]), ("user", 1, [4])),
                          cand("子账户", ("sub-account", 1, [5]), ("RAM user", 1, [4]))])
    found = _renderings(db)
    assert "子账户" in found and "账户" in found, found


def test_a_longer_rendering_used_once_is_another_rendering_when_its_words_render_more_of_the_term(db_path):
    """A rendering used once that holds the usual one whole was folded into it as the
    pairing's slip ("contain init containers" beside "init containers"), and so was 存储桶
    "bucket" ×4 and once "storage bucket", whose
    "storage" renders 存储, which "bucket" leaves out: the translator's other rendering."""
    db = open_termbase(db_path)
    store_candidates(db, [cand("存储桶", ("bucket", 4, [1, 2, 3, 4]), ("storage bucket", 1, [5])),
                          cand("初始化容器", ("init containers", 3, [6, 7, 8]), ("contain init containers", 1, [9]))])
    found = _renderings(db)
    assert found.get("存储桶") == ["bucket", "storage bucket"], found
    assert "初始化容器" not in found, found


def test_words_inside_a_code_identifier_are_no_rendering_of_a_term(db_path):
    """访问令牌 is "access token"; a unit where only 访问凭据 is written names the environment
    variable APP_ACCESS_TOKEN_FILE: its words are code, not "access token" said for 访问凭据,
    and the two terms do not collide (the report read "ACCESS TOKEN" inside the identifier)."""
    db = open_termbase(db_path)
    import_units(db, [
        TranslationUnit(zh="请妥善保管访问令牌。", en="Keep the access token safe."),
        TranslationUnit(zh="访问令牌有效期为一小时。", en="The access token is valid for one hour."),
        TranslationUnit(zh="不要泄露访问令牌。", en="Never disclose the access token."),
        TranslationUnit(zh="程序从环境变量 APP_ACCESS_TOKEN_FILE 读取访问凭据。",
                        en="The program reads its credentials from the environment variable APP_ACCESS_TOKEN_FILE."),
        TranslationUnit(zh="访问凭据保存在本地。", en="The credentials are stored locally."),
    ])
    store_candidates(db, [cand("访问令牌", ("access token", 3, [1, 2, 3])),
                          cand("访问凭据", ("credentials", 2, [4, 5]))])
    collisions = [f for f in check(db) if f.kind == "collision"]
    assert not [f for f in collisions if "访问凭据" in f.zh or "凭据" in f.zh], [f.message for f in collisions]


def test_a_lone_verb_in_its_inflected_forms_is_one_rendering(db_path):
    """上传 "upload" ×3, "uploaded" once, "Uploading" once (a heading's gerund): one verb, not
    three renderings.  A word in -ing whose bare form is no rendering stays apart, and so does a
    phrase ("computing power" / "compute power" is a terminologist's question)."""
    db = open_termbase(db_path)
    store_candidates(db, [cand("上传", ("upload", 3, [1, 2, 3]), ("uploaded", 1, [4]), ("Uploading", 1, [5])),
                          cand("存储", ("store", 2, [6, 7]), ("stored", 1, [8])),
                          cand("训练", ("training", 2, [9, 10]), ("train", 1, [11]), ("education", 1, [12])),
                          cand("算力", ("computing power", 2, [13, 14]), ("compute power", 1, [15]))])
    found = _renderings(db)
    assert "上传" not in found and "存储" not in found, found
    assert found["训练"] == ["training", "education"], found
    assert "算力" in found, found


def test_a_preposition_is_no_rendering_of_a_word_inside_a_term():
    """A term's words take the English words their glosses match, and the one word no gloss
    matches takes what is left: 本年度公司从事 "Company During the Year" gave 从事 "During", a
    preposition, and the report compared it with 从事's other renderings."""
    from glossary.models import Entry, Rendering
    from glossary.termbase.consistency import _term_lexicon, _word_renderings

    entry = Entry(zh="本年度公司从事")
    lexicon = _term_lexicon([entry])
    words = {(w, en) for w, en, _ in _word_renderings(entry, [Rendering("Company During the Year", 1, [1])], lexicon)}
    assert not any(en.lower() == "during" for _, en in words), words

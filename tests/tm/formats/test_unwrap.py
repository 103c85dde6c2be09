"""Plain text hard-wrapped at a fixed width (an e-mail, a text saved with line breaks): its
lines are joined into paragraphs before alignment; text with one paragraph a line, short
lists and signature blocks are left as they are."""

from __future__ import annotations

import textwrap

from click.testing import CliRunner

from tm.cli import cli
from tm.formats.documents import unwrap

from conftest import ROOT

SEEDS = ROOT / "seeds"
EN = ("The city will build 100 application scenarios by 2025 and will promote the use of "
      "artificial intelligence in manufacturing, logistics and health care. It will also "
      "support small and medium-sized enterprises in adopting large models and will open "
      "public data to developers under clear rules for security and privacy.")


def wrap_zh(paragraph: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters' columns (a Chinese character two), as an
    editor or a PDF's fixed line length wraps Chinese: anywhere, Latin letters half wide."""
    import re

    lines, line, used = [], "", 0
    for piece in re.findall(r"[A-Za-z0-9.%]+|.", paragraph):     # never inside a number or word
        w = sum(2 if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" else 1 for c in piece)
        if used + w > 2 * width:
            lines.append(line)
            line, used = "", 0
        line, used = line + piece, used + w
    return lines + [line] if line else lines


def test_english_wrapped_at_72_columns_is_one_paragraph_again():
    text = "\n".join(textwrap.wrap(EN, 72)) + "\n\n" + "\n".join(textwrap.wrap(EN.upper(), 72))
    assert unwrap(text).split("\n") == [EN, "", EN.upper()]


def test_chinese_lines_join_without_a_space():
    paragraph = "本市将在二〇二五年前建设一百个应用场景，推动人工智能在制造业、物流和医疗健康领域的应用，" \
                "支持中小企业使用大模型，并在安全和隐私规则下向开发者开放公共数据。" * 2
    text = "\n".join(wrap_zh(paragraph, 30)) + "\n"
    assert unwrap(text) == paragraph + "\n"


def test_a_list_of_short_lines_a_signature_and_one_paragraph_a_line_stay():
    strings = "Save\nSave the open document under another name\nQuit\nOpen\nClose all windows\n"
    assert unwrap(strings) == strings
    signature = "天津市人民政府办公厅\n2025年5月16日\n（此件主动公开）\n"
    assert unwrap(signature) == signature
    terms = "人工智能\n大数据\n云计算\n区块链\n物联网\n"
    assert unwrap(terms) == terms
    beads = "\n".join(f"[{i}]:[{i},{i + 1}]" for i in range(1, 40))
    assert unwrap(beads) == beads
    one_a_line = "\n".join([EN, "Short.", EN[:150], "Another paragraph."])
    assert unwrap(one_a_line) == one_a_line


def test_a_copy_out_of_a_pdf_wrapped_by_a_proportional_font_is_joined_too():
    """Lines a PDF's font wrapped (widths of a serif font, not the sans-serif table the
    reading measures with): their character counts differ from line to line."""
    serif = {**dict.fromkeys("abcdeghnopqu0123456789", 500), **dict.fromkeys("fijlt.,;:'!| ", 278),
             **dict.fromkeys("r-()s", 333), **dict.fromkeys("kvxy", 500), **dict.fromkeys("mw", 778)}
    width = lambda s: sum(serif.get(c, 722 if c.isupper() else 444) for c in s)

    def wrap(paragraph, limit):
        lines, line = [], ""
        for word in paragraph.split():
            if line and width(line + " " + word) > limit:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        return lines + [line]

    paragraphs = [EN, EN.replace("city", "municipality"), EN.replace("will", "shall")]
    lines = [line for p in paragraphs for line in wrap(p, 30_000) + [""]]
    assert len({len(line) for line in lines if line}) > 5
    assert unwrap("\n".join(lines)).split("\n") == [x for p in paragraphs for x in (p, "")]


def test_a_number_at_a_line_start_is_no_list_item_and_a_quoted_line_is_its_own():
    text = "\n".join(textwrap.wrap(EN.replace("by 2025", "by 3.5 percent"), 50, break_on_hyphens=False))
    assert any(line.startswith("3.5") for line in text.split("\n"))
    assert unwrap(text) == EN.replace("by 2025", "by 3.5 percent")
    reply = "\n".join("> " + line for line in textwrap.wrap(EN, 70))
    assert unwrap(reply + "\n\n" + "\n".join(textwrap.wrap(EN, 72))).startswith(reply)


def test_headings_of_about_one_width_stay_lines_of_their_own():
    """Six headings of 21-23 characters with no mark at their ends (the session's review): the
    proportional measure's tolerance took each for a full line and tm align made one unit of
    them; a run of lines is joined only into a paragraph that ends a sentence."""
    zh = "\n".join(["一、加快推进人工智能基础设施建设和算力资源统筹布局", "二、全面提升人工智能核心技术创新能力和研发水平",
                    "三、深入推动人工智能赋能千行百业的融合应用示范", "四、持续优化人工智能产业发展生态和企业服务环境",
                    "五、大力加强人工智能人才引育和高水平团队建设工作", "六、切实强化人工智能安全治理和伦理规范保障体系"])
    plain = [h.split("、", 1)[1] for h in zh.split("\n")]
    assert unwrap("\n".join(plain)) == "\n".join(plain)
    en = ["Accelerating the construction of computing infrastructure", "Improving the capacity for core innovation in AI",
          "Promoting integrated applications across all industries", "Optimising the ecosystem for industrial development",
          "Strengthening the cultivation of talent and research teams", "Reinforcing security governance and ethical norms"]
    assert unwrap("\n".join(en)) == "\n".join(en)


def test_verse_of_equal_lines_is_no_wrapped_prose():
    poem = "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n"
    assert unwrap(poem) == poem
    song = ("Twinkle, twinkle, little star,\nHow I wonder what you are!\nUp above the world so high,\n"
            "Like a diamond in the sky.\n")
    assert unwrap(song) == song


def test_list_items_articles_and_indented_first_lines_start_new_paragraphs():
    body = textwrap.wrap(EN, 60)
    text = "\n".join(body + ["1. First item of a list that is long enough to matter here"]
                     + body + ["  An indented paragraph begins here."] + body)
    out = unwrap(text).split("\n")
    assert out[0] == EN and out[1].startswith("1. First item")
    assert "  An indented paragraph begins here." in out
    zh = wrap_zh("为了规范人工智能应用，保障数据安全，促进产业健康发展，根据有关法律法规，制定本办法。" * 2, 24)
    article = "第二条　本办法适用于本市行政区域内的人工智能研发、应用和管理活动。"   # its last line short
    text = "\n".join(zh + wrap_zh(article, 24) + zh)
    assert unwrap(text).split("\n")[1] == article


def test_tm_align_of_the_plan_hard_wrapped_gives_the_units_of_the_plan(tmp_path, monkeypatch):
    """The seeds' action plan with every paragraph hard-wrapped (Chinese at 36 characters,
    English at 72 columns) aligns to the same units as the file with one paragraph a line."""
    monkeypatch.chdir(tmp_path)
    zh = (SEEDS / "tianjin-ai-action-plan-2025-2027.zh.txt").read_text(encoding="utf-8")
    en = (SEEDS / "tianjin-ai-action-plan-2025-2027.en.txt").read_text(encoding="utf-8")
    (tmp_path / "plan.zh.txt").write_text(zh, encoding="utf-8")
    (tmp_path / "plan.en.txt").write_text(en, encoding="utf-8")
    wrapped_zh = "\n".join("\n".join(wrap_zh(p, 36)) if len(p) > 30 else p for p in zh.split("\n"))
    wrapped_en = "\n".join("\n".join(textwrap.wrap(p, 72)) if len(p) > 72 else p for p in en.split("\n"))
    assert wrapped_zh.count("\n") > zh.count("\n") + 100
    (tmp_path / "wrapped.zh.txt").write_text(wrapped_zh, encoding="utf-8")
    (tmp_path / "wrapped.en.txt").write_text(wrapped_en, encoding="utf-8")
    runner = CliRunner()

    def units(stem):
        db = f"{stem}.db"
        assert runner.invoke(cli, ["--db", db, "align", f"{stem}.zh.txt", f"{stem}.en.txt"]).exit_code == 0
        out = runner.invoke(cli, ["--db", db, "export", "--format", "tsv", "-o", f"{stem}.tsv"])
        assert out.exit_code == 0, out.output
        return (tmp_path / f"{stem}.tsv").read_text(encoding="utf-8").splitlines()

    plain, wrapped = units("plan"), units("wrapped")
    assert len(plain) > 100
    assert wrapped == plain


def test_each_line_of_the_file_is_found_where_it_went():
    """:func:`tm.unwrapped` says where each line of the file begins in the joined text, so a
    check that reads the paragraphs names the file's own line; text left as it is maps
    line for line."""
    from tm import unwrapped

    original = "\n\n".join(textwrap.fill(EN, width) for width in (60, 72)) + "\n  indented\n"
    doc = unwrapped(original)
    assert doc.text != original
    lines = original.split("\n")
    assert len(doc.starts) == len(lines)
    for k, line in enumerate(lines):
        body = line.strip()
        if body:
            at = doc.text.index(body, doc.starts[k])
            assert at - doc.starts[k] <= len(line) - len(line.lstrip())    # its indent, if kept
            assert doc.line(at) == doc.line(at + len(body) - 1) == k + 1
    plain = "one\ntwo\n\nthree"
    assert unwrapped(plain).text == plain and [unwrapped(plain).line(plain.index(w)) for w in
                                                ("one", "two", "three")] == [1, 2, 4]


def _paged_plan(pages: int, marks: tuple[str, str]):
    """The plan in Chinese and in English hard-wrapped as a copy out of a PDF, each with
    ``pages`` page breaks (``mark`` formatted with the page's number) after the second line
    of a paragraph: (the text without them, its paragraphs' texts with them, mark)."""
    zh = (SEEDS / "tianjin-ai-action-plan-2025-2027.zh.txt").read_text(encoding="utf-8")
    en = (SEEDS / "tianjin-ai-action-plan-2025-2027.en.txt").read_text(encoding="utf-8")
    for text, wrap, mark in ((zh, lambda p: wrap_zh(p, 36), marks[0]),
                             (en, lambda p: textwrap.wrap(p, 72), marks[1])):
        paragraphs = [wrap(p) if len(p) > 30 else [p] for p in text.split("\n")]
        plain = "\n".join("\n".join(lines) for lines in paragraphs)
        paged, n = [], 0
        for lines in paragraphs:
            if len(lines) > 3 and n < pages:
                n += 1
                lines = lines[:2] + [mark.format(n)] + lines[2:]
            paged.append("\n".join(lines))
        assert n == pages
        yield plain, paged, mark


def test_a_pages_number_inside_a_paragraph_of_a_pdf_copy_is_passed_over():
    """A copy out of a PDF keeps each page's number between the lines of the paragraph the
    page broke (— 3 —, Page 3 of 9, with blank lines or a form feed around it): the
    paragraph stayed in pieces, each line a sentence of its own (its run of lines ended at
    the number, in no sentence end). The number is left out and the lines joined; one
    between two paragraphs stays."""
    for plain, paged, page in _paged_plan(15, ("\n— {} —\n", "\fPage {} of 40")):
        paged.insert(5, page.format(99))        # and one between two paragraphs
        got = unwrap("\n".join(paged))
        assert got.replace(page.format(99) + "\n", "", 1) == unwrap(plain)
        assert page.format(99) in got and page.format(1) not in got


def test_a_running_head_beside_the_pages_numbers_is_passed_over_too():
    """A copy out of a PDF keeps the running head (the issuer, the document's title) printed
    on every page beside the page's number, between the lines of the paragraph the page
    broke: it is left out with the number. The same line beside two numbers only stays."""
    heads = ("\n某某市人民政府办公厅文件", "\n\n  Action Plan for Artificial Intelligence  ")
    pages = ("\n— {} —\n" + heads[0], "\fPage {} of 40" + heads[1])
    for (plain, paged, page), head in zip(_paged_plan(6, pages), heads):
        got = unwrap("\n".join(paged))
        assert got == unwrap(plain)
        assert head.strip() not in got
        # beside two numbers only: the text's own line, and the paragraphs stay broken there
        two = "\n".join(paged).replace(head, "", 4)
        assert head.strip() in unwrap(two)

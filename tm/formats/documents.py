"""Documents for the aligner and QA: Word (.docx), Excel (.xlsx) bilingual tables, HTML
and Markdown, read as paragraphs, one a line (the segmenter's rule: each non-blank line
is a paragraph, :mod:`tm.text.segment`). Plain text is decoded by :mod:`tm.formats.textio`.

* ``.docx`` (python-docx): the body in order, paragraphs (headings included) and tables
  (each cell's paragraphs, a merged cell once); a line break inside a paragraph joins
  its parts (no space between Chinese characters).
* ``.xlsx`` (:mod:`tm.formats.workbook`): a bilingual table. The column of the side asked for (``zh`` or
  ``en``) is told from its text (:class:`tm.text.lang.Evidence`), in every sheet; one
  paragraph per non-empty cell, a header row naming languages left out. So the same file
  given as both documents of ``tm align`` gives its Chinese and its English column.
* HTML (lxml.html): the ``<title>`` (first, unless a heading or paragraph repeats it),
  then the text of the innermost block elements (``p``, ``h1``-``h6``,
  ``li``, ``td``, ``th``, ``div``…), ``script``/``style`` left out; a ``<br>`` joins its
  parts as a line break in a Word paragraph does.
* Markdown: paragraphs separated by blank lines, a heading, list item or quote line its
  own paragraph; wrapped lines joined; emphasis, code marks and link targets dropped,
  fenced code left out.

Anything else that is not text (PDF, legacy .doc/.xls, other zip formats such as .odt or
.pptx, RTF) is :class:`InputError` naming the supported types. So is a damaged or crafted
.docx/.xlsx: each XML part's prolog goes through :func:`tm.formats.xmlguard.guard_zip_parts`
first (a DOCTYPE declaring entities is refused before either library parses the part), and
everything the libraries raise while they read, a sheet parsed lazily included, becomes one
:class:`InputError` naming the file.
"""

from __future__ import annotations

import io
import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from tm.errors import InputError

_XML_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")

SUPPORTED = "plain text (UTF-8/UTF-16/GB18030/Big5…), .docx, .xlsx, .html/.htm, .md"
LABELS = {"docx": "Word (.docx)", "xlsx": "Excel (.xlsx)", "html": "HTML", "markdown": "Markdown"}

_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"    # Chinese characters and full-width marks
_CJK_END = re.compile(f"[{_CJK}]$")
_CJK_START = re.compile(f"^[{_CJK}]")


_HYPHENATED = re.compile(r"[A-Za-z]-$")


def _junction(left: str, right: str) -> str:
    """What a line break between ``left`` and ``right`` of one paragraph stood for: nothing
    where either side is a Chinese character or full-width mark (建设 | 100个: Chinese prose
    wraps anywhere and the break stood for no space) or after a word's hyphen (large- | scale,
    where wrapping breaks a compound), else a space."""
    if _CJK_END.search(left) or _CJK_START.search(right) or (_HYPHENATED.search(left) and right[:1].isalpha()):
        return ""
    return " "


def join_lines(parts) -> str:
    """Parts of one paragraph joined (:func:`_junction`), the whitespace inside each collapsed."""
    out = ""
    for part in (" ".join(p.split()) for p in parts):
        if not part:
            continue
        if out:
            out += _junction(out, part)
        out += part
    return out


# A line that opens a list item, an article or a clause: never the continuation of a line.
_ITEM_START = re.compile(r"\s*(?:第[一二三四五六七八九十百千零〇两\d]+[条章节款项编部篇]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
                         r"|[一二三四五六七八九十]{1,3}、|\d{1,3}(?:\.\d{1,3})*[.、)）](?!\d)|[•·▪●○◆■]|[-*–—]\s|[A-Za-z][.)]\s"
                         r"|>)")    # (a quoted line of an e-mail)
# A line ending in a punctuation mark: verse and lists end most lines so, wrapped prose few.
_LINE_END_MARK = re.compile(r"[，。、；：！？,.;:!?…）)」』”\"']\s*$")
# A page's number alone on its line, as a copy out of a PDF keeps it between the lines of a
# paragraph: — 3 —, - 12 -, 第3页, 第 3 页 共 10 页, Page 3, Page 3 of 10, 3 / 10 (a form feed
# before or after it). A bare number is none (a table's cell, a list's figure).
_PAGE_NUMBER = re.compile(r"\f?[ \t]*(?:[-—–－]+[ \t]*\d{1,4}[ \t]*[-—–－]+|第[ \t]*\d{1,4}[ \t]*页"
                          r"(?:[ \t]*[，,/]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?|(?:Page|PAGE|p\.)[ \t]*\d{1,4}"
                          r"(?:[ \t]*(?:of|/)[ \t]*\d{1,4})?|\d{1,4}[ \t]*/[ \t]*\d{1,4})[ \t]*\f?")
# What a wrap may not split: a run up to a space or a Chinese character, else one character.
_FIRST_WORD = re.compile(f"[^\\s{_CJK}]+|\\S")


def _width(text: str) -> int:
    """Display columns: a wide (Chinese) character takes two (:func:`tm.text.zh.display_width`)."""
    from tm.text.zh import display_width
    return display_width(text)


# Widths of a proportional (sans-serif) font, in thousandths of an em, by character class:
# a text copied out of a PDF is wrapped by such widths, not by characters.
_EM = {**dict.fromkeys("fijlt.,;:'!|I ", 278), **dict.fromkeys("r-()[]\"", 333),
       **dict.fromkeys("ksvxyzJ", 500), **dict.fromkeys("mw", 833), **dict.fromkeys("MW", 889),
       **dict.fromkeys("ABCDEFGHKLNOPQRSTUVXYZ", 667)}
_FULL_EM = 0.95        # a proportional line this close to the wrap width may have been full
# Narrower than any editor or page wraps prose (40 columns: 20 Chinese characters): lines of a
# list of terms or codes are all about as wide as the widest, and are no wrapped paragraph.
_MIN_WRAP_COLUMNS = 40


def _em(text: str) -> int | None:
    """Width of ``text`` in a proportional font (:data:`_EM`; other characters 556, a wide
    one 1000), or None when it has no narrow letter: a line of Chinese characters is measured
    exactly in columns, and the proportional tolerance would only take a short line of them
    for a full one."""
    if not _NARROW_LETTER.search(text):
        return None
    from tm.text.zh import char_width
    get = _EM.get
    return sum(1000 if char_width(c) == 2 else get(c, 556) for c in text)


_NARROW_LETTER = re.compile(r"[A-Za-z]")
# A paragraph's last line ends a sentence, a clause or a bracketed note (（…负责）), quotes
# and brackets closing after it: a run of lines ending otherwise is a list or headings.
_PARAGRAPH_END = re.compile(r"[。！？!?.…:：;；)）\]」』”\"'’]\s*$")


def _wrap_width(values: list[int]) -> int:
    """The wrap width of lines that fill it: their 90th percentile (a long line that no
    wrapping made, a URL or a table row, moves no line's measure)."""
    ranked = sorted(values)
    return ranked[-(-len(ranked) * 9 // 10) - 1] if ranked else 0     # the max of up to 10


@dataclass(frozen=True)
class Unwrapped:
    """A text as :func:`unwrap` gives it, and where each line of the text it was made from
    begins in it (``starts[k]``: line ``k + 1``; a joined line from its first character
    after the spaces it led with), so that what is found in the paragraphs can name the
    lines."""

    text: str
    starts: list[int]

    def line(self, offset: int) -> int:
        """The 1-based number of the line of the original text ``offset`` lies in."""
        return bisect_right(self.starts, offset)


def unwrap(text: str) -> str:
    """:func:`unwrapped`'s text."""
    return unwrapped(text).text


def unwrapped(text: str) -> Unwrapped:
    """Plain text hard-wrapped at a fixed width (an e-mail, a text saved with line breaks, a
    copy out of a PDF) with its wrapped lines joined into their paragraphs as
    :func:`join_lines` joins a paragraph's lines (the lines' own spacing kept); any other
    text unchanged; and where each of its lines went (:class:`Unwrapped`).

    A line is wrapped when the first word of the next line would not have fitted on it
    within the wrap width (how every wrapping editor decides), measured two ways: in
    columns (a Chinese character two; an editor's fixed width), and in a proportional
    font's widths with :data:`_FULL_EM` of tolerance (a PDF's lines, whose font is not
    known).  The wrap width is the 90th percentile of the lines followed by another, and
    at least :data:`_MIN_WRAP_COLUMNS` (a list of terms is no wrapped paragraph).  The
    text counts as wrapped only when such full lines are at least three, at least half of
    the lines followed by another line (a list of short strings, whose longest line alone
    is "full", is not) and fewer than half of them end in a punctuation mark (verse of
    equal lines, 床前明月光， | 疑是地上霜。, ends nearly all; wrapped prose ends a line
    where the width falls), and a line stays apart when the next is indented (a
    paragraph's first line), opens a list item or an article (第三条, （一）, 1., -), or
    the line itself is blank.  Lines are joined only into a paragraph whose last line ends
    a sentence or a clause (:data:`_PARAGRAPH_END`): headings or list items of about one
    width, with no mark at their ends, stay lines of their own.  A page's number alone on
    its line (:data:`_PAGE_NUMBER`: — 3 —, 第3页, Page 3 of 10), a running head or foot
    beside three such numbers or more (:func:`_running_heads`) and the blank lines around
    them, between two lines of a paragraph of such a text (a copy out of a PDF), are left
    out and the paragraph joined across them; elsewhere they stay."""
    lines = text.split("\n")
    unchanged = Unwrapped(text, [0] + list(accumulate(len(line) + 1 for line in lines[:-1])))
    # a page's number between two lines of a paragraph (a copy out of a PDF), with the blank
    # lines around it, is passed over: the lines before and after it may join
    pages = [k for k, line in enumerate(lines) if _PAGE_NUMBER.fullmatch(line)]
    furniture = set()
    for k in pages + _running_heads(lines, pages):
        furniture.add(k)
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(lines) and not lines[j].strip():
                furniture.add(j)
                j += step
    kept = [k for k in range(len(lines)) if k not in furniture]
    after = dict(zip(kept, kept[1:]))       # the next line that is no page furniture
    followed = [k for k in kept[:-1] if lines[k].strip() and lines[after[k]].strip()]
    if len(followed) < 3:
        return unchanged
    columns = {k: _width(lines[k].rstrip()) for k in followed}
    ems = {k: _em(lines[k].rstrip()) for k in followed}
    wrap_columns = _wrap_width(list(columns.values()))
    wrap_em = _wrap_width([v for v in ems.values() if v is not None])
    if wrap_columns < _MIN_WRAP_COLUMNS:
        return unchanged

    def full(k: int) -> bool:
        nxt = lines[after[k]].lstrip("\f")     # a page's form feed is no indent
        if nxt[:1].isspace() or _ITEM_START.match(nxt):
            return False
        first = _FIRST_WORD.match(nxt.lstrip()).group()
        return columns[k] + 1 + _width(first) > wrap_columns \
            or ems[k] is not None and ems[k] + (_em(" " + first) or 0) > _FULL_EM * wrap_em

    joins = {k for k in followed if full(k)}
    if len(joins) < 3 or 2 * len(joins) < len(followed) \
            or 2 * sum(bool(_LINE_END_MARK.search(lines[k])) for k in joins) >= len(joins):
        return unchanged
    continued = {after[k] for k in joins}   # the lines a join goes on to
    for k in kept:                  # a run of joined lines whose last ends no sentence stays apart
        if k not in joins or k in continued:
            continue                # (from each run's first line)
        run, end = [], k
        while end in joins:
            run.append(end)
            end = after[end]
        if not _PARAGRAPH_END.search(lines[end].rstrip()):
            joins -= set(run)
    joined = {after[k] for k in joins}      # the lines that go on the line before them
    crossed = {j for k in joins for j in range(k + 1, after[k])}    # page furniture inside a paragraph
    out: list[str] = []
    starts, at = [], 0              # each line's start in the text made; where the next line starts
    for k, line in enumerate(lines):
        if k in joined:             # the rest of the paragraph: the line's own spacing kept
            left, right = out[-1].rstrip(), line.lstrip()
            out[-1] = left + _junction(left, right) + right
            starts.append(at + len(out[-1]) - len(right))
        elif k in crossed:          # left out
            starts.append(at + len(out[-1]))
        else:
            if out:
                at += len(out[-1]) + 1
            out.append(line)
            starts.append(at)
    return Unwrapped("\n".join(out), starts)


def _running_heads(lines: list[str], pages: list[int]) -> list[int]:
    """The lines of a running head or foot (the document's title or issuer printed on every
    page) beside the ``pages``' numbers: a line that stands next to three numbers or more,
    blank lines between, the same each time. A line beside fewer is the text's own."""
    numbers = set(pages)
    beside: dict[str, set[int]] = {}
    for k in pages:
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(lines) and not lines[j].strip():
                j += step
            if 0 <= j < len(lines) and j not in numbers:
                beside.setdefault(lines[j].strip("\f \t"), set()).add(j)
    return sorted(j for found in beside.values() if len(found) >= 3 for j in found)


def kind_of(data: bytes, name: str, *, limit: int | None = None) -> str | None:
    """``docx``, ``xlsx`` or None (text) for the bytes of a document; :class:`InputError`
    for a binary format this tool does not read, or a zip whose parts unpack to more than
    ``limit`` bytes."""
    lower = name.lower()
    if data.startswith(b"PK\x03\x04"):
        try:
            parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
        except zipfile.BadZipFile:
            raise _unsupported(name, "a damaged zip file") from None
        names = {part.filename for part in parts}
        unpacked = sum(part.file_size for part in parts)   # what reading it would unpack
        if limit is not None and unpacked > limit:     # (a few MB of zip can unpack to gigabytes)
            raise InputError(f"its parts unpack to {unpacked / 2**20:,.0f} MB: larger than "
                             f"{limit // 2**20} MB, not a document this tool reads whole",
                             path=name)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise _unsupported(name, "a zip file that is neither .docx nor .xlsx")
    if data.startswith(b"%PDF"):
        raise _unsupported(name, "a PDF file")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _unsupported(name, "a legacy Office file (.doc/.xls: save it as .docx/.xlsx)")
    if data.lstrip().startswith(b"{\\rtf"):
        raise _unsupported(name, "an RTF file")
    if lower.endswith((".docx", ".xlsx")):
        raise _unsupported(name, f"not a real {lower.rsplit('.', 1)[-1]} file")
    return None


def xml_root(text: str) -> str:
    """The local name of the root element of XML ``text`` (its start is enough), lower
    case, after the declaration, comments and DOCTYPE; ``""`` when none is seen."""
    body = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", "", text, flags=re.S)
    m = _XML_ROOT.search(body)
    return m.group(1).rsplit(":", 1)[-1].lower() if m else ""


#: Exchange files that are no documents, by their root element: what reads them instead.
EXCHANGE_ROOTS = {"tmx": ("a TMX translation memory", "tm import"),
                  "mtf": ("a MultiTerm XML glossary", "glossary import"),
                  "xliff": ("an XLIFF file", "tm import or glossary qa"),
                  "martif": ("a TBX glossary", "glossary import"),
                  "tbx": ("a TBX glossary", "glossary import")}


def markup_of(text: str, name: str) -> str | None:
    """``html`` or ``markdown`` for decoded text by its name or start, else None.
    :class:`InputError` for a TMX, XLIFF or TBX file: not a document (aligned as one, its
    markup was the English text: 1,400 lines of XML for four Chinese sentences ran for
    minutes)."""
    lower = name.lower()
    head = text.lstrip("\ufeff \t\r\n")[:200].lower()
    if head.startswith("<"):
        what = EXCHANGE_ROOTS.get(xml_root(text[:4096]))
        if what is not None:
            raise InputError(f"{what[0]}, not a document ({what[1]} reads it)", path=name)
    if lower.endswith((".html", ".htm", ".xhtml")) or head.startswith(("<!doctype html", "<html")):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    return None


def _unsupported(name: str, what: str) -> InputError:
    return InputError(f"{what}: not a document this tool reads (supported: {SUPPORTED})", path=name)


# --------------------------------------------------------------------------- Word

def docx_text(data: bytes, *, name: str) -> str:
    """The paragraphs of a .docx body in order, tables cell by cell."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from tm.formats.xmlguard import guard_zip_parts

    guard_zip_parts(data, name=name, label="Word document")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:     # python-docx raises KeyError, ValueError, lxml errors…
        raise InputError(f"cannot read as .docx ({_reason(exc)})", path=name) from None
    lines: list[str] = []

    def paragraph(p) -> None:
        line = join_lines(p.text.split("\n"))
        if line:
            lines.append(line)

    def table(t) -> None:
        seen = set()
        for row in t.rows:
            for cell in row.cells:
                if id(cell._tc) in seen:        # a merged cell appears once per grid cell
                    continue
                seen.add(id(cell._tc))
                for p in cell.paragraphs:
                    paragraph(p)
                for inner in cell.tables:
                    table(inner)

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph(Paragraph(child, document))
        elif tag == "tbl":
            table(Table(child, document))
    return "\n".join(lines)


# --------------------------------------------------------------------------- Excel

_HEADER_WORDS = {"chinese", "english", "中文", "英文", "source", "target", "原文", "译文", "zh", "en"}


def xlsx_text(data: bytes, *, name: str, side: str | None) -> str:
    """The cells of the ``side`` column (``zh``/``en``, told from the text) of every sheet
    of a bilingual .xlsx table, one a line (the workbook read by
    :func:`tm.formats.workbook.read_workbook`, the reader of ``tm import`` and ``glossary
    import`` too)."""
    from tm.formats.workbook import read_workbook
    from tm.text.lang import Evidence, language_name, side as tag_side

    if side not in ("zh", "en"):
        raise InputError("an .xlsx table is read for one language: say which side it is "
                         "(the Chinese or the English document)", path=name)
    lines: list[str] = []
    seen: list[str] = []
    for sheet in read_workbook(data, name=name):
        sheet.check_saved(name)
        rows = [[" ".join(c.split()) for c in r] for r in sheet.rows]
        rows = [r for r in rows if any(r)]
        if not rows:
            continue
        width = max(len(r) for r in rows)
        evidence = [Evidence() for _ in range(width)]
        for n, row in enumerate(rows, 1):
            for i, cell in enumerate(row):
                if cell:
                    evidence[i].add(cell, n)
        wanted = {"zh": ("zh", "mixed"), "en": ("en",)}[side]
        scores = [sum(ev.share(k) for k in wanted) if ev.total else 0.0 for ev in evidence]
        best = max(range(width), key=lambda i: (scores[i], -i))
        if scores[best] < 0.5:
            seen += [f"{sheet.title}!{_column(i)} reads as {language_name(ev.majority())}"
                     for i, ev in enumerate(evidence) if ev.total]
            continue
        for n, row in enumerate(rows):
            cell = row[best] if best < len(row) else ""
            if n == 0 and (cell.lower() in _HEADER_WORDS or tag_side(cell)):
                continue                      # a header row naming the languages
            if cell:
                lines.append(cell)
    if not lines:
        what = "Chinese" if side == "zh" else "English"
        raise InputError(f"no {what} column in this table ({'; '.join(seen) or 'no text'})",
                         path=name)
    return "\n".join(lines)


def _reason(exc: Exception) -> str:
    from tm.formats.workbook import library_error
    return library_error(exc)


def _column(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


# --------------------------------------------------------------------------- HTML, Markdown

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "blockquote",
           "pre", "caption", "figcaption", "div", "section", "article", "header", "footer",
           "title", "address", "summary"}


def _is_block(el) -> bool:
    return isinstance(el.tag, str) and el.tag.lower() in _BLOCKS


def _loose_text(el) -> str:
    """The text of a container outside its blocks: its own text, its inline children's
    (``<b>``, ``<a>``, a ``<br>``'s tail) and what follows each child, the runs between two
    blocks on lines of their own. (Only the tails of its blocks were read: ``<div>Intro
    <b>bold</b> text<p>…</p></div>`` lost "bold text".)"""
    out = [el.text or ""]
    for child in el:
        if _is_block(child):
            out.append("\n")
        elif isinstance(child.tag, str):
            inner = any(_is_block(d) for d in child.iterdescendants())
            out.append(_loose_text(child) if inner else child.text_content())
        out.append(child.tail or "")
    return "".join(out)


def html_text(text: str, *, name: str) -> str:
    """The text of the innermost block elements of an HTML document, in order."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8",
                                                                         no_network=True))
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot read as HTML ({exc})", path=name) from None
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for br in root.iter("br"):     # a line break inside a paragraph: joined as in .docx, not glued
        br.tail = "\n" + (br.tail or "")
    lines, title = [], None
    page_title = root.find("head/title")      # the page's; an inline SVG's <title> is an icon's
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag.lower() not in _BLOCKS:
            continue
        if any(isinstance(d.tag, str) and d.tag.lower() in _BLOCKS for d in el.iterdescendants()):
            # text directly inside a container, beside its blocks, is a paragraph of its own
            line = join_lines(_loose_text(el).split("\n"))
        else:
            line = join_lines(el.text_content().split("\n"))
        if line:
            if el is page_title:
                title = line
                continue
            lines.append(line)
    # a <title> is read once: before the body, unless a heading or paragraph says the same
    # (a page titled as its <h1> gave two units of one text)
    if title and title not in lines:
        lines.insert(0, title)
    return "\n".join(lines)


_MD_BLOCK = re.compile(r"^\s{0,3}(#{1,6}\s|[-*+]\s|\d+[.)]\s|>)")
_MD_MARKS = [(re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"), (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
             (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"), (re.compile(r"`([^`]*)`"), r"\1"),
             (re.compile(r"^\s{0,3}(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)"), ""),
             (re.compile(r"\s+#+\s*$"), "")]


def markdown_text(text: str) -> str:
    """Markdown's paragraphs, one a line (see the module doc)."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    fence = None
    for raw in text.split("\n"):
        stripped = raw.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        if not stripped or re.fullmatch(r"[-*_=\s]{3,}|\|?[\s:|-]+\|?", stripped):
            if current:
                paragraphs.append(current)
            current = []
            continue
        if _MD_BLOCK.match(raw) and current:
            paragraphs.append(current)
            current = []
        line = raw
        for pattern, repl in _MD_MARKS:
            line = pattern.sub(repl, line)
        if stripped.startswith("|") and stripped.endswith("|"):      # a table row: its cells
            if current:
                paragraphs.append(current)
            paragraphs += [[c] for c in stripped.strip("|").split("|") if c.strip()]
            current = []
            continue
        current.append(line)
        if _MD_BLOCK.match(raw) and raw.lstrip().startswith("#"):
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return "\n".join(line for line in (join_lines(p) for p in paragraphs) if line)

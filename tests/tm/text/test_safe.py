"""printable() answers printable text without its patterns: that shortcut changes nothing."""

import re

from tm.text.codes import CODE
from tm.text.safe import UNSAFE, json_safe, printable


def test_no_character_printable_escapes_or_shows_as_a_code_is_printable_to_python():
    unsafe = re.compile(UNSAFE)
    caught = [cp for cp in range(0x110000)
              if (unsafe.match(chr(cp)) or CODE.match(chr(cp))) and chr(cp).isprintable()]
    assert caught == []
    assert unsafe.match("\x1b") and CODE.match("\U00100001")   # the check above can fail


def test_printable_as_the_patterns_alone_would_write_it():
    unsafe = re.compile(UNSAFE)

    def reference(text):
        from tm.text.codes import display
        text = display(text) if CODE.search(text) else text
        return unsafe.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                          else f"\\u{ord(m.group()):04x}", text)

    texts = ["支持算力技术攻关", "plain ASCII", "tab\there", "line\nfeed", "全角\u3000空格",
             "esc\x1b[31mred", "bidi \u202eevil", "soft\xadhyphen", "zero\u200bwidth",
             "code \U00100001x\U00100002", "\x9b C1", "\u2066isolate\u2069", ""]
    for text in texts:
        assert printable(text) == reference(text), text
    assert printable("esc\x1b") == "esc\\x1b" and printable("a\u202eb") == "a\\u202eb"


def test_json_safe_escapes_del_c1_and_bidi():
    assert json_safe('"a\x7fb\u202ec"') == '"a\\u007fb\\u202ec"'
    assert json_safe('"plain"') == '"plain"'

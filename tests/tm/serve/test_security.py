"""The workbench's safety rules: Host check, CSRF, access token, escaping, headers."""

import re

import pytest

from tm import TranslationUnit, import_units, open_store
from tm.serve import create_app
from tm.serve import security as sec
from conftest import copy_db

HOST = "127.0.0.1:8765"


# --------------------------------------------------------------------------- the rules alone

@pytest.mark.parametrize("header,expected", [
    ("127.0.0.1:8765", ("127.0.0.1", 8765)),
    ("LOCALHOST:8765", ("localhost", 8765)),
    ("[::1]:8765", ("::1", 8765)),
    ("[::1]", ("::1", None)),
    ("example.org", ("example.org", None)),
    ("", None), ("a b:1", None), ("host:99999", None), ("host:x", None), ("[::1", None),
    ("evil.com/@127.0.0.1", None), ("::1:8765", None),
])
def test_split_host(header, expected):
    assert sec.split_host(header) == expected


def test_host_check_accepts_the_bound_address_and_loopback_names_only():
    names = sec.allowed_names("127.0.0.1")
    assert sec.host_ok("127.0.0.1:8765", names, 8765)
    assert sec.host_ok("localhost:8765", names, 8765)
    assert sec.host_ok("[::1]:8765", names, 8765)
    assert not sec.host_ok("127.0.0.1:8766", names, 8765)        # another port
    assert not sec.host_ok("attacker.example:8765", names, 8765)  # DNS rebinding
    assert not sec.host_ok(None, names, 8765)
    lan = sec.allowed_names("192.168.1.20")
    assert sec.host_ok("192.168.1.20:8765", lan, 8765)
    assert not sec.host_ok("localhost:8765", lan, 8765)
    assert sec.allowed_names("0.0.0.0") is None                    # any name: the token guards it


def test_loopback_detection():
    assert all(map(sec.is_loopback, ["127.0.0.1", "127.8.9.1", "::1", "[::1]", "localhost"]))
    assert not any(map(sec.is_loopback, ["0.0.0.0", "192.168.1.2", "::", "example.org"]))


def test_csrf_rules():
    good = {"Host": HOST, "X-CSRF-Token": "t0k"}
    assert sec.csrf_refusal("GET", {}, "t0k") is None
    assert sec.csrf_refusal("POST", good, "t0k") is None
    assert sec.csrf_refusal("POST", {**good, "Origin": f"http://{HOST}"}, "t0k") is None
    assert sec.csrf_refusal("POST", {"Host": HOST}, "t0k") == "missing or wrong CSRF token (reload the page)"
    assert sec.csrf_refusal("POST", {**good, "X-CSRF-Token": "other"}, "t0k")
    assert sec.csrf_refusal("POST", good, None)                   # no session token: never matches
    assert sec.csrf_refusal("POST", {**good, "Origin": "http://127.0.0.1:9999"}, "t0k") == \
        "request from another origin"
    assert sec.csrf_refusal("POST", {**good, "Origin": "null"}, "t0k") == "request from another origin"
    assert sec.csrf_refusal("DELETE", {**good, "Sec-Fetch-Site": "cross-site"}, "t0k") == "cross-site request"


# --------------------------------------------------------------------------- the app

HOSTILE_ZH = "<script>window.__xss=1</script>测试〈标记〉"
HOSTILE_EN = '<img src=x onerror="window.__xss=1"> "quoted" & </td></tr> end'


@pytest.fixture(scope="module")
def hostile_db(plan_memory, tmp_path_factory):
    path = copy_db(plan_memory, tmp_path_factory.mktemp("xss") / "xss.db")
    db = open_store(path)
    import_units(db, [TranslationUnit(zh=HOSTILE_ZH, en=HOSTILE_EN, pair="<b>xss</b>", position=0),
                      TranslationUnit(zh="测试脚本", en="test script", pair="<b>xss</b>", position=1)])
    from glossary.termbase.store import add_entry
    from glossary.models import Entry
    add_entry(db, Entry(zh="测试〈标记〉", approved=['<script>window.__xss=1</script>'], forbidden=["</mark><b>x"],
                        status="candidate"))
    db.conn.close()
    return path


def _app(path, **kw):
    from glossary.workbench import panel
    return create_app(path, panels={"glossary": panel}, **kw)


def _csrf(client) -> str:
    page = client.get("/", headers={"Host": HOST}).get_data(as_text=True)
    return re.search(r'<meta name="csrf-token" content="([^"]+)">', page).group(1)


@pytest.mark.parametrize("url", [
    "/", "/align?pair=%3Cb%3Exss%3C/b%3E", "/search?q=%E6%B5%8B%E8%AF%95",
    "/terms?q=%E6%B5%8B%E8%AF%95", "/terms/entry?zh=%E6%B5%8B%E8%AF%95%E3%80%88%E6%A0%87%E8%AE%B0%E3%80%89",
    "/findings?source=qa&pair=%3Cb%3Exss%3C/b%3E", "/align?pair=%3Cscript%3E",
])
def test_text_from_the_memory_is_escaped(hostile_db, url):
    client = _app(hostile_db).test_client()
    response = client.get(url, headers={"Host": HOST})
    assert response.status_code in (200, 404)
    page = response.get_data(as_text=True)
    assert "<script>window" not in page and "<img src=x" not in page and "<b>xss" not in page
    assert "</mark><b>" not in page and "<script>" not in page.replace(
        '<script src="/static/workbench.js" defer></script>', "")
    if response.status_code == 200 and "xss" in url:
        assert "&lt;b&gt;xss&lt;/b&gt;" in page


def test_the_hostile_unit_shows_as_text(hostile_db):
    page = _app(hostile_db).test_client().get("/align?pair=%3Cb%3Exss%3C/b%3E", headers={"Host": HOST}).get_data(
        as_text=True)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;测试〈标记〉" in page
    assert "&lt;img src=x onerror=&#34;window.__xss=1&#34;&gt; &#34;quoted&#34; &amp; &lt;/td&gt;&lt;/tr&gt; end" in page


def test_wrong_host_is_refused_before_anything_else(plan_memory):
    client = _app(plan_memory).test_client()
    assert client.get("/", headers={"Host": HOST}).status_code == 200
    for host in ("attacker.example:8765", "127.0.0.1:9999", "127.0.0.1.attacker.example:8765"):
        r = client.get("/", headers={"Host": host})
        assert r.status_code == 400
        assert "answers only to the address it was started on" in r.get_data(as_text=True)
    assert client.post("/api/undo", json={}, headers={"Host": "attacker.example:8765"}).status_code == 400


def test_state_changes_need_the_session_csrf_token(plan_memory, tmp_path):
    path = copy_db(plan_memory, tmp_path / "c.db")
    client = _app(path).test_client()
    token = _csrf(client)
    body = {"action": "mark", "key": "tianjin-ai-action-plan-2025-2027:0010"}
    before = open_store(path).conn.execute("SELECT status FROM units WHERE key = ?", [body["key"]]).fetchone()
    for headers in ({"Host": HOST}, {"Host": HOST, "X-CSRF-Token": "forged"},
                    {"Host": HOST, "X-CSRF-Token": token, "Origin": "http://127.0.0.1:9999"},
                    {"Host": HOST, "X-CSRF-Token": token, "Sec-Fetch-Site": "cross-site"}):
        r = client.post("/api/unit", json=body, headers=headers)
        assert r.status_code == 403 and r.json["ok"] is False
    # a form post (what a page of another site can send without JavaScript) is refused too
    assert client.post("/api/unit", data=body, headers={"Host": HOST}).status_code == 403
    after = open_store(path).conn.execute("SELECT status FROM units WHERE key = ?", [body["key"]]).fetchone()
    assert after == before
    version = re.search(r'data-key="%s" data-version="([^"]+)"' % body["key"],
                        client.get(f"/align?pair={body['key'].split(':')[0]}", headers={"Host": HOST})
                        .get_data(as_text=True)).group(1)
    ok = client.post("/api/unit", json={**body, "seen": {body["key"]: version}},
                     headers={"Host": HOST, "X-CSRF-Token": token, "Origin": f"http://{HOST}"})
    assert ok.status_code == 200, ok.json
    assert open_store(path).conn.execute("SELECT status FROM units WHERE key = ?",
                                         [body["key"]]).fetchone() == ("reviewed",)
    # another browser session has another token
    other = _app(path).test_client()
    assert _csrf(other) != token
    assert other.post("/api/unit", json=body, headers={"Host": HOST, "X-CSRF-Token": token}).status_code == 403


def test_access_token(plan_memory):
    app = _app(plan_memory, host="0.0.0.0", token="s3cret-token")
    client = app.test_client()
    # any Host name (a wildcard bind), but nothing without the token
    assert client.get("/", headers={"Host": "laptop.lan:8765"}).status_code == 401
    assert client.get("/?token=wrong", headers={"Host": "laptop.lan:8765"}).status_code == 401
    r = client.get("/align?token=s3cret-token&low=1", headers={"Host": "laptop.lan:8765"})
    assert r.status_code == 302 and r.headers["Location"] == "/align?low=1"      # the token leaves the address
    assert client.get("/", headers={"Host": "laptop.lan:8765"}).status_code == 200  # the session remembers
    script = app.test_client()
    assert script.get("/", headers={"Host": "x:8765", "Authorization": "Bearer s3cret-token"}).status_code == 200
    assert script.get("/", headers={"Host": "x:8765", "Authorization": "Bearer nope"}).status_code == 401
    assert script.post("/api/unit", json={"action": "mark", "key": "nope:0001"},
                       headers={"Host": "x:8765", "Authorization": "Bearer nope"}).status_code == 401
    # a script with the token needs no CSRF token (no browser adds the header by itself)
    r = script.post("/api/unit", json={"action": "mark", "key": "nope:0001"},
                    headers={"Host": "x:8765", "Authorization": "Bearer s3cret-token"})
    assert r.status_code == 400 and r.json["error"] == "no unit nope:0001"


def test_security_headers(plan_memory):
    r = _app(plan_memory).test_client().get("/align", headers={"Host": HOST})
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Cache-Control"] == "no-store"
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_pages_have_no_inline_script_and_no_outside_address(plan_memory):
    client = _app(plan_memory).test_client()
    for url in ("/", "/align", "/terms", "/findings", "/search?q=%E5%BA%B7%E5%85%BB"):
        page = client.get(url, headers={"Host": HOST}).get_data(as_text=True)
        assert re.findall(r"<script\b[^>]*>", page) == ['<script src="/static/workbench.js" defer>']
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
        assert " on" + "click=" not in page and "style=" not in page

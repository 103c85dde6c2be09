"""The JSON API of `tm serve` (tm/serve/api.py): the same answers as the commands, the
access rules, JSON errors; Flask's test client, and one real Waitress server over HTTP."""

import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tm import open_store
from tm.serve import api, create_app, make_server, stop
from _units import CODED_TMX

HOST = "127.0.0.1:8765"
PLAN = "tianjin-ai-action-plan-2025-2027"
TOKEN = "s3cret-t0ken-for-tests"


@pytest.fixture
def plan(plan_on_both):
    """The plan's database, an SQLite file or PostgreSQL: the API answers alike on either."""
    return plan_on_both


def _app(path, **kw):
    from glossary.workbench import panel
    kw.setdefault("panels", {"glossary": panel})
    return create_app(path, **kw)


class Client:
    """A script's requests: the Host header, a bearer token when given, no cookies kept."""

    def __init__(self, path, token=None, **kw):
        self.client = _app(path, token=token, **kw).test_client(use_cookies=False)
        self.token = token

    def headers(self, extra=None):
        h = {"Host": HOST}
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        return {**h, **(extra or {})}

    def get(self, url, status=200, headers=None):
        r = self.client.get(url, headers=self.headers(headers))
        assert r.status_code == status, r.get_data(as_text=True)[:500]
        assert r.is_json, r.get_data(as_text=True)[:200]
        return r.json

    def post(self, url, body, status=200, headers=None):
        r = self.client.post(url, json=body, headers=self.headers(headers))
        assert r.status_code == status, r.get_data(as_text=True)[:500]
        assert r.is_json
        return r.json


def _cli(runner, cli, *args):
    result = runner.invoke(cli, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


# --------------------------------------------------------------------------- the same answers as the commands

def test_match_answers_as_tm_match(plan, runner):
    from tm.cli import cli

    db = open_store(plan)
    zh, en = db.conn.execute("SELECT zh, en FROM units WHERE zh != '' AND en != '' AND length(zh) > 20 "
                             "ORDER BY position LIMIT 1 OFFSET 10").fetchone()
    query_zh, query_en = zh[:-3] + "。", en.replace(" the ", " a ", 1)
    res = Client(plan).post("/api/match", {"segments": [query_zh, query_en], "min": 50, "limit": 3})
    assert res["ok"] is True and [r["source"] for r in res["results"]] == ["zh", "en"]
    for r, q in zip(res["results"], (query_zh, query_en)):
        expected = json.loads(_cli(runner, cli, "--db", str(plan), "match", q, "--min", "50", "--limit", "3",
                                   "--format", "json"))
        assert r["segment"] == q and r["matches"]
        assert [(m["score"], m["key"], m["zh"], m["en"], m["status"]) for m in r["matches"]] == \
            [(e["score"], e["key"], e["zh"], e["en"], e["status"]) for e in expected]
    assert res["results"][0]["matches"][0]["zh"] == zh
    # one segment, the side given, nothing found above the cut
    res = Client(plan).post("/api/match", {"segment": "完全无关的一句话。", "source": "zh", "min": 95})
    assert res["results"] == [{"segment": "完全无关的一句话。", "source": "zh", "matches": []}]


def test_search_answers_as_tm_search(plan, runner):
    from tm.cli import cli

    res = Client(plan).get("/api/search?q=%E5%BA%B7%E5%85%BB")          # 康养
    expected = json.loads(_cli(runner, cli, "--db", str(plan), "search", "康养", "--format", "json"))
    assert res["lang"] == "zh" and res["hits"] == expected
    assert all(h["zh"][a:b] == "康养" for h in res["hits"] for a, b in h["spans"])
    res = Client(plan).get("/api/search?q=computing+power&limit=2")
    assert res["lang"] == "en" and len(res["hits"]) == 2




def test_match_and_search_show_inline_codes_as_the_commands_do(runner, tmp_path):
    """The API sent the private-use characters that stand for inline codes
    ("\U00100004Note\U00100005: …") where `tm match`/`tm search --format json` write
    {1}Note{/1}, with the spans counted in that text."""
    from tm.cli import cli

    db = tmp_path / "c.db"
    (tmp_path / "c.tmx").write_text(CODED_TMX, encoding="utf-8")
    assert runner.invoke(cli, ["--db", str(db), "import", str(tmp_path / "c.tmx")]).exit_code == 0
    client = Client(db)
    for query, lang in (("算力", "zh"), ("computing", "en")):
        res = client.get(f"/api/search?q={urllib.parse.quote(query)}")
        expected = json.loads(_cli(runner, cli, "--db", str(db), "search", query, "--format", "json"))
        assert res["hits"] == expected and res["hits"][0]["zh"] == "{1}注意{/1}：算力平台"
        assert [h[lang][a:b] for h in res["hits"] for a, b in h["spans"]] == [query]
    res = client.post("/api/match", {"segment": "注意：算力平台", "min": 50})
    expected = json.loads(_cli(runner, cli, "--db", str(db), "match", "注意：算力平台", "--min", "50",
                               "--format", "json"))
    assert [(m["score"], m["key"], m["zh"], m["en"]) for m in res["results"][0]["matches"]] == \
        [(e["score"], e["key"], e["zh"], e["en"]) for e in expected]
    assert res["results"][0]["matches"][0]["en"] == "{1}Note{/1}: computing power platform"


def test_lookup_through_the_glossary_panel(plan, runner):
    from glossary.cli import cli

    res = Client(plan).get("/api/lookup?q=kangyang&limit=3")
    [expected] = json.loads(_cli(runner, cli, "--db", str(plan), "lookup", "kangyang", "--limit", "1",
                                 "--format", "json"))
    first = res["terms"][0]
    assert (first["zh"], first["pinyin"], first["status"], first["how"]) == \
        ("康养", expected["entry"]["pinyin"], expected["entry"]["status"], expected["how"])
    assert first["approved"] == expected["entry"]["approved"]
    assert first["used"] == [{"en": u["en"], "count": u["count"]} for u in expected["used"]]
    assert Client(plan).get("/api/lookup?q=zzzzqqqq")["terms"] == []


def test_qa_of_posted_segments_answers_as_glossary_qa(plan, runner, tmp_path):
    from glossary.cli import cli

    segments = [{"id": "a1", "zh": "推进人工智能+康养行动。", "en": "Advance the AI + Health Care action."},
                {"id": "a2", "zh": "2025年建成10个平台。", "en": "Build 12 platforms by 2025."}]
    res = Client(plan).post("/api/qa", {"segments": segments})
    sheet = tmp_path / "new.tsv"
    sheet.write_text("id\tzh\ten\n" + "".join(f"{s['id']}\t{s['zh']}\t{s['en']}\n" for s in segments),
                     encoding="utf-8")
    expected = [json.loads(line) for line in
                _cli(runner, cli, "--db", str(plan), "qa", str(sheet), "--format", "jsonl").splitlines()]
    assert res["findings"] == expected
    checks = {(f["id"], f["check"]) for f in res["findings"]}
    assert ("a1", "forbidden-term") in checks and ("a2", "number") in checks
    # one pair, without ids; a check left out
    res = Client(plan).post("/api/qa", {"zh": "2025年建成10个平台。", "en": "Build 12 platforms by 2025.",
                                        "skip": []})
    assert {(f["id"], f["check"]) for f in res["findings"]} >= {("1", "number")}
    res = Client(plan).post("/api/qa", {"segments": segments, "skip": ["number"]})
    assert all(f["check"] != "number" for f in res["findings"])


# --------------------------------------------------------------------------- errors are JSON with a status

def test_bad_requests_are_json_errors(plan):
    c = Client(plan)
    assert c.post("/api/match", {}, status=400)["error"] == "give 'segment' or 'segments' (a list), one of the two"
    assert c.post("/api/match", {"segment": "  "}, status=400)["error"] == "segment: a non-empty text is needed"
    assert c.post("/api/match", {"segment": "x", "min": 101}, status=400)["error"] == \
        "min: a number from 0 to 100 is needed"
    assert c.post("/api/match", {"segment": "x", "source": "fr"}, status=400)["error"] == "source: zh or en"
    assert c.post("/api/match", {"segments": ["x"] * (api.MAX_SEGMENTS + 1)}, status=413)["ok"] is False
    assert c.get("/api/search", status=400)["error"] == "q: a non-empty text is needed"
    assert c.get("/api/search?q=x&limit=abc", status=400)["error"] == "limit: a number from 1 to 500 is needed"
    assert c.post("/api/qa", {"zh": "中文。", "en": 5}, status=400)["error"] == \
        "segment 1: zh and en must be texts (en may be empty)"
    assert "unknown check 'spelling'" in c.post("/api/qa", {"zh": "中文。", "en": "x", "checks": ["spelling"]},
                                                status=400)["error"]
    r = c.client.post("/api/match", data="not json", headers={"Host": HOST, "Content-Type": "application/json"})
    assert (r.status_code, r.json["error"]) == (400, "the body must be a JSON object")
    r = c.client.post("/api/match", data='{"segment": "x"}', headers={"Host": HOST, "Content-Type": "text/plain"})
    assert r.status_code == 415 and r.json["ok"] is False
    assert c.get("/api/match", status=405)["ok"] is False
    assert c.get("/api/nothing-here", status=404)["ok"] is False
    r = c.client.post("/api/match", data=b"[" + b'"x",' * 400_000 + b'"x"]',
                      headers={"Host": HOST, "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json["ok"] is False
    # without the term base's panel: lookup and QA say so, match still works
    bare = Client(plan, panels={})
    assert bare.get("/api/lookup?q=x", status=501)["error"] == "the term base is not installed (no glossary panel)"
    assert bare.post("/api/qa", {"zh": "中文。", "en": "x"}, status=501)["ok"] is False
    assert bare.post("/api/match", {"segment": "中文。"})["ok"] is True


# --------------------------------------------------------------------------- access

def test_with_a_token_every_request_needs_the_bearer_header(plan):
    c = Client(plan, token=TOKEN)
    assert c.post("/api/match", {"segment": "康养"})["ok"] is True          # no CSRF token needed
    r = c.client.post("/api/match", json={"segment": "康养"}, headers={"Host": HOST})
    assert r.status_code == 401 and r.json["ok"] is False
    assert r.headers["WWW-Authenticate"] == 'Bearer realm="tm serve"'
    for wrong in ("Bearer nope", f"Bearer {TOKEN}x", f"Basic {TOKEN}", "Bearer "):
        r = c.client.get("/api/search?q=x", headers={"Host": HOST, "Authorization": wrong})
        assert r.status_code == 401, wrong
    # the Host check still applies (DNS rebinding), token or not
    assert c.get("/api/search?q=x", status=400, headers={"Host": "evil.example:8765"})["ok"] is False
    # a browser session opened with ?token= is not enough for the API
    browser = _app(plan, token=TOKEN).test_client()
    assert browser.get(f"/?token={TOKEN}", headers={"Host": HOST}).status_code == 302
    assert browser.get("/", headers={"Host": HOST}).status_code == 200
    assert browser.get("/api/search?q=x", headers={"Host": HOST}).status_code == 401


def test_without_a_token_other_origins_are_refused(plan):
    c = Client(plan)
    assert c.post("/api/match", {"segment": "康养"})["ok"] is True          # a local script
    assert c.post("/api/match", {"segment": "康养"}, status=403,
                  headers={"Origin": "http://evil.example"})["error"] == "request from another origin"
    assert c.get("/api/search?q=x", status=403, headers={"Sec-Fetch-Site": "cross-site"})["ok"] is False
    assert c.post("/api/match", {"segment": "康养"}, headers={"Origin": f"http://{HOST}"})["ok"] is True
    assert c.get("/api/search?q=x", status=400, headers={"Host": "evil.example:8765"})["ok"] is False
    # the page's actions keep their CSRF rule: a script without the session's token is refused
    assert c.post("/api/undo", {}, status=403)["ok"] is False


def test_a_real_server_over_http(plan):
    from glossary.workbench import panel

    app = create_app(plan, panels={"glossary": panel}, port=0, token=TOKEN)
    server = make_server(app, port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.effective_port}"

    def call(path, body=None, token=TOKEN):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        req = urllib.request.Request(url + path, headers=headers, method="POST" if body is not None else "GET",
                                     data=json.dumps(body).encode("utf-8") if body is not None else None)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, r.headers["Content-Type"], json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, e.headers["Content-Type"], json.loads(e.read())

    try:
        status, ctype, res = call("/api/qa", {"zh": "推进人工智能+康养行动。", "en": "Advance the AI + Health Care action."})
        assert (status, ctype) == (200, "application/json")
        assert "forbidden-term" in {f["check"] for f in res["findings"]}
        status, _, res = call("/api/lookup?q=%E5%BA%B7%E5%85%BB")
        assert status == 200 and res["terms"][0]["zh"] == "康养"
        status, _, res = call("/api/match", {"segment": "康养"}, token=None)
        assert (status, res["ok"]) == (401, False)
        status, _, res = call("/api/match", {"segment": "康养"}, token="wrong")
        assert (status, res["error"]) == (401, "wrong access token")
    finally:
        stop(server, thread)
    # stopped from this thread: the loop ended, the workers are gone, the port is closed
    assert not thread.is_alive() and not server.task_dispatcher.threads
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "/api/search?q=x", timeout=5)


def test_the_qa_memory_lookup_equals_glossary_qa_s(plan):
    """POST /api/qa reads the memory's translations with tm.translations_of (SQL, no unit
    objects); it must give what glossary qa's memory_lookup gives, repeats and order included."""
    from glossary.qa.run import memory_lookup
    from tm import TranslationUnit, import_units, translations_of

    db = open_store(plan)
    zh = db.conn.execute("SELECT zh FROM units WHERE zh != '' AND en != '' LIMIT 1 OFFSET 5").fetchone()[0]
    import_units(db, [TranslationUnit(zh=zh, en="Another translation of it."),
                      TranslationUnit(zh="只有中文。", en="")])
    sources = [z for (z,) in db.conn.execute("SELECT zh FROM units")] + ["不在记忆库里的句子。", ""]
    reference = memory_lookup(db, sources)
    found = translations_of(db, sources)
    assert len(found[zh]) == 2
    assert all(found.get(s, []) == reference(s) for s in sources)
    assert "只有中文。" not in found and translations_of(db, []) == {}


def test_a_lone_surrogate_in_a_body_is_refused_naming_the_field(plan):
    """JSON may escape half of a UTF-16 pair ("\\ud800"), which Python decodes to a string
    no database or encoder accepts: every endpoint that reads a body refuses it with 400 and
    the field's name, over real HTTP (a script with the token; the page's actions too), and
    nothing is written."""
    from glossary.workbench import panel

    app = create_app(plan, panels={"glossary": panel}, port=0, token=TOKEN)
    server = make_server(app, port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.effective_port}"
    key = f"{PLAN}:0040"
    before = open_store(plan).conn.execute("SELECT * FROM units ORDER BY id").fetchall()

    def call(path, raw: str):
        req = urllib.request.Request(url + path, data=raw.encode("ascii"), method="POST", headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    try:
        for path, raw, field in [
                ("/api/unit", '{"action": "edit", "key": "%s", "en": "\\ud800"}' % key, "en"),
                ("/api/undo", '{"pair": "\\ud800"}', "pair"),
                ("/api/match", '{"segment": "\\udfff\\u5eb7"}', "segment"),
                ("/api/qa", '{"segments": [{"zh": "\\u5eb7", "en": "ok"}, {"zh": "\\ud800", "en": "x"}]}',
                 "segments[1].zh"),
                ("/api/term", '{"action": "approve-many", "zh": ["\\u5eb7", "\\ud83d"]}', "zh[1]"),
                ("/api/finding", '{"action": "ignore", "id": "x", "reason": "\\ud800"}', "reason")]:
            status, res = call(path, raw)
            assert (status, res["ok"]) == (400, False), (path, res)
            assert res["error"].startswith(f"{field}: not valid text"), (path, res)
        # a pair written whole is a character, and is accepted
        status, res = call("/api/match", '{"segment": "\\ud83d\\ude00 \\u5eb7\\u517b"}')
        assert status == 200 and res["results"][0]["segment"] == "\U0001F600 康养"
    finally:
        stop(server, thread)
    assert open_store(plan).conn.execute("SELECT * FROM units ORDER BY id").fetchall() == before


def test_match_offers_a_translation_with_its_numbers_adjusted(tmp_path):
    from tm.memory.store import import_units
    from tm.models import TranslationUnit
    path = tmp_path / "m.db"
    import_units(open_store(path), [TranslationUnit(zh="到2025年，建成10个示范区。",
                                                    en="By 2025, build 10 demonstration zones.", key="m:1")])
    res = Client(path).post("/api/match", {"segment": "到2026年，建成12个示范区。"})
    assert res["results"][0]["matches"][0]["adjusted"] == "By 2026, build 12 demonstration zones."

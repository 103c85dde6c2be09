"""The workbench's JSON API for scripts and CAT-tool plugins: one server for a team.

===========================  ============================================================
``POST /api/match``          fuzzy matches of posted segments (``tm match``)
``GET  /api/search?q=``      concordance: units containing a text (``tm search``)
``GET  /api/lookup?q=``      the term base (``glossary lookup``; through the glossary panel)
``POST /api/qa``             QA findings of posted zh/en pairs (``glossary qa``; the panel)
===========================  ============================================================

Each calls the library function behind the command named, and answers as the command's
``--format json`` does: memory text with its inline codes written ``{1}…{/1}``, ``{2/}``
(as every command and page shows them), spans counted in that text. ``tm`` never imports
``glossary``: look-up and QA go through the panel that ``glossary`` declares (see
:mod:`tm.serve.panels`). Every answer is JSON: ``{"ok": true, …}``, or
``{"ok": false, "error": "…"}`` with the status code saying why (400 bad request, 401
no or wrong token, 403 another origin, 404, 405, 413 too large, 415 not JSON, 501 the
term base is not installed).

Access (:func:`refusal`, called by the app's guard after the ``Host`` check, which
applies to these requests as to every other): when the server has an access token
(``--token``, required off loopback) every request needs ``Authorization: Bearer
TOKEN`` (compared in constant time; a session cookie is not enough). Without a token
(bound to loopback) a request naming another origin is refused. These endpoints change
nothing, so they need no CSRF token; a ``POST`` must be ``application/json`` (a page of
another site cannot send that without a CORS preflight this server never answers).
"""

from __future__ import annotations

import re
from dataclasses import asdict

from flask import Blueprint, current_app, jsonify, request

from tm.errors import ToolError
from tm.memory.fuzzy import detect_lang
from tm.memory.match import match, numbers_adjusted
from tm.memory.search import search
from tm.serve import security
from tm.text.codes import display, display_offset

NAME = "api"
MAX_SEGMENTS = 100          # segments per request
MAX_TEXT = 10_000           # characters per segment or query

bp = Blueprint(NAME, __name__, url_prefix="/api")


class ApiError(ToolError):
    """A request the API refuses, with its HTTP status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def refusal(settings, method: str, headers) -> tuple[int, str] | None:
    """Why an API request must be refused — ``(status, message)`` — or ``None``."""
    if settings.token is not None:
        auth = headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return 401, "this server needs its access token: send Authorization: Bearer TOKEN"
        if not security.tokens_equal(auth[7:].strip(), settings.token):
            return 401, "wrong access token"
    else:
        if headers.get("Sec-Fetch-Site") == "cross-site":
            return 403, "cross-site request"
        origin = headers.get("Origin")
        if origin is not None and not security.same_origin(origin, headers.get("Host")):
            return 403, "request from another origin"
    if method == "POST" and (headers.get("Content-Type") or "").split(";")[0].strip().lower() != "application/json":
        return 415, "send the request body as JSON (Content-Type: application/json)"
    return None


def _db():
    return current_app.config["TM_DB"]()


def _panel():
    panel = current_app.extensions["tm.serve"].panels.get("glossary")
    if panel is None:
        raise ApiError("the term base is not installed (no glossary panel)", 501)
    return panel


def json_object(message: str = "the body must be a JSON object") -> dict:
    """The request's JSON body, which must be an object: the one place every endpoint
    (these and the page's actions) reads a body. JSON may escape half of a UTF-16 pair
    (``"\\ud800"``); Python decodes that to a string no encoder or database takes, so
    such a body is refused here, naming the field, before anything reads it."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(message)
    where = _lone_surrogate(data, "")
    if where is not None:
        field, ch = where
        field = field.encode("utf-8", "backslashreplace").decode("utf-8")     # a key may be the culprit
        raise ApiError(f"{field or 'the body'}: not valid text (a lone surrogate, U+{ord(ch):04X}; "
                       "a character outside the BMP is sent as a whole pair)")
    return data


_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(value, path: str) -> tuple[str, str] | None:
    """``(field, character)`` of the first lone surrogate in ``value``, a decoded JSON
    value (walked without recursion: a deeply nested body cannot exhaust the stack)."""
    stack = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                return where, found.group()
        elif isinstance(item, dict):
            for k, v in reversed(list(item.items())):
                name = k if not where else f"{where}.{k}"
                stack += [(name, v), (name, k)]
        elif isinstance(item, list):
            stack += [(f"{where}[{n}]", v) for n, v in reversed(list(enumerate(item)))]
    return None


def _text(value, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ApiError(f"{name}: a non-empty text is needed")
    if len(value) > MAX_TEXT:
        raise ApiError(f"{name}: too long ({len(value)} characters, at most {MAX_TEXT})")
    return value


def _number(value, name: str, default, lo, hi, kind=int):
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise ApiError(f"{name}: a number from {lo} to {hi} is needed")
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise ApiError(f"{name}: a number from {lo} to {hi} is needed") from None
    if kind is int and isinstance(value, float) and value != number:
        raise ApiError(f"{name}: a whole number is needed")
    if not lo <= number <= hi:
        raise ApiError(f"{name}: a number from {lo} to {hi} is needed")
    return number


def _lang(value, name: str) -> str | None:
    if value in (None, ""):
        return None
    if value not in ("zh", "en"):
        raise ApiError(f"{name}: zh or en")
    return value


def _list(data: dict, many: str, one: str) -> list:
    if (many in data) == (one in data):
        raise ApiError(f"give {one!r} or {many!r} (a list), one of the two")
    if one in data:
        return [data[one]]
    items = data[many]
    if not isinstance(items, list) or not items:
        raise ApiError(f"{many}: a non-empty list is needed")
    if len(items) > MAX_SEGMENTS:
        raise ApiError(f"{many}: at most {MAX_SEGMENTS} a request ({len(items)} sent)", 413)
    return items


@bp.post("/match")
def match_segments():
    """``{"segment": TEXT}`` or ``{"segments": [TEXT, …]}``, optional ``source`` (zh/en,
    default: detected per segment), ``min`` (percent, default 70), ``limit`` (default 5)."""
    data = json_object()
    texts = [_text(t, "segment") for t in _list(data, "segments", "segment")]
    source = _lang(data.get("source"), "source")
    min_score = _number(data.get("min"), "min", 70.0, 0, 100, float)
    limit = _number(data.get("limit"), "limit", 5, 1, 100)
    db = _db()
    results = []
    for text in texts:
        lang = source or detect_lang(text)
        other = "en" if lang == "zh" else "zh"
        found = match(db, text, source=lang, min_score=min_score, limit=limit)
        matches = []
        for m in found:
            row = {"score": round(m.score, 1), "key": m.unit.key, lang: display(getattr(m.unit, lang)),
                   other: display(getattr(m.unit, other)), "status": m.unit.status}
            adjusted = numbers_adjusted(text, getattr(m.unit, lang), getattr(m.unit, other), lang)
            if adjusted is not None:
                row["adjusted"] = display(adjusted)
            matches.append(row)
        results.append({"segment": text, "source": lang, "matches": matches})
    return jsonify({"ok": True, "results": results})


@bp.get("/search")
def concordance():
    """``?q=TEXT`` (``lang`` zh/en, default detected; ``limit``, default 20)."""
    q = _text(request.args.get("q"), "q")
    lang = _lang(request.args.get("lang"), "lang")
    limit = _number(request.args.get("limit"), "limit", 20, 1, 500)
    hits = search(_db(), q, lang=lang, limit=limit)
    return jsonify({"ok": True, "query": q, "lang": lang or detect_lang(q), "hits": [
        {"key": h.unit.key, "zh": display(h.unit.zh), "en": display(h.unit.en), "status": h.unit.status,
         "lang": h.lang, "spans": _shown_spans(getattr(h.unit, h.lang), h.spans)} for h in hits]})


def _shown_spans(text: str, spans) -> list[list[int]]:
    """``spans`` of ``text`` counted in the text as shown, codes written ``{1}…{/1}``."""
    return [[display_offset(text, a), display_offset(text, b)] for a, b in spans]


@bp.get("/lookup")
def lookup():
    """``?q=`` Chinese, pinyin (with or without tones, or initials) or English; ``limit`` (default 5)."""
    q = _text(request.args.get("q"), "q")
    limit = _number(request.args.get("limit"), "limit", 5, 1, 100)
    terms = []
    for view in _panel().lookup(_db(), q, limit=limit):
        term = asdict(view)
        term["used"] = [{"en": r.en, "count": r.count} for r in view.used]
        terms.append(term)
    return jsonify({"ok": True, "query": q, "terms": terms})


@bp.post("/qa")
def qa():
    """``{"zh": …, "en": …}`` or ``{"segments": [{"id": …, "zh": …, "en": …}, …]}``;
    optional ``checks`` / ``skip`` (lists of check names, as ``glossary qa``)."""
    data = json_object()
    if "segments" in data and ("zh" in data or "en" in data):
        raise ApiError("give 'zh' and 'en', or 'segments', not both")
    items = data["segments"] if "segments" in data else [{"zh": data.get("zh"), "en": data.get("en")}]
    if not isinstance(items, list) or not items:
        raise ApiError("segments: a non-empty list is needed")
    if len(items) > MAX_SEGMENTS:
        raise ApiError(f"segments: at most {MAX_SEGMENTS} a request ({len(items)} sent)", 413)
    segments = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ApiError(f"segment {n}: an object with zh and en is needed")
        zh, en = item.get("zh"), item.get("en")
        if not isinstance(zh, str) or not isinstance(en, str):
            raise ApiError(f"segment {n}: zh and en must be texts (en may be empty)")
        if not zh.strip():
            raise ApiError(f"segment {n}: zh: a non-empty text is needed")
        if len(zh) > MAX_TEXT or len(en) > MAX_TEXT:
            raise ApiError(f"segment {n}: too long (at most {MAX_TEXT} characters a side)")
        sid = item.get("id", str(n))
        if not isinstance(sid, (str, int)) or isinstance(sid, bool):
            raise ApiError(f"segment {n}: id must be a text or a number")
        segments.append((str(sid), zh, en))
    names = {}
    for name in ("checks", "skip"):
        value = data.get(name)
        if value is not None and (not isinstance(value, list) or not all(isinstance(v, str) for v in value)):
            raise ApiError(f"{name}: a list of check names is needed")
        names[name] = value
    report = _panel().qa(_db(), segments, checks=names["checks"], skip=names["skip"] or ())
    return jsonify({"ok": True, "findings": report.findings, "ignored": report.ignored, "note": report.note})


@bp.errorhandler(ToolError)
def tool_error(exc):
    return jsonify({"ok": False, "error": str(exc)}), getattr(exc, "status", 400)

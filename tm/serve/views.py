"""The workbench's pages and JSON actions (registered on the app by :func:`register`).

Pages: ``/`` (document pairs), ``/align`` (a pair's beads, paged), ``/terms``,
``/findings``, ``/search``. Actions: ``POST /api/unit``, ``/api/undo``,
``/api/term``, ``/api/finding`` with a JSON body; each answers
``{"ok": true, "message": …}`` or ``{"ok": false, "error": …}`` with status 400.
"""

from __future__ import annotations

import secrets

from flask import abort, jsonify, make_response, redirect, render_template, request, session, url_for

from tm.errors import ToolError
from tm.memory.edit import resolve
from tm.memory.fuzzy import detect_lang
from tm.memory.match import highlight as diff_pieces
from tm.memory.match import match, numbers_adjusted
from tm.memory.search import search
from tm.serve import actions, api, queries

TERMS_PAGE = 50


def _int(name: str, default: int, lo: int = 0, hi: int = 10**9) -> int:
    try:
        return max(lo, min(hi, int(request.args.get(name, default))))
    except ValueError:
        return default


def _body() -> dict:
    return api.json_object("the request needs a JSON object")


def _text(data: dict, name: str, *, required: bool = True, limit: int = 100_000) -> str | None:
    value = data.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip() and name not in ("en", "zh")):
        raise ToolError(f"{name}: a text is needed")
    if len(value) > limit:
        raise ToolError(f"{name}: too long ({len(value)} characters)")
    return value


def _browser() -> str | None:
    """This browser session's id (its changes are its own to undo); ``None`` for a script
    (a request with the access token has no session)."""
    if "csrf" not in session:
        return None
    if "browser" not in session:
        session["browser"] = secrets.token_urlsafe(12)
    return session["browser"]


def register(app, settings, db) -> None:
    panels = settings.panels
    own = actions.OwnChanges()

    @app.get("/")
    def index():
        return render_template("index.html", pairs=queries.pair_summaries(db(), below=settings.below))

    # ------------------------------------------------------------------ alignment

    @app.get("/align")
    def align():
        conn = db()
        pair = request.args.get("pair")
        if not pair:
            names = queries.pair_names(conn)
            if not names:
                return render_template("index.html", pairs=[])
            pair = names[0]
        low = request.args.get("low") == "1"
        limit = _int("limit", queries.PAGE, 10, 500)
        offset = _int("offset", 0)
        at = request.args.get("at")
        if at:
            found = queries.locate(conn, pair, at, limit=limit, low_only=low, below=settings.below)
            if found is None and low:       # not in the filtered view: show it in document order
                low = False
                found = queries.locate(conn, pair, at, limit=limit, below=settings.below)
            if found is not None:
                offset = found
        try:
            page = queries.bead_page(conn, pair, offset=offset, limit=limit, low_only=low, below=settings.below)
        except KeyError:
            abort(404, f"no document pair {pair!r}")
        if request.args.get("fragment") == "row" and at:       # one unit changed in place (edit, mark)
            row = queries.bead(conn, pair, at)
            if row is None:
                abort(404, f"no unit {at!r} in {pair!r}")
            page = queries.BeadPage(pair=pair, rows=[row], offset=0, limit=1, total=1)
            return render_template("_rows.html", page=page, at=at)
        if request.args.get("fragment") == "rows":
            response = make_response(render_template("_rows.html", page=page, at=at))
            response.headers["X-Page-Offset"] = str(page.offset)
            return response
        page.pairs = queries.pair_names(conn)
        return render_template("align.html", page=page, at=at)

    @app.post("/api/unit")
    def unit_action():
        data = _body()
        key = _text(data, "key")
        act = _text(data, "action")
        result = actions.apply(db(), act, key, data, by=settings.user)
        browser = _browser()
        if browser is not None and result["change"] is not None:
            own.add(browser, result["change"])
        return jsonify({"ok": True, **result})

    @app.post("/api/undo")
    def undo():
        data = _body()
        pair = _text(data, "pair", required=False)
        browser = _browser()
        return jsonify({"ok": True, **actions.undo(db(), by=settings.user, pair=pair or None,
                                                   own=own.of(browser) if browser is not None else None)})

    # ------------------------------------------------------------------ search

    @app.get("/search")
    def search_page():
        q = (request.args.get("q") or "").strip()[:500]
        conn = db()
        hits, matches, terms = [], [], []
        if q:
            lang = detect_lang(q)
            hits = search(conn, q, lang=lang, limit=_int("limit", 20, 1, 200))
            other = "en" if lang == "zh" else "zh"
            for m in match(conn, q, source=lang, min_score=_int("min", 60, 0, 100), limit=10):
                src = getattr(m.unit, lang)
                spans, pos = [], 0
                for piece, changed in diff_pieces(q, src, lang):
                    if changed:
                        spans.append((pos, pos + len(piece)))
                    pos += len(piece)
                matches.append({"unit": m.unit, "score": m.score, "lang": lang, "other": other,
                                "src": src, "spans": spans, "target": getattr(m.unit, other),
                                "adjusted": numbers_adjusted(q, src, getattr(m.unit, other), lang)})
            if "glossary" in panels:
                terms = panels["glossary"].lookup(conn, q, limit=5)
        return render_template("search.html", q=q, hits=hits, matches=matches, terms=terms)

    # ------------------------------------------------------------------ terms (a panel)

    def panel(name: str):
        if name not in panels:
            abort(404, f"the {name} views are not installed")
        return panels[name]

    @app.get("/terms")
    def terms():
        gl = panel("glossary")
        args = {"status": request.args.get("status") or None, "kind": request.args.get("kind") or None,
                "query": (request.args.get("q") or "").strip()[:200],
                "sort": request.args.get("sort") or "score"}
        page = gl.terms(db(), offset=_int("offset", 0), limit=_int("limit", TERMS_PAGE, 10, 500), **args)
        if request.args.get("fragment") == "rows":
            return render_template("_terms_rows.html", page=page)
        return render_template("terms.html", page=page, args=args)

    @app.get("/terms/entry")
    def term_entry():
        detail = panel("glossary").term(db(), request.args.get("zh") or "")
        if detail is None:
            abort(404, "no such term")
        return render_template("_term_detail.html", t=detail)

    @app.post("/api/term")
    def term_action():
        gl = panel("glossary")
        data = _body()
        act = _text(data, "action")
        conn = db()
        if act == "approve-many":
            zhs = data.get("zh")
            if not isinstance(zhs, list) or not zhs or not all(isinstance(z, str) for z in zhs):
                raise ToolError("approve-many: a list of terms is needed")
            return jsonify({"ok": True, "message": gl.approve_many(conn, zhs, who=settings.user)})
        zh = _text(data, "zh")
        if act == "approve":
            renderings = data.get("en") or []
            if isinstance(renderings, str):
                renderings = [renderings]
            if not all(isinstance(r, str) for r in renderings):
                raise ToolError("approve: renderings must be texts")
            message = gl.approve(conn, zh, [r for r in renderings if r.strip()], who=settings.user)
        elif act == "reject":
            message = gl.reject(conn, zh, who=settings.user)
        elif act == "forbid":
            message = gl.forbid(conn, zh, _text(data, "en"), who=settings.user)
        else:
            raise ToolError(f"unknown action {act!r}")
        return jsonify({"ok": True, "message": message})

    # ------------------------------------------------------------------ findings (a panel)

    @app.get("/findings")
    def findings():
        gl = panel("glossary")
        conn = db()
        source = "qa" if request.args.get("source") == "qa" else "check"
        pairs = [name for name in queries.pair_names(conn) if name != queries.NO_PAIR]
        pair = request.args.get("pair") or (pairs[0] if pairs else None)
        report = gl.findings(conn, source=source, pair=pair)
        return render_template("findings.html", report=report, source=source, pair=pair, pairs=pairs)

    @app.post("/api/finding")
    def finding_action():
        gl = panel("glossary")
        data = _body()
        if _text(data, "action") != "ignore":
            raise ToolError("unknown action")
        source = "qa" if data.get("source") == "qa" else "check"
        pair = data.get("pair") if isinstance(data.get("pair"), str) and data.get("pair") else None
        message = gl.ignore(db(), _text(data, "id"), _text(data, "reason", required=False) or "", source=source,
                            pair=pair)
        return jsonify({"ok": True, "message": message})

    @app.get("/unit")
    def unit_page():
        """Jump to a unit by its key (``PAIR:NNNN``): its pair's alignment view, on its page."""
        key = request.args.get("key") or ""
        try:        # PAIR:22 as well as PAIR:0022, as every tm command takes it
            key = resolve(db(), key)
        except ToolError:
            abort(404, f"no unit {key!r}")
        pair = queries.pair_of(db(), key)
        if pair is None:
            abort(404, f"no unit {key!r}")
        return redirect(url_for("align", pair=pair, at=key) + "#u-" + key)

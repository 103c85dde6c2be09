"""The workbench web app (Flask): pages, the JSON actions behind them, and the safety hooks.

:func:`create_app` builds the app over one database file. Pages are rendered on
the server with Jinja2 (autoescaping on: text from the memory always arrives as
text); a small script (``static/workbench.js``) sends each action as a JSON
``POST`` and redraws the rows it changed. Each server thread keeps its own
SQLite connection.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, abort, jsonify, redirect, render_template, request, session, url_for
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from tm.errors import ToolError
from tm.text.codes import display as show_codes
from tm.memory.store import open_store
from tm.serve import api, queries, security
from tm.serve.panels import load_panels

HERE = Path(__file__).resolve().parent


@dataclass
class Settings:
    """What the app was started with."""

    db_path: str | Path                 # a file, or a database URL (kept as given)
    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None            # required from every client when set
    below: float = 0.5                  # low-confidence threshold of the alignment view
    allow_hosts: tuple[str, ...] = ()   # extra names accepted in the Host header
    user: str = "workbench"             # recorded as who made a change
    panels: dict = field(default_factory=dict)


class _Connections(threading.local):
    db = None


def create_app(db_path: str | Path, *, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
               below: float = 0.5, allow_hosts: tuple[str, ...] = (), panels: dict | None = None,
               user: str = "workbench") -> Flask:
    """The workbench over the database at ``db_path`` (which must exist).

    ``host``/``port`` are what the server is bound to (the Host check accepts only
    them); ``token``, when given, is required from every client; ``panels`` default
    to the installed ones (:func:`tm.serve.panels.load_panels`)."""
    settings = Settings(db_path=db_path, host=host, port=port, token=token, below=below,
                        allow_hosts=tuple(allow_hosts), user=user,
                        panels=load_panels() if panels is None else dict(panels))
    open_store(settings.db_path, create=False).conn.close()     # "no such database" before serving
    app = Flask("tm.serve", root_path=str(HERE), template_folder="templates", static_folder="static")
    app.config.update(SECRET_KEY=secrets.token_bytes(32), SESSION_COOKIE_NAME="tm_workbench",
                      SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_HTTPONLY=True,
                      MAX_CONTENT_LENGTH=1 << 20, TEMPLATES_AUTO_RELOAD=False)
    app.json.ensure_ascii = False
    app.json.sort_keys = False          # "ok" first, then the fields in the order the code gives them
    app.extensions["tm.serve"] = settings
    names = security.allowed_names(host, settings.allow_hosts)
    conns = _Connections()

    def db():
        if conns.db is None:
            conns.db = open_store(settings.db_path, create=False)
            for panel in settings.panels.values():
                panel.prepare(conns.db)
        return conns.db

    app.config["TM_DB"] = db

    # ------------------------------------------------------------------ safety hooks

    @app.before_request
    def guard():
        if not security.host_ok(request.headers.get("Host"), names, settings.port):
            return _refuse(400, "this server answers only to the address it was started on")
        if request.blueprint == api.NAME:           # the JSON API for scripts: its own rules
            why = api.refusal(settings, request.method, request.headers)
            if why is None:
                return None
            response = _refuse(*why)
            if why[0] == 401:
                response[0].headers["WWW-Authenticate"] = 'Bearer realm="tm serve"'
            return response
        bearer = request.headers.get("Authorization", "")
        if settings.token is not None and bearer.startswith("Bearer "):
            # a script: this request only, no session; a browser never adds this header by
            # itself, so the request cannot be forged from another page (no CSRF token needed)
            if not security.tokens_equal(bearer[7:], settings.token):
                return _refuse(401, "wrong access token")
            return None
        if settings.token is not None and not session.get("auth"):
            if security.tokens_equal(request.args.get("token"), settings.token) and request.method == "GET":
                session["auth"] = True              # a browser: the session remembers, the address forgets
                args = {k: v for k, v in request.args.items() if k != "token"}
                return redirect(request.path + ("?" + urlencode(args) if args else ""))
            else:
                return _refuse(401, "this workbench needs its access token: open the URL `tm serve` printed")
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(24)
        why = security.csrf_refusal(request.method, request.headers, session.get("csrf"))
        if why:
            return _refuse(403, why)
        return None

    @app.after_request
    def headers(response):
        for k, v in security.HEADERS.items():
            response.headers.setdefault(k, v)
        if not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    # ------------------------------------------------------------------ template helpers

    @app.context_processor
    def globals_():
        return {"csrf_token": session.get("csrf", ""), "panels": settings.panels, "below": settings.below,
                "NO_PAIR": queries.NO_PAIR}

    app.add_template_filter(highlight, "hl")
    # every piece of memory text a page shows writes its inline codes as {1}…{/1}, {2/}
    # (an edit typed back that way keeps them: tm.memory.edit)
    app.jinja_env.finalize = lambda value: show_codes(value) if type(value) is str else value
    app.add_template_filter(lambda c: "–" if c is None else f"{c:.2f}", "conf")

    # ------------------------------------------------------------------ pages

    from tm.serve import views
    views.register(app, settings, db)
    app.register_blueprint(api.bp)

    @app.errorhandler(ToolError)
    def tool_error(exc):                    # 400; 409 (refused: others changed it meanwhile), with what to show
        response = _refuse(getattr(exc, "status", 400), str(exc))
        extra = getattr(exc, "extra", None)
        if extra and request.path.startswith("/api/"):
            response = jsonify({"ok": False, "error": str(exc), **extra}), response[1]
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc):                    # 404, 405, 413…: JSON under /api/, a page elsewhere
        return _refuse(exc.code or 500, exc.description or exc.name)

    return app


def _refuse(status: int, message: str):
    if request.path.startswith("/api/") or request.method != "GET":
        return jsonify({"ok": False, "error": message}), status
    return render_template("error.html", status=status, message=message), status


def highlight(text: str | None, spans=None, css: str = "hit") -> Markup:
    """``text`` escaped, with the ``[start, end)`` spans wrapped in ``<mark>``
    (overlapping spans merged; out-of-range ones clipped)."""
    text = text or ""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, int(s)), min(len(text), int(e))) for s, e in (spans or ()) if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif start < len(text):
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:      # spans count a code as one character: shown after cutting
        out.append(escape(show_codes(text[pos:start])))
        out.append(Markup('<mark class="%s">') % css + escape(show_codes(text[start:end])) + Markup("</mark>"))
        pos = end
    out.append(escape(show_codes(text[pos:])))
    return Markup("").join(out)

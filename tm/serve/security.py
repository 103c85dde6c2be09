"""The workbench's safety rules as plain functions (the Flask hooks in :mod:`tm.serve.app` call them).

* **Host check** (DNS rebinding): a page of another site whose name resolves to
  127.0.0.1 reaches the server with its own name in ``Host``; only the bound
  name (and, on a loopback address, ``localhost``/``127.0.0.1``/``[::1]``) with
  the bound port is accepted.
* **CSRF**: every state-changing request carries the session's token in the
  ``X-CSRF-Token`` header (a page of another origin can make the browser send
  the cookie, not read the token), and a request naming another origin in
  ``Origin`` or ``Sec-Fetch-Site: cross-site`` is refused outright.
* **Access token**: bound to anything but a loopback address, the server
  requires a token (``?token=`` once, then a session cookie; or an
  ``Authorization: Bearer`` header for scripts).
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    """A random URL-safe token (128 bits)."""
    return secrets.token_urlsafe(16)


def split_host(value: str) -> tuple[str, int | None] | None:
    """``Host`` header to ``(name, port)``; names lower-cased, IPv6 without brackets.
    ``None`` when the header is malformed."""
    value = value.strip()
    if not value or any(c.isspace() or c in "/\\@?#" for c in value):
        return None
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[1:end], value[end + 1:]
        if rest and not rest.startswith(":"):
            return None
        port = rest[1:] if rest else None
    else:
        name, sep, port = value.rpartition(":")
        if not sep:
            name, port = value, None
        if ":" in name:
            return None
    if port is not None:
        if not port.isdigit() or not 0 < int(port) < 65536:
            return None
        return name.lower(), int(port)
    return name.lower(), None


def allowed_names(bound: str, extra: tuple[str, ...] = ()) -> frozenset[str] | None:
    """Host names accepted for a server bound to ``bound``; ``None`` means any name
    (a wildcard bind: reachable under names the server cannot know; the access token guards it)."""
    if bound in WILDCARDS:
        return None
    names = {bound.lower().strip("[]"), *(e.lower().strip("[]") for e in extra)}
    if is_loopback(bound):
        names.update(LOOPBACK_NAMES)
    return frozenset(names)


def host_ok(header: str | None, names: frozenset[str] | None, port: int) -> bool:
    """Whether a request's ``Host`` header names this server."""
    parsed = split_host(header or "")
    if parsed is None:
        return False
    name, got_port = parsed
    if got_port is not None and got_port != port:
        return False
    return names is None or name in names


def same_origin(origin: str | None, host_header: str | None) -> bool:
    """Whether an ``Origin`` header (absent or ``null`` counts as foreign) is this server."""
    if not origin or origin == "null":
        return False
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == (host_header or "").lower()


def tokens_equal(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison; an empty or missing token never matches."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def csrf_refusal(method: str, headers, session_token: str | None) -> str | None:
    """Why a request must be refused as possible cross-site request forgery, or ``None``.

    ``headers`` is a mapping with ``get`` (case-insensitive, as Werkzeug's)."""
    if method in ("GET", "HEAD", "OPTIONS"):
        return None
    if headers.get("Sec-Fetch-Site") == "cross-site":
        return "cross-site request"
    origin = headers.get("Origin")
    if origin is not None and not same_origin(origin, headers.get("Host")):
        return "request from another origin"
    if not tokens_equal(headers.get("X-CSRF-Token"), session_token):
        return "missing or wrong CSRF token (reload the page)"
    return None


CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

"""Running the workbench: Waitress, a production WSGI server in pure Python (no
compiler, no network), with a few threads; each keeps its own SQLite connection."""

from __future__ import annotations

import waitress
from waitress.server import create_server


def make_server(app, *, host: str = "127.0.0.1", port: int = 8765, threads: int = 4):
    """A bound server (``port=0`` picks a free one); ``.run()`` serves, ``.close()`` stops.
    The app learns the bound port (its Host check needs it)."""
    server = create_server(app, host=host, port=port, threads=threads, ident="tm-serve",
                           clear_untrusted_proxy_headers=True)
    app.extensions["tm.serve"].port = int(server.effective_port)
    return server


def url_of(server, host: str, token: str | None = None) -> str:
    """The address to open: loopback and wildcard binds are shown as ``127.0.0.1``."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{server.effective_port}/" + (f"?token={token}" if token else "")


__all__ = ["make_server", "url_of", "waitress"]

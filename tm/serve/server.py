"""Running the workbench: Waitress, a production WSGI server in pure Python (no
compiler, no network), with a few threads; each keeps its own SQLite connection."""

from __future__ import annotations

import threading

import waitress
from waitress import wasyncore
from waitress.server import create_server


def make_server(app, *, host: str = "127.0.0.1", port: int = 8765, threads: int = 4):
    """A bound server (``port=0`` picks a free one); ``.run()`` serves, ``.close()`` stops.
    The app learns the bound port (its Host check needs it)."""
    server = create_server(app, host=host, port=port, threads=threads, ident="tm-serve",
                           clear_untrusted_proxy_headers=True)
    app.extensions["tm.serve"].port = int(server.effective_port)
    return server


def stop(server, thread: threading.Thread | None = None, *, timeout: float = 10.0) -> None:
    """Stop a server, from its loop's thread or (given ``thread``, the one running
    ``server.run()``) from another one, and release every descriptor it holds.

    Waitress's own ``close()`` is not safe from another thread: it closes the wake-up
    pipe and the sockets while the loop and the worker threads still use them, and a
    worker finishing a request then writes its wake-up byte to that descriptor number —
    which the process may have given meanwhile to another file, such as a database just
    opened (a test saw its "SQLite format 3" header overwritten with ``x``). So the
    workers are stopped first, and the loop closes its own sockets."""
    server.task_dispatcher.shutdown(timeout=timeout)       # no worker is left to wake the loop

    def close_everything():
        wasyncore.close_all(server._map)                   # the loop ends when its map is empty

    if thread is not None and thread.is_alive() and thread is not threading.current_thread():
        try:
            server.trigger.pull_trigger(close_everything)
        except OSError:
            # the wake-up pipe is closed already: the loop is closing its map itself (seen
            # once in a test run, EBADF); it ends on its own, or the join below says it did not
            pass
        thread.join(timeout)
        if thread.is_alive():
            raise RuntimeError("the workbench server did not stop")
    else:
        close_everything()


def url_of(server, host: str, token: str | None = None) -> str:
    """The address to open: loopback and wildcard binds are shown as ``127.0.0.1``."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{server.effective_port}/" + (f"?token={token}" if token else "")


__all__ = ["make_server", "stop", "url_of", "waitress"]

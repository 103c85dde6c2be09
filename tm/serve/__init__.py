"""The review workbench: a local web app over the database (``tm serve``).

``create_app(db_path, ...)`` builds the Flask app (:mod:`tm.serve.app`);
``make_server(app, host=..., port=...)`` binds it with Waitress
(:mod:`tm.serve.server`); ``stop(server, thread)`` stops it safely from another
thread. This package is the only one that imports the web
framework.
"""

from tm.serve.app import create_app
from tm.serve.server import make_server, stop, url_of

__all__ = ["create_app", "make_server", "stop", "url_of"]

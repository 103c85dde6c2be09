"""Opening the shared database (SQLite file or PostgreSQL URL) and applying named migrations.

``open_database(target)`` picks the backend from the target: a ``postgresql://``
URL opens :class:`tm.pg.Database` (same interface, same SQL: see :mod:`tm.pg`),
anything else is an SQLite file path.

Each package owns its schema as an ordered list of named migrations
(``tm.memory.store.MIGRATIONS``, ``glossary.termbase.store.MIGRATIONS``) and applies them
with :func:`migrate` when it opens the database. Applied migrations are
recorded in ``_migrations`` so a test can pin the schema.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tm.errors import DatabaseError
from tm.memory.shared import id_array, no_gc, up_to_date  # noqa: F401 -- tm.memory.db's names, as before

if TYPE_CHECKING:
    import sqlite_utils

Migration = tuple[str, Callable[["sqlite_utils.Database"], None]]

BUSY_TIMEOUT_MS = 5000
_SQLITE_MAGIC = b"SQLite format 3\x00"


# This tool's mark on its databases (``PRAGMA application_id``: "zhTM") and the layout
# version of the database (``PRAGMA user_version``): a database of a later layout is
# refused with both versions named; migrations within a layout are named in
# ``_migrations``, and one this version does not know also means a newer tool.
APPLICATION_ID = 0x7A68544D
LAYOUT_VERSION = 1
_MIGRATIONS_COLUMNS = ["package", "name", "applied"]


def _header(p: Path) -> bytes:
    """The first 16 bytes of the file, read through SQLite (see :func:`open_database`)."""
    conn = sqlite3.connect(f"file:{_quoted(_file_name(p))}?mode=ro", uri=True,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        return _SQLITE_MAGIC if p.stat().st_size else b""
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            return b"?"
        # cannot even be read here (a full disk, read-only media with no -shm file): leave it
        # to the real connection, which opens read-only where it must and names the problem
        return _SQLITE_MAGIC
    finally:
        conn.close()


def open_database(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (or create) the database at ``path`` in WAL mode, or connect to the
    PostgreSQL database of a ``postgresql://`` URL.

    Raises :class:`DatabaseError` if the file is missing, or the PostgreSQL database has no
    tables (``create=False``), is not an SQLite database, is an SQLite database or a
    PostgreSQL database that another program owns, or was
    written by a newer version of this tool. A database that cannot be written (a
    read-only file or medium) is opened read-only: queries work, writes fail with
    one clear error.
    """
    from . import pg

    if pg.is_url(path):
        db = pg.Database(path)
        tables = set(db.table_names())
        if tables and "_migrations" not in tables:
            db.close()
            raise DatabaseError(f"{pg.safe_url(path)}: a database that was not made by this tool "
                                f"(tables: {', '.join(sorted(tables)[:5])})")
        if not tables and not create:
            # what a missing file is to SQLite: a command that only reads (tm stats, tm copy's
            # SRC, glossary lookup) wrote this tool's schema into it and answered as a memory
            db.close()
            raise DatabaseError(f"{pg.safe_url(path)}: an empty database, no memory yet — create one with "
                                "tm align or tm import")
        return db
    p = Path(path)
    for _ in range(3):
        db = _open_file(p, create)
        if db is not None:
            return db
    raise DatabaseError(f"{p}: removed while being opened, three times; retry")


def open_existing(path: str | Path) -> sqlite_utils.Database | None:
    """The database at ``path`` when there is one to read, else None (nothing is made): an
    SQLite file that exists, or a PostgreSQL database that holds this tool's tables (a
    server's empty database is what a missing file is to SQLite). For a command that reads
    an optional database (``glossary qa``: the term base, the memory, the ignored findings)."""
    from . import pg

    if pg.is_url(path):
        db = open_database(path)
        if "_migrations" in db.table_names():
            return db
        db.close()
        return None
    return open_database(path) if Path(path).exists() else None


def _open_file(p: Path, create: bool) -> sqlite_utils.Database | None:
    """:func:`open_database` of an SQLite file; None when the file was removed (or
    replaced) while this connection waited for its first read, by the clean-up of a
    failed first command (:func:`new_databases`): the caller opens the path again, never
    the file that was unlinked (whatever it wrote there would be lost)."""
    made = None
    if p.exists():
        if p.is_dir():
            raise DatabaseError(f"{p}: is a directory, not a database file")
        if not p.is_file():         # SQLite would wait forever on a FIFO nobody writes
            raise DatabaseError(f"{p}: not a regular file (a FIFO, device or socket), not a "
                                f"database file")
        if not os.access(p, os.R_OK):
            raise DatabaseError(f"{p}: cannot read: Permission denied")
        # The file's first bytes are read by SQLite, never through a Python file object: closing
        # any descriptor of the file drops every POSIX lock this process holds on it (fcntl
        # semantics), so another connection of this process (a workbench thread) would lose its
        # shared lock, and a third process closing its connection would then take itself for
        # the last one, checkpoint and delete the WAL under the open connections: lost commits.
        header = _header(p)
        if header not in (b"", _SQLITE_MAGIC):
            raise DatabaseError(f"{p}: not an SQLite database (is it the right file?)")
        if header == b"" and not create and not _size(Path(str(p) + "-wal")):
            # an empty file is a database to SQLite: a command that only reads (tm stats, tm
            # copy's SRC, glossary lookup) wrote this tool's schema into it
            raise DatabaseError(f"{p}: an empty file, no such database yet — create one with tm align "
                                "or tm import")
    elif not create:
        raise DatabaseError(f"{p}: no such database — create one with tm align or tm import")
    elif not p.parent.is_dir():
        raise DatabaseError(f"{p}: cannot create the database: no directory {p.parent}")
    else:
        made = _create(p)       # recorded when a caller asked (:func:`new_databases`)
    import sqlite_utils  # here, not at the top: it imports numpy (see Reader)

    try:
        conn, writable = _connect(p)
        opened = _identity(p)        # the file just opened (SQLite opens it at once)
        if made is not None:
            made.conns.append(conn)
        db = sqlite_utils.Database(conn)
        check_ownership(db, p)       # before anything is changed (journal mode included)
        if opened is None or _identity(p) != opened:
            conn.close()
            return None
        if writable:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                try:
                    conn.execute("PRAGMA journal_mode = WAL")
                except sqlite3.OperationalError as exc:
                    # another connection writes a large import in place (see direct_writes):
                    # read the memory as it was meanwhile; the import returns the file to WAL
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise (explain(exc, p) or DatabaseError(f"{p}: cannot open database: {exc}")) from None
    return db


# --- databases a failed command made -----------------------------------------------------

class _Made:
    """An SQLite file :func:`open_database` created in this process (``ident``: its
    ``(st_dev, st_ino)``), and the connections opened on it. (No dataclass: this module
    is imported by the one-shot ``tm match``, which does without :mod:`dataclasses`.)"""

    __slots__ = ("path", "ident", "pid", "conns")

    def __init__(self, path: Path, ident: tuple[int, int], pid: int):
        self.path, self.ident, self.pid, self.conns = path, ident, pid, []


class NewDatabases:
    """The SQLite files :func:`open_database` created within a :func:`new_databases`
    block; :meth:`discard` removes those that hold nothing."""

    def __init__(self):
        self.made: list[_Made] = []

    def discard(self) -> list[Path]:
        """Remove each database file of this block that still holds only its schema
        (:func:`_discard`); returns the files removed."""
        return [m.path for m in self.made if m.pid == os.getpid() and _discard(m)]


_recording: list[NewDatabases] = []


@contextmanager
def new_databases():
    """Record the SQLite database files :func:`open_database` creates within the block, so
    that a command which fails can remove the database it made (``tm --db new.db import
    broken.tmx`` left an empty ``new.db``): ``with new_databases() as made: … made.discard()``.

    A file is recorded only when this process created it (``O_EXCL``: a file another
    process made first, or one that was there, is never recorded); PostgreSQL databases are
    not (the database itself is the user's; a failed first command leaves this tool's tables
    in it, empty)."""
    made = NewDatabases()
    _recording.append(made)
    try:
        yield made
    finally:
        _recording.remove(made)


def _create(p: Path) -> _Made | None:
    """Create the empty file ``p`` for :func:`open_database` and record it, when a
    :func:`new_databases` block is open; None otherwise, or when the file appeared
    meanwhile (another process made it) or cannot be made (SQLite then says why)."""
    if not _recording:
        return None
    try:
        fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError:
        return None
    try:    # no connection of this process has the new file open: closing drops no lock
        st = os.fstat(fd)
    finally:
        os.close(fd)
    made = _Made(p, (st.st_dev, st.st_ino), os.getpid())
    _recording[-1].made.append(made)
    return made


def _file_name(p: Path) -> str:
    """``p`` as SQLite must be given it to open that file: absolute, since a name beginning
    with ``file:`` is read as a URI even without ``uri=True`` (this SQLite is built with
    URIs on), so ``Path("file:x.db?mode=ro")`` opened ``x.db``, and a library caller's
    relative name would be another file than the one this module checked and created."""
    return str(p.absolute())


def _quoted(name) -> str:
    """A file name as an SQLite URI's path: its bytes quoted (a name that is not UTF-8,
    held by Python as lone surrogates, made quote() raise UnicodeEncodeError)."""
    return urllib.parse.quote(os.fsencode(name))


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


def _identity(p: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(p)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _discard(made: _Made) -> bool:
    """Remove the database file ``made`` if it is still the file this process created, no
    other connection has it open, and none of its tables holds a row (the record of
    migrations and the full-text indexes' own tables aside): only the schema this command
    wrote. Its connections are closed first. The check and the removal are done under an
    exclusive lock of the file in rollback-journal mode: the switch out of WAL succeeds only
    on a database no other connection has open, and the lock keeps everyone else out until
    the file is gone. Anything else (another process's rows, an open connection, any error)
    keeps the file. Returns whether it was removed."""
    for conn in made.conns:
        try:
            conn.close()
        except sqlite3.Error:
            pass
    if _identity(made.path) != made.ident:
        return False
    if _header_only(made.path):
        return _remove_with_companions(made.path)
    try:
        conn = sqlite3.connect(_file_name(made.path), timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        if conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] != "delete":
            return False
        conn.execute("BEGIN EXCLUSIVE")
        if _identity(made.path) != made.ident or _holds_rows(conn):
            return False
        return _remove_with_companions(made.path)
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _header_only(p: Path) -> bool:
    """A database file of one page at most and no write-ahead log: no table can hold a row
    (each has a page of its own after the first). A full disk leaves one so (the shared-memory
    file could not be made, nothing else was written), and then even the lock of
    :func:`_discard` cannot be taken: switching the journal mode writes."""
    return _size(p) <= _page_size(p) and _size(Path(str(p) + "-wal")) == 0 \
        and not Path(str(p) + "-journal").exists()


def _page_size(p: Path) -> int:
    """The page size the file's header gives (bytes 16-17, big-endian; 1 means 65536), or
    512 (SQLite's least) when there is no header to read."""
    try:
        with open(p, "rb") as fh:
            head = fh.read(18)
    except OSError:
        return 512
    if len(head) < 18:
        return 512
    size = int.from_bytes(head[16:18], "big")
    return 65536 if size == 1 else size or 512


def _remove_with_companions(p: Path) -> bool:
    try:
        for suffix in ("-wal", "-shm", "-journal"):
            companion = Path(str(p) + suffix)
            if companion.exists():
                companion.unlink()
        p.unlink()
        return True
    except OSError:
        return False


def _holds_rows(conn: sqlite3.Connection) -> bool:
    """Does any table hold a row, besides ``_migrations`` and the tables of SQLite itself
    and of virtual tables (a full-text index keeps its configuration in rows)?"""
    tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in tables if (sql or "").lstrip().upper().startswith("CREATE VIRTUAL")]
    for name, _ in tables:
        if name.startswith("sqlite_") or name == "_migrations" or name in virtual \
                or any(name.startswith(v + "_") for v in virtual):
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        if conn.execute(f"SELECT 1 FROM {quoted} LIMIT 1").fetchone() is not None:
            return True
    return False


def _writable(p: Path) -> bool:
    if p.exists():
        return os.access(p, os.W_OK) and os.access(p.parent, os.W_OK | os.X_OK) \
            and not _read_only_mount(p)
    return True


class Reader:
    """What the read-only commands (match, search) use of a database: ``conn``, ``execute``,
    ``table_names``; opened by :func:`open_reader` with :mod:`sqlite3` alone. sqlite-utils
    imports numpy (and pandas when installed) on import, which was most of such a
    command's start-up."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, params=None):
        return self.conn.execute(sql, params or [])

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


def open_reader(path: str | Path, migrations: dict[str, Sequence[str]]) -> Reader | None:
    """The existing database at ``path`` for reading, when every migration named in
    ``migrations`` (package -> names) is applied; ``None`` otherwise (also when there is no
    such file, or it is not this tool's), and the caller opens it the usual way, which
    migrates, creates or says what is wrong."""
    p = Path(path)
    try:
        if not p.is_file():
            return None
        with p.open("rb") as fh:
            if fh.read(16) != _SQLITE_MAGIC:
                return None
        conn = sqlite3.connect(_file_name(p), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
    except (OSError, sqlite3.Error):
        return None
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID \
                or conn.execute("PRAGMA user_version").fetchone()[0] > LAYOUT_VERSION:
            conn.close()
            return None   # not marked as ours, or a newer layout: open_database says what is wrong
        if not up_to_date(conn, migrations):
            conn.close()
            return None
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error:
        conn.close()
        return None
    return Reader(conn)




def _read_only_mount(p: Path) -> bool:
    try:
        return bool(os.statvfs(p).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _as_is(value):
    return value


def bind_as_is() -> None:
    """Bind ``None`` and ``bytes`` parameters through an adapter that returns them as they
    are (so ``NULL`` and a blob, as without it), unless one is registered for them already.
    Python's sqlite3 binds ``int``, ``float``, ``str`` and ``bytearray`` directly but looks
    every other value up as a possible adapter, and before Python 3.12 each such look-up
    raised and cleared an ``AttributeError`` on the adapter protocol's type (a formatted
    message each time): ~2,500 instructions a ``NULL`` or blob parameter, where a registered
    adapter costs a dictionary look-up and a call. An import binds about ten a unit (the
    unit rows' empty columns, the match index rows' blobs): callgrind over the writer of
    bench/import_codes.py's first 32,000 units spent 10.8 % of its instructions there. The
    values SQLite receives are the same; the registry is the sqlite3 module's (process-wide)."""
    adapters = getattr(sqlite3, "adapters", None)
    for kind in (type(None), bytes):
        if adapters is None or (kind, sqlite3.PrepareProtocol) not in adapters:
            sqlite3.register_adapter(kind, _as_is)


def _connect(p: Path) -> tuple[sqlite3.Connection, bool]:
    """A connection to ``p`` and whether it can write: read-only when the file, its
    directory or the medium cannot be written (``immutable`` where even the WAL index
    cannot be made). ``None`` and ``bytes`` parameters are bound without the adapter
    look-up's cost (:func:`bind_as_is`)."""
    bind_as_is()
    options = dict(timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    if _writable(p):
        conn = sqlite3.connect(_file_name(p), **options)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn, True
    uri = "file:" + _quoted(p.resolve()) + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, **options)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, **options)
    return conn, False


def check_ownership(db: sqlite_utils.Database, p: Path | str) -> None:
    """:class:`DatabaseError` unless the database is empty, carries this tool's mark,
    or is an unmarked database of an earlier version (a ``_migrations`` table of ours);
    also if a later layout version wrote it."""
    conn = db.conn
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = set(db.table_names())
    if app_id == APPLICATION_ID:
        if version > LAYOUT_VERSION:
            raise DatabaseError(f"{p}: written by a newer version of zhen-tm (database layout "
                                f"{version}; this is zhen-tm {_tool_version()}, which reads "
                                f"layout {LAYOUT_VERSION}): upgrade zhen-tm")
        return
    if app_id != 0:
        raise DatabaseError(f"{p}: an SQLite database of another application "
                            f"(application_id {app_id:#x}), not made by this tool")
    if not tables:
        return
    columns = [c.name for c in db["_migrations"].columns] if "_migrations" in tables else []
    ours = columns == _MIGRATIONS_COLUMNS and conn.execute(
        "SELECT count(*) FROM _migrations WHERE package IN ('tm', 'glossary')").fetchone()[0]
    if not ours:
        raise DatabaseError(f"{p}: an SQLite database that was not made by this tool "
                            f"(tables: {', '.join(sorted(tables)[:5])})")


def _tool_version() -> str:
    from tm import __version__
    return __version__


def migrate(db: sqlite_utils.Database, package: str, migrations: Sequence[Migration]) -> list[str]:
    """Apply ``migrations`` of ``package`` not yet applied; returns the names applied now.

    All under one write lock (``BEGIN IMMEDIATE``): processes opening a new database at
    the same moment wait for each other, and the second finds the work done. A
    migration this version does not know (a newer tool wrote the database) is an
    error; nothing is written to a read-only database that is up to date.
    """
    conn = db.conn
    known = [name for name, _ in migrations]

    def pending() -> list[str] | None:
        if "_migrations" not in db.table_names():
            return known
        done = [r[0] for r in conn.execute("SELECT name FROM _migrations WHERE package = ?",
                                           [package])]
        unknown = [n for n in done if n not in known]
        if unknown:
            raise DatabaseError(f"{_name(conn)}: written by a newer version of zhen-tm "
                                f"(migration {package}/{unknown[0]} is unknown to zhen-tm "
                                f"{_tool_version()}): upgrade zhen-tm")
        return [n for n in known if n not in done]

    if not pending():           # the common case: read only, no lock taken
        return []
    applied = []
    try:
        with transaction(db):
            conn.execute(
                "CREATE TABLE IF NOT EXISTS _migrations ("
                "package TEXT NOT NULL, name TEXT NOT NULL, applied TEXT NOT NULL, "
                "PRIMARY KEY (package, name))"
            )
            todo = pending()       # again, under the lock: another process may have done it
            for name, fn in migrations:
                if name not in todo:
                    continue
                try:
                    fn(db)
                except sqlite3.DatabaseError as exc:
                    known = explain(exc, _name(conn))
                    if known is not None:
                        raise known from None
                    raise DatabaseError(
                        f"{_name(conn)}: cannot apply migration {package}/{name} ({exc}): its record of "
                        f"migrations does not match its tables; is the file damaged? (sqlite3 "
                        f"{_name(conn)} 'PRAGMA integrity_check')") from None
                conn.execute(
                    "INSERT INTO _migrations (package, name, applied) VALUES (?, ?, ?)",
                    [package, name, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())],
                )
                applied.append(name)
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {LAYOUT_VERSION}")
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc):
            raise DatabaseError(f"{_name(conn)}: read-only, and needs an upgrade this version "
                                f"must write first") from None
        raise
    return applied


def _name(conn) -> str:
    from .pg import file_of
    return file_of(conn) or "database"


_SQLITE_READONLY_DBMOVED = 1032      # a write to a file unlinked since it was opened

_EXPLAIN = (
    ("readonly", "the database is read-only (a read-only file or medium): nothing was written"),
    ("database or disk is full", "disk full: nothing was written"),
    ("disk I/O error", "disk I/O error: nothing was written"),
    ("malformed", "the database file is damaged (corrupt pages); restore a backup, or try "
                  "sqlite3's .recover"),
    ("file is not a database", "the database file is damaged (not an SQLite file any more)"),
    ("unable to open database", "cannot open the database file"),
    ("locked", "database is busy, retry"),
    ("busy", "database is busy, retry"),
)


def explain(exc: sqlite3.Error, path: str | Path | None = None) -> DatabaseError:
    """The one-line :class:`DatabaseError` for an SQLite error a user can meet (read-only,
    disk full, corruption, busy); None for anything else (a bug, shown in full)."""
    text = str(exc)
    if getattr(exc, "sqlite_errorcode", None) == _SQLITE_READONLY_DBMOVED:
        return DatabaseError((f"{path}: " if path else "") + "the database file was removed while this "
                             "command had it open (a failed command removes a database it created): "
                             "nothing was written; run the command again")
    for needle, message in _EXPLAIN:
        if needle in text:
            where = f"{path}: " if path and needle not in ("locked", "busy") else ""
            return DatabaseError(where + message)
    return None


def table_columns(db, table: str) -> list[str]:
    """The column names of ``table``, in order (either backend)."""
    from . import pg

    return pg.dialect(db).columns(db, table)


@contextmanager
def direct_writes(db: sqlite_utils.Database):
    """Around a transaction that fills a memory without units (an import into a new memory):
    SQLite's rollback journal instead of its WAL, so the pages are written once, into the
    file, instead of into the WAL and then copied into the file by the checkpoint that
    follows the commit of a large transaction (each write followed by an fsync). The pages
    added at the end of the file need no journal: the journal holds the few pages the
    transaction changes (the schema's), a rollback (an error, or a crash: the next
    connection rolls back the hot journal) truncates the file to what it was.
    ``synchronous = EXTRA`` meanwhile: the journal's deletion (the commit) is synced too, so
    a committed import survives a crash as it did after the WAL checkpoint.
    Back to WAL after. Nothing changes (WAL throughout) when another connection has the
    database open (the switch needs it alone), on PostgreSQL, in a caller's transaction,
    for an in-memory database, or when the memory has units."""
    conn = db.conn
    if getattr(db, "backend", "sqlite") != "sqlite" or conn.in_transaction \
            or conn.execute("SELECT 1 FROM units LIMIT 1").fetchone() is not None:
        yield db
        return
    sync = conn.execute("PRAGMA synchronous").fetchone()[0]
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError:        # not alone ("database is locked")
        mode = None
    if mode != "delete":
        yield db
        return
    try:
        conn.execute("PRAGMA synchronous = EXTRA")
        yield db
    finally:
        conn.execute(f"PRAGMA synchronous = {int(sync)}")
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:    # another connection reads: its next open switches
            pass


_commits = 0      # write transactions this process committed (see :func:`committed`)


def committed() -> int:
    """How many write transactions (:func:`transaction`) this process has committed: an
    output that fails afterwards says the database change stands (``tm import > /dev/full``
    stored the units, then could not print its summary)."""
    return _commits


@contextmanager
def transaction(db: sqlite_utils.Database, *, exclusive: bool = True):
    """One write transaction; joins the caller's if one is already open.

    SQLite: always ``BEGIN IMMEDIATE`` (one writer at a time). PostgreSQL: with
    ``exclusive`` (writers that allocate unit ids: imports, alignments) writers queue on
    one lock; without it (an edit of one row) only row locks are taken."""
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    try:
        conn.execute("BEGIN IMMEDIATE" if exclusive or getattr(db, "backend", "sqlite") == "sqlite" else "BEGIN")
    except sqlite3.DatabaseError as exc:
        raise (explain(exc, _name(conn)) or exc) from None
    try:
        yield db
        conn.execute("COMMIT")
        global _commits
        _commits += 1
    except sqlite3.DatabaseError as exc:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass
        raise (explain(exc, _name(conn)) or exc) from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


# glibc's mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD, _M_MMAP_MAX, _M_ARENA_MAX = -1, -4, -8
_MMAP_MAX_DEFAULT, _TRIM_THRESHOLD_DEFAULT = 65536, 128 * 1024


def _glibc():
    """The C library if it is glibc (its ``mallopt`` and ``malloc_trim``), else None."""
    import ctypes
    import platform

    if platform.libc_ver()[0] != "glibc":
        return None
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt, libc.malloc_trim
    except (OSError, AttributeError):       # pragma: no cover - a glibc without them
        return None
    return libc


def keep_freed_memory() -> bool:
    """glibc's ``malloc`` keeps the memory freed in this process for its next allocations:
    no block of its own ``mmap`` (those are given back to the kernel when freed), no
    trimming of the heap, and no arena of its own for a thread started from now on. Returns
    whether it could (glibc only). :func:`kept_memory` does it for a ``with`` block; the
    reading child of an import, which ends with it, for good.

    A thread's own arena is made of heaps of at most 64 MB, which glibc unmaps when they
    are free, and a larger block in it is an ``mmap`` of its own whatever ``M_MMAP_MAX``
    says: the index's sort thread (:meth:`tm.memory.index.Index.flush`, a new thread for each
    buffer of four million postings, arrays of tens of MB) faulted in its memory afresh
    every time. With one arena its arrays reuse what the previous buffer freed. glibc
    computes its limit of arenas once, when a thread first needs one: a process that has
    imported keeps sharing the arenas it has (the main one, and those made before), after
    :func:`kept_memory` too."""
    libc = _glibc()
    if libc is None:
        return False
    libc.mallopt(_M_MMAP_MAX, 0)
    libc.mallopt(_M_TRIM_THRESHOLD, 2**31 - 1)
    libc.mallopt(_M_ARENA_MAX, 1)
    return True


@contextmanager
def kept_memory():
    """Memory freed during a bulk write used again rather than given back to the kernel
    (:func:`keep_freed_memory`); after the block glibc's defaults apply again (but for the
    threads' arenas) and the heap's free memory is given back (``malloc_trim``).

    An import allocates and frees the same large blocks batch after batch (numpy's arrays of
    a flush, pickled batches, the ``COPY`` data): given back each time, every page of them
    was a page fault with a page cleared the next time, and on a virtual machine whose host
    takes freed memory back (free page reporting: the development machine of session 16)
    a fault in the host as well, 5-20 µs a 4 KB page. bench/pg_bench.py's 1,000,000-unit
    import: the writer's page faults 845,000 -> 180,000-270,000 (docs/postgres.md, session 16)."""
    libc = _glibc() if keep_freed_memory() else None
    try:
        yield
    finally:
        if libc is not None:
            libc.mallopt(_M_MMAP_MAX, _MMAP_MAX_DEFAULT)
            libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD_DEFAULT)
            libc.malloc_trim(0)

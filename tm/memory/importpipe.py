"""Import on two cores: units read and prepared in a child process while this one writes.

:func:`prepared_batches` forks a child that runs the reader (parsing, checks) and
:func:`tm.memory.store.prepare_records` (digests, content keys, JSON) and sends batches of
prepared records through a pipe; the parent feeds them to
:func:`tm.memory.store.import_prepared`, which owns the one write transaction. The
fuzzy-match index tokens of a batch are computed by whichever process has time: the
child while batches wait for the parent, else the parent (the tokens are the same either
way). The pipe holds at most a batch or two, so memory stays bounded.

Errors: a :class:`ToolError` raised in the child (e.g. an :class:`InputError`
naming file and line) is raised again, unchanged, in the parent, so the
transaction rolls back and the user reads the same one line. The child never
touches the database; if the parent dies (even ``kill -9``), the child's next
send fails on the closed pipe and it exits (at most ``AHEAD`` batches
later). If the parent stops reading (an
error of its own), :meth:`Batches.close` kills the child.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import signal
import threading
import traceback
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing import Pipe

from tm.errors import ToolError
from tm.memory.db import keep_freed_memory
from tm.memory.index import Tokenizer
from tm.models import TranslationUnit, unit_record
from tm.memory.store import BATCH, prepare_records

AHEAD = 8           # batches the child may prepare ahead of the parent
BUSY = 2            # batches waiting for the parent from which the child computes index tokens
FIRST = 250         # units of the first batch: the parent starts writing sooner
PIPE_SIZE = 1 << 20     # bytes the pipe holds (Linux; default 64 KiB): a batch in a few reads


class Batches:
    """Iterator over the prepared batches sent by the child; a context manager that
    always reaps the child."""

    def __init__(self, records: Iterable[tuple], *, batch: int = BATCH, skipped=None):
        self._reader, writer = Pipe(duplex=False)
        _widen(writer)
        self.skipped = skipped
        self._pid = os.fork()
        if self._pid == 0:                          # the child: never returns
            self._reader.close()
            _child(records, writer, batch, skipped)
        writer.close()
        self._done = False

    def __iter__(self) -> Iterator[list[tuple]]:
        while not self._done:
            try:
                kind, payload = pickle.loads(self._reader.recv_bytes())
            except EOFError:
                self.close()
                raise ToolError("the process reading the file ended unexpectedly") from None
            if kind == "batch":
                yield payload
            elif kind == "end":
                if self.skipped is not None and payload is not None:
                    self.skipped.merge(payload)     # what the reader left out, in the child
                self.close()
            elif kind == "error":
                self.close()
                cls, message, attrs = payload
                err = cls.__new__(cls)
                Exception.__init__(err, message)
                err.__dict__.update(attrs)
                raise err
            else:
                self.close()
                raise RuntimeError(f"the process reading the file failed:\n{payload}")

    def close(self) -> None:
        if self._done:
            return
        self._done = True
        self._reader.close()
        try:
            os.kill(self._pid, signal.SIGKILL)      # our own child; harmless if it has exited
        except ProcessLookupError:
            pass
        os.waitpid(self._pid, 0)

    def __enter__(self) -> Batches:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _child(records: Iterable[tuple], writer, batch: int, skipped=None) -> None:
    """Prepare batches; a thread writes them to the pipe, so that the parsing goes on
    while the parent is busy (e.g. flushing index runs) and not reading."""
    gc.disable()        # no cycles among the units and records (see tm.memory.db.no_gc)
    keep_freed_memory()     # the batches' memory used again (see tm.memory.db.kept_memory)
    out: queue.Queue = queue.Queue(maxsize=AHEAD)
    sender = threading.Thread(target=_sender, args=(writer, out), daemon=True)
    sender.start()
    try:
        tok = Tokenizer()
        source = iter(records)
        size = min(FIRST, batch)
        while chunk := list(islice(source, size)):
            size = batch
            # the index tokens here while the parent has batches waiting, else by the
            # parent (which would wait): the two processes share the work as they can
            out.put(_pickle(("batch", prepare_records(chunk, tok, tokens=out.qsize() >= BUSY))))
        out.put(_pickle(("end", skipped)))
    except ToolError as exc:
        out.put(_pickle(("error", (type(exc), str(exc), dict(vars(exc))))))
    except BaseException:                           # a bug: the parent shows it
        out.put(_pickle(("crash", traceback.format_exc())))
    finally:
        out.put(None)
        sender.join()
        os._exit(0)                                 # no cleanup of the parent's objects


def _widen(conn) -> None:
    """A bigger pipe buffer where the system allows it: fewer reads, writes and wake-ups
    per batch (about 1 MB each)."""
    try:
        import fcntl
        fcntl.fcntl(conn.fileno(), fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    except (ImportError, AttributeError, OSError):
        pass


def _pickle(message) -> bytes:
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def _sender(writer, out: queue.Queue) -> None:
    while (data := out.get()) is not None:
        try:
            writer.send_bytes(data)
        except OSError:                             # the parent is gone
            os._exit(1)


def prepared_batches(units: Iterable[TranslationUnit], *, batch: int = BATCH,
                     skipped=None, records: bool = False) -> Batches:
    """Start the child now (before any transaction) and return its batches.
    ``skipped``: the :class:`~tm.models.Skipped` the reader of ``units`` fills (in the
    child); the child's counts are merged into it when the last batch is read.
    ``records``: ``units`` are records already (see :data:`tm.models.UNIT_FIELDS`), as
    :func:`tm.formats.common.record_reader` yields them."""
    return Batches(units if records else map(unit_record, units), batch=batch, skipped=skipped)

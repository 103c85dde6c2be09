"""Two cores, one helper: one call runs in a forked child while this process runs another.

The aligner uses it twice (sentence features of a long document's second half; the two
halves of a long alignment). Results are the same with or without a second process: where
``fork`` is missing, or the child dies before it answers, its call runs here instead.
The streaming import (:mod:`tm.memory.importpipe`) is a producer, not a pair of calls, and
keeps its own pipe; QA's worker pool is the standard library's ``ProcessPoolExecutor``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence


def can_fork() -> bool:
    """Whether this platform starts processes by ``fork`` (no pickling of large state)."""
    return "fork" in multiprocessing.get_all_start_methods()


def two_cores() -> bool:
    """Whether a forked child can work beside this process: ``fork`` exists and the
    machine has more than one core."""
    return can_fork() and (os.cpu_count() or 1) > 1


def _answer(receive, conn, call: Callable, args: Sequence) -> None:
    # The fork gave this process a copy of the parent's end of the pipe: closed, a parent
    # that died (killed mid-command) makes the send fail, where a large answer would have
    # filled the pipe and blocked here for ever, holding the database and the command's
    # output open.
    receive.close()
    try:
        conn.send(call(*args))
    except BrokenPipeError:         # the parent is gone: nobody to answer
        pass
    finally:
        conn.close()


def both(child: Callable, child_args: Sequence, here: Callable, here_args: Sequence) -> tuple:
    """``(child(*child_args), here(*here_args))``, the first computed in a forked child
    process while this one computes the second."""
    if not can_fork():
        return child(*child_args), here(*here_args)
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_answer, args=(receive, send, child, child_args))
    process.start()
    send.close()
    try:
        mine = here(*here_args)
        try:
            theirs = receive.recv()
        except EOFError:            # the child died before answering: do its part here
            theirs = child(*child_args)
    except BaseException:
        process.kill()
        raise
    finally:
        receive.close()
        process.join()
    return theirs, mine

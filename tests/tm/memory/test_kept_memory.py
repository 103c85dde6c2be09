"""tm.memory.db.kept_memory: memory freed inside it is used again, not faulted in afresh."""

import resource

import pytest

from tm.memory.db import _glibc, kept_memory

pytestmark = pytest.mark.skipif(_glibc() is None, reason="glibc's malloc only (elsewhere kept_memory does nothing)")

SIZE = 40 << 20     # over glibc's largest mmap threshold (32 MB): by default its own mmap, unmapped when freed


def _faults_of_a_block() -> int:
    """Page faults of allocating SIZE bytes, filling them (bytearray zeroes them) and freeing them."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    block = bytearray(SIZE)
    del block
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_a_block_freed_inside_is_used_again_and_given_back_after():
    default = _faults_of_a_block()          # mapped afresh: a fault every page (or huge page)
    with kept_memory():
        _faults_of_a_block()                # the first time: faults
        kept = _faults_of_a_block()         # the same memory again
    after = _faults_of_a_block()            # the defaults back, the heap given back
    assert default >= 20                    # at least one fault a 2 MB page
    assert kept * 10 < default
    assert after * 2 > default


_THREADS = """
import resource, sys, threading
from tm.memory.db import kept_memory

def faults_in_a_thread(size):
    out = []

    def work():
        before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
        block = bytearray(size)
        del block
        out.append(resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - before)
    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return out[0]

with kept_memory():
    print(*[faults_in_a_thread(int(sys.argv[1])) for _ in range(3)])
"""


def test_a_block_freed_by_a_thread_is_used_again_by_the_next_thread():
    """The index sorts each buffer in a new thread: its memory too is kept (one arena), also
    a block larger than a thread's heap (64 MB), which glibc maps on its own (and unmaps
    when freed) in a thread's arena. A fresh process, whose threads have made no arena yet."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _THREADS, str(100 << 20)], capture_output=True, text=True, check=True)
    first, *again = map(int, done.stdout.split())
    assert first >= 20                      # at least one fault a 2 MB page
    assert all(n * 10 < first for n in again), (first, again)

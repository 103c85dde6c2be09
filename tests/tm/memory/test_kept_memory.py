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

"""tm.text.english.stem: the inflected forms of a text meet the base forms of a gloss."""

import pytest

from tm import stem


@pytest.mark.parametrize("forms", [
    ("add", "added", "adding", "adds"),          # "added" was "ad": the doubled d undone
    ("err", "erred", "erring"),
    ("run", "running"),
    ("stop", "stopped", "stopping", "stops"),
    ("plan", "planned", "planning"),
    ("call", "called", "calling"),
])
def test_inflected_forms_meet_their_base(forms):
    assert len({stem(w) for w in forms}) == 1, [stem(w) for w in forms]

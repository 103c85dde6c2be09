"""Term candidates written briefly, for the term base's tests."""

from glossary.models import Candidate, Rendering


def cand(zh, *renderings):
    """A candidate of term ``zh`` with ``renderings`` as ``(en, count, unit ids)``; its count is theirs summed."""
    return Candidate(zh=zh, pinyin="", count=sum(r[1] for r in renderings), score=1.0,
                     renderings=[Rendering(en, n, units) for en, n, units in renderings])

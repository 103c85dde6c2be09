"""``glossary qa --jobs N`` gives the findings one process gives, the file-level ones too.

The renderings a segment uses of its terms with two approved renderings
(``approved_uses``) are read where the segment is checked, in whichever process; the file's
inconsistency check then compares them across all segments, those of every share.
"""

import pytest

from glossary.models import Entry
from glossary.qa.checks import Pair, approved_uses, check_inconsistency
from glossary.qa.run import run_qa
from glossary.qa.termmatch import TermIndex

INDEX = TermIndex([Entry(zh="医疗", approved=["medical", "healthcare"]),
                   Entry(zh="算力", approved=["computing power"], forbidden=["calculation power"]),
                   Entry(zh="人工智能", approved=["artificial intelligence", "AI"])])

SENTENCES = [
    ("推进医疗服务。", "Advance medical services."),
    ("推进医疗服务。", "Advance healthcare services."),
    ("提升算力水平。", "Raise the level of calculation power."),
    ("发展人工智能和医疗。", "Develop artificial intelligence and healthcare."),
    ("发展人工智能。", "Develop AI."),
    ("共有3个项目。", "There are 4 projects."),
    ("医疗健康", "medical health"),
]


def pairs(n):
    return [Pair(str(i), *SENTENCES[i % len(SENTENCES)]) for i in range(1, n + 1)]


@pytest.mark.parametrize("workers", [2, 3, 5])
def test_every_share_of_a_parallel_run_finds_what_one_process_finds(workers):
    todo = pairs(61)
    serial = run_qa(todo, index=INDEX)
    parallel = run_qa(todo, index=INDEX, workers=workers)
    assert [vars(f) for f in parallel.findings] == [vars(f) for f in serial.findings]
    infos = [f for f in serial.findings if f.check == "inconsistency" and f.severity == "info"]
    # 医疗 "medical" in some segments of every share, "healthcare" in more: each "medical" is told
    assert len(infos) == sum(1 for p in todo if "medical" in p.en) and infos
    assert {f.id for f in infos} & {p.id for p in todo[-len(todo) // workers:]}


def test_progress_of_a_parallel_run_reaches_the_whole_and_never_passes_it():
    seen = []
    run_qa(pairs(40), index=INDEX, workers=2, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (40, 40) and all(done <= total == 40 for done, total in seen)


def test_inconsistency_reads_the_same_from_hits_or_from_uses_read_before():
    todo = pairs(21)
    hits = [INDEX.find(p.zh) for p in todo]
    uses = [approved_uses(p, h) for p, h in zip(todo, hits)]
    assert uses[0] == [("医疗", "healthcare", 8, 18)]      # "Advance healthcare services."
    assert [vars(f) for f in check_inconsistency(todo, hits)] == \
        [vars(f) for f in check_inconsistency(todo, uses=uses)]

"""Import speed of a TMX the way CAT tools write it: inline codes and metadata.

Writes a synthetic TMX 1.4 file of N units (default 100,000) in OmegaT's project-save
shape, en -> zh-CN: per-<tuv> creationid/creationdate/changeid/changedate, context
props (file, prev, next), a note on every tenth unit, inline codes (<bpt>/<ept>
pairs, <ph>, <it>) in both sides of 3 units in 8, every unit distinct; then
runs ``tm.exchange.import_file`` into a fresh database (what ``tm import`` does; two
processes by default) and prints the units stored (and how many kept inline codes: placeholders
in the text, markup in ``units.codes``), units/s, CPU seconds of both processes, the
machine, the date and the load average. The issue's target: >= 15,000 units/s on
2 cores.

Usage: python bench/import_codes.py [--units 100000] [--workers 1|2] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ZH = ["当使用了 {a}getMock(){b} 方法时，PHPUnit 自动生成了一个新的 PHP 类来实现想要的行为。",
      "支持算力技术攻关和平台建设，推动产业集聚发展{p}。", "点击{a}保存{b}按钮以保存第 {n} 个文件。",
      "我们将在天津建设人工智能创新应用先导区，形成 3 至 5 个特色产业聚集区。"]
EN = ["PHPUnit automatically generates a new PHP class when the {a}getMock(){b} method is used.",
      "Support research on computing power and platform building{p}.",
      "Click {a}Save{b} to save file number {n}.",
      "We will build a pilot zone for AI innovation in Tianjin, forming 3 to 5 clusters."]


def write_file(path: Path, n: int) -> int:
    codes = ('<bpt i="1" x="1">&lt;b&gt;</bpt>', '<ept i="1">&lt;/b&gt;</ept>',
             '<ph x="2">&lt;br/&gt;</ph><it pos="begin">&lt;i&gt;</it>')
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                  '<header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" '
                  'datatype="plaintext" segtype="sentence" srclang="en"/>\n<body>\n')
        for i in range(n):
            k = (i // 2) % len(ZH)           # every template with and without codes
            a, b, p = codes if i % 2 else ("", "", "")
            zh = ZH[k].format(a=a, b=b, p=p, n=i) + f"（{i}）"
            en = EN[k].format(a=a, b=b, p=p, n=i) + f" ({i})"
            note = f"<note>checked by reviewer {i % 7}</note>" if i % 10 == 0 else ""
            out.write(f'<tu>{note}<prop type="file">docs/chapter{i % 40}.xml</prop>'
                      f'<prop type="prev">previous {i - 1}</prop><prop type="next">next {i + 1}</prop>\n'
                      f'<tuv xml:lang="en"><seg>{en}</seg></tuv>\n'
                      f'<tuv xml:lang="zh-CN" changeid="wynn" changedate="20150327T075150Z" '
                      f'creationid="wynn" creationdate="20150327T075150Z"><seg>{zh}</seg></tuv>\n'
                      '</tu>\n')
        out.write("</body>\n</tmx>\n")
    return n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--workdir", type=Path)
    opts = ap.parse_args(argv)
    from tm.exchange import import_file
    from tm.memory.store import open_store

    with tempfile.TemporaryDirectory(prefix="import-codes-", dir=opts.workdir) as tmp:
        path = Path(tmp) / "codes.tmx"
        n = write_file(path, opts.units)
        db = open_store(Path(tmp) / "m.db")
        load0 = os.getloadavg()
        cpu0 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = import_file(db, path, workers=opts.workers)
        secs = time.perf_counter() - start
        cpu1 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = sum((b.ru_utime + b.ru_stime) - (a.ru_utime + a.ru_stime) for a, b in zip(cpu0, cpu1))
        load1 = os.getloadavg()
        stored = db.conn.execute("SELECT count(*) FROM units").fetchone()[0]
        coded = db.conn.execute("SELECT count(*) FROM units WHERE codes IS NOT NULL").fetchone()[0]
    print(f"# {platform.node()} {platform.machine()} {os.cpu_count()} cores, python "
          f"{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}")
    print(f"# load average before {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}, "
          f"after {load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f}")
    print(f"TMX with inline codes and metadata: {n} units, {stored} stored, "
          f"{result.skipped.count} skipped, {coded} with their inline codes kept, {secs:.1f} s wall = {n / secs:,.0f} units/s; "
          f"CPU {cpu:.1f} s (both processes) = {n / cpu:,.0f} units per CPU-second; "
          f"workers={opts.workers or 'default'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

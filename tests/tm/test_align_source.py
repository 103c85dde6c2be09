"""`tm align --source en`: an English original translated into Chinese is recorded as such,
and the exchange files make English the source side (a reviewer of an en → zh translation
reads the English as the source), through a reviewed XLIFF and back."""

from lxml import etree

from _io_helpers import parse_xml, xliff12_schema
from tm.cli import cli
from tm.memory.store import iter_units, open_store

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
EN = ("Pods are the smallest deployable units of computing in Kubernetes.\n\n"
      "A Pod is a group of one or more containers with shared storage and network resources.\n\n"
      "Each Pod is meant to run a single instance of a given application.\n")
ZH = ("Pod 是 Kubernetes 中最小的可部署计算单元。\n\n"
      "Pod 是一组（一个或多个）容器，这些容器共享存储和网络资源。\n\n"
      "每个 Pod 都旨在运行给定应用程序的单个实例。\n")


def run(runner, *args, code=0):
    result = runner.invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


def docs(tmp_path):
    (tmp_path / "pods.zh.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "pods.en.txt").write_text(EN, encoding="utf-8")
    return tmp_path / "pods.zh.txt", tmp_path / "pods.en.txt"


def test_an_english_original_is_the_source_of_the_exports_and_of_a_review(db_path, runner, tmp_path):
    zh, en = docs(tmp_path)
    run(runner, "align", zh, en, "--source", "en", "--model", "none")
    assert {u.srclang for u in iter_units(open_store(db_path))} == {"en"}
    tmx = etree.fromstring(run(runner, "export", "--format", "tmx").encode())
    assert {tu.get("srclang") for tu in tmx.iter("tu")} == {"en"}
    out = tmp_path / "review.xlf"
    run(runner, "export", "--format", "xliff", "--version", "1.2", "-o", out)
    doc = parse_xml(out.read_bytes())
    assert xliff12_schema("strict").validate(doc)
    file_ = doc.find(f"{{{NS12}}}file")
    assert (file_.get("source-language"), file_.get("target-language")) == ("en", "zh-CN")
    unit = doc.find(f".//{{{NS12}}}trans-unit")
    assert unit.find(f"{{{NS12}}}source").text.startswith("Pods are the smallest")
    unit.find(f"{{{NS12}}}target").text = "Pod 是 Kubernetes 中可部署的最小计算单元。"
    out.write_bytes(etree.tostring(doc, xml_declaration=True, encoding="UTF-8"))
    assert "1 reviewed (1 corrected)" in run(runner, "import", out)
    fixed = {u.key: u for u in iter_units(open_store(db_path))}[unit.get("id")]
    assert (fixed.zh, fixed.srclang) == ("Pod 是 Kubernetes 中可部署的最小计算单元。", "en")


def test_aligning_again_as_a_chinese_original_changes_every_unit_of_the_pair(db_path, runner, tmp_path):
    zh, en = docs(tmp_path)
    run(runner, "align", zh, en, "--source", "en", "--model", "none")
    key = next(iter_units(open_store(db_path))).key
    run(runner, "mark", key, "--reviewed")               # a person's unit, kept by the re-alignment
    assert "Kept 1 units" in run(runner, "align", zh, en, "--model", "none")
    assert {u.srclang for u in iter_units(open_store(db_path))} == {None}

"""`workplan eval` (report, thresholds, compare) and batch files in every format."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.chain import Assistant
from core.errors import WorkplanError
from core.settings import Settings
from ui.batch import read_questions, run_batch

pytestmark = pytest.mark.integration  # processes, browsers or the e5 model


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    env = {"WORKPLAN_HOME": str(settings.home), "PATH": str(Path(sys.executable).parent)}
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], check=False, capture_output=True, text=True, env=env,
                          timeout=600)


def test_eval_sets_meet_their_floors_and_report_separately(settings: Settings, index, tmp_path: Path) -> None:
    """CI's eval gate: all sixty-eight sets (tune, check, paraphrase, general — the national
    reports ingested beside the bundled corpus — structure, structure-dev … structure-dev45,
    structure-check, structure-check3 … structure-check19: outlines, lists, tables) at or above their regression floors.
    Two worker processes share the sets, as on a 2-core laptop; their answers are the serial run's."""
    run_a = tmp_path / "a"
    done = _cli(settings, "eval", "--sets",
                "tune,check,paraphrase,general,structure,structure-dev,structure-dev2,structure-dev3,structure-dev4,"
                "structure-dev5,structure-dev6,structure-dev7,structure-dev8,structure-dev9,structure-dev10,structure-dev11,"
                "structure-dev12,structure-dev13,structure-dev14,structure-dev15,structure-dev16,"
                "structure-dev17,structure-dev18,structure-dev19,structure-dev20,structure-dev21,structure-dev22,"
                "structure-dev23,structure-dev24,structure-dev25,structure-dev26,structure-dev27,structure-dev28,structure-dev29,"
                "structure-dev30,structure-dev31,structure-dev32,structure-dev33,structure-dev34,structure-dev35,"
                "structure-dev36,structure-dev37,structure-dev38,structure-dev39,structure-dev40,structure-dev41,"
                "structure-dev42,structure-dev43,structure-dev44,structure-dev45,"
                "structure-check,structure-check3,structure-check4,structure-check5,structure-check6,"
                "structure-check7,structure-check8,structure-check9,structure-check10,structure-check11,structure-check12,"
                "structure-check13,structure-check14,structure-check15,structure-check16,structure-check17,"
                "structure-check18,structure-check19",
                "--floors", "--jobs", "2",
                "--out", str(run_a))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert {p.name for p in run_a.iterdir()} >= {"report.md", "results.jsonl", "metrics.json", "chart.png"}
    assert (run_a / "chart.png").read_bytes()[:4] == b"\x89PNG"
    sets = json.loads((run_a / "metrics.json").read_text("utf-8"))["sets"]
    assert set(sets) == {"tune", "check", "paraphrase", "general", "structure", "structure-dev", "structure-dev2",
                         "structure-dev3", "structure-dev4", "structure-dev5", "structure-dev6", "structure-dev7",
                         "structure-dev8", "structure-dev9", "structure-dev10", "structure-dev11", "structure-dev12", "structure-dev13", "structure-dev14", "structure-dev15", "structure-dev16",
                         "structure-dev17", "structure-dev18", "structure-dev19", "structure-dev20", "structure-dev21",
                         "structure-dev22", "structure-dev23", "structure-dev24", "structure-dev25",
                         "structure-dev26", "structure-dev27", "structure-dev28", "structure-dev29", "structure-dev30",
                         "structure-dev31", "structure-dev32", "structure-dev33", "structure-dev34", "structure-dev35",
                         "structure-dev36", "structure-dev37", "structure-dev38", "structure-dev39", "structure-dev40",
                         "structure-dev41", "structure-dev42", "structure-dev43", "structure-dev44",
                         "structure-dev45", "structure-check",
                         "structure-check3", "structure-check4", "structure-check5", "structure-check6",
                         "structure-check7", "structure-check8", "structure-check9", "structure-check10",
                         "structure-check11", "structure-check12", "structure-check13", "structure-check14",
                         "structure-check15", "structure-check16", "structure-check17", "structure-check18",
                         "structure-check19"}
    assert set(sets["structure"]["by_type"]) == set(sets["structure-check"]["by_type"]) == {"outline", "list", "aggregate"}
    assert sets["paraphrase"]["n"] >= 250 and sets["general"]["n"] >= 60
    assert sets["check"]["n"] >= 0.4 * (sets["check"]["n"] + sets["tune"]["n"])
    assert all(s["number_faithfulness"] == 1.0 for s in sets.values())
    assert set(sets["tune"]["by_type"]) >= {"number", "followup", "unanswerable", "cross_doc"}
    report = (run_a / "report.md").read_text("utf-8")
    assert "## All sets" in report and "## Targets" in report and report.count("## Per question type") == len(sets)
    assert "this split is never tuned on" in report  # check failures are not listed
    row = json.loads((run_a / "results.jsonl").read_text("utf-8").splitlines()[0])
    assert {"id", "set", "question", "rewritten_question", "answer", "refused", "citations", "contexts", "backend",
            "latency_ms", "correct", "why"} <= set(row)
    strict = _cli(settings, "eval", "--sets", "tune", "--out", str(tmp_path / "b"), "--min-accuracy", "1.01")
    assert strict.returncode == 3 and "低于阈值" in strict.stderr
    compared = _cli(settings, "eval", "--compare", str(run_a), str(tmp_path / "b"))
    assert compared.returncode == 0 and "Fixed in B (0)" in compared.stdout and "Broken in B (0)" in compared.stdout


def test_eval_sets_are_well_formed(settings: Settings) -> None:
    """Every evidence verbatim in its cleaned source; no question on the reserved reports."""
    done = _cli(settings, "eval", "--check-set")
    assert done.returncode == 0, done.stdout[-2000:]
    general = (Path(__file__).parents[2] / "evals" / "general.jsonl").read_text("utf-8")
    names = [p.name for p in (Path(__file__).parents[2] / "evals" / "general_corpus").iterdir()]
    assert not any(y in n for n in names for y in ("1954", "2023", "2024", "2025"))
    assert '"source": "1954' not in general and "2023_国务院" not in general


@pytest.fixture(scope="module")
def ask(assistant: Assistant):
    def one(item: dict) -> dict:
        record = assistant.ask(item["question"], history=item.get("history") or []).to_dict()
        record.pop("notes")
        return record
    return one


def test_txt_in_csv_out_and_resume(ask, tmp_path: Path) -> None:
    src = tmp_path / "q.txt"
    src.write_text("长寿路2023年加梯完成多少台\n\n长寿路2023年加梯开工多少台\n", "utf-8")  # ids are line numbers
    out = tmp_path / "a.csv"
    stats = run_batch(read_questions(src), ask, out, workers=2)
    assert stats == {"total": 2, "answered": 2, "skipped": 0, "errors": 0}
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [r["id"] for r in rows] == ["1", "3"] and "11台" in rows[0]["answer"] and "13台" in rows[1]["answer"]
    assert "长寿路街道社区代表会议报告 §" in rows[0]["sources"]
    again = run_batch(read_questions(src), ask, out)
    assert again["answered"] == 0 and again["skipped"] == 2


def test_jsonl_resume_retries_only_missing_and_failed(ask, tmp_path: Path) -> None:
    src = tmp_path / "q.jsonl"
    src.write_text('{"id": "x", "question": "长寿路2023年加梯完成多少台"}\n{"id": "y", "question": "五角场2016年开发了多少个公益性岗位"}\n'
                   "{broken\n", "utf-8")
    out = tmp_path / "a.jsonl"
    first = run_batch(read_questions(src), ask, out)
    assert first["errors"] == 1
    lines = out.read_text("utf-8").splitlines()
    out.write_text(lines[0] + "\n" + lines[1][: len(lines[1]) // 2], "utf-8")  # interrupted mid-line
    second = run_batch(read_questions(src), ask, out)
    assert second["answered"] == 1 and second["skipped"] == 2
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["x", "y", "3"] and "90个" in rows[1]["answer"] and "error" in rows[2]


def test_csv_and_xlsx_inputs_md_output(ask, tmp_path: Path) -> None:
    from openpyxl import Workbook

    csv_in = tmp_path / "q.csv"
    csv_in.write_text("id,question\nk1,长寿路2023年加梯完成多少台\n", "utf-8-sig")
    wb = Workbook()
    wb.active.append(["question", "id"])
    wb.active.append(["长寿路街道2019年加梯完成多少台", "k2"])
    xlsx_in = tmp_path / "q.xlsx"
    wb.save(xlsx_in)
    items = read_questions(csv_in) + read_questions(xlsx_in)
    assert [i["id"] for i in items] == ["k1", "k2"]
    out = tmp_path / "a.md"
    run_batch(items, ask, out)
    table = out.read_text("utf-8")
    assert table.startswith("| id | 问题 | 回答 | 来源 |") and "11台" in table and "现有文件中未找到" in table


def test_unsupported_formats_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(WorkplanError, match="不支持的问题文件格式"):
        read_questions(tmp_path / "q.docx")
    no_col = tmp_path / "q.csv"
    no_col.write_text("id,text\n1,x\n", "utf-8")
    with pytest.raises(WorkplanError, match="缺少 question 列"):
        read_questions(no_col)

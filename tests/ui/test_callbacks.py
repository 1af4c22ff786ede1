"""The page's callbacks are plain functions over the real chain and index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.answer import Answer, Citation
from assistant.service import Service, open_service
from core.settings import Settings
from ui.callbacks import ALL, Callbacks, Turn
from ui.render import answer_markdown, highlight, sources_html
from ui.uploads import safe_filename
from vectorstore.index import Index


@pytest.fixture(scope="module")
def cb(fast_service: Service) -> Callbacks:
    return Callbacks(fast_service)


def _final(cb: Callbacks, message: str, turn: Turn | None = None, chat: list | None = None, **filters: str) -> tuple:
    *_, last = cb.respond(message, chat or [], turn, filters.get("street"), filters.get("year"), filters.get("doc"))
    return last


def test_respond_answers_with_sources_and_remembers_the_turn(cb: Callbacks) -> None:
    chat, sources, note, turn, box = _final(cb, "长寿路2023年加梯完成多少台")
    assert chat[0] == {"role": "user", "content": "长寿路2023年加梯完成多少台"}
    assert "11台" in chat[1]["content"] and 'href="#src-1-1"' in chat[1]["content"]
    assert 'id="src-1-1"' in chat[1]["content"], "the answer carries its own sources"
    assert 'id="src-1"' in sources and "<mark>" in sources and "完工11台" in sources
    assert box == "" and note == "" and len(turn.questions) == 1


def test_each_answer_keeps_its_own_sources(cb: Callbacks) -> None:
    chat, _, _, turn, _ = _final(cb, "长寿路2023年加梯完成多少台")
    chat, _, _, turn, _ = _final(cb, "金杨新村街道2020年获得了哪些荣誉称号", turn, chat)
    first, second = chat[1]["content"], chat[3]["content"]
    assert 'href="#src-1-1"' in first and 'id="src-1-1"' in first and "完工11台" in first
    assert 'href="#src-2-1"' in second and 'id="src-2-1"' in second and "src-1-" not in second


def test_follow_up_uses_the_earlier_turn(cb: Callbacks) -> None:
    _, _, _, turn, _ = _final(cb, "长寿路2023年加梯完成多少台")
    _, sources, note, turn, _ = _final(cb, "那开工多少台？", turn)
    assert "长寿路" in note and "2023" in note
    assert "开工13台" in sources


def test_refusal_is_shown_as_a_refusal(cb: Callbacks) -> None:
    chat, _sources, *_ = _final(cb, "长寿路街道2019年加梯完成多少台")
    assert "未找到答案" in chat[-1]["content"] and 'class="refusal"' in chat[-1]["content"]


def test_invalid_question_is_a_chinese_message_not_a_crash(cb: Callbacks) -> None:
    chat, *_ = _final(cb, "x" * 10_000)
    assert "问题过长" in chat[-1]["content"]


def test_filters_narrow_retrieval(cb: Callbacks) -> None:
    streets, years, docs = cb.filter_choices()
    assert streets[0] == ALL and "长寿路街道" in streets and "2023" in years
    wanli = next(v for label, v in docs if "万里" in label)
    _, sources, *_ = _final(cb, "加装电梯工作", doc=wanli)
    assert "万里街道" in sources and "长寿路" not in sources


def test_document_content_is_shown_as_text() -> None:
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    answer = Answer(question="q", rewritten_question="q", answer=f"“{hostile}”[1]", refused=False,
                    citations=[Citation(1, "a.txt", "<b>t</b>", "", None, "", "c1", hostile)],
                    contexts=[{"chunk_id": "c1", "text": "前文" + hostile}])
    for page in (answer_markdown(answer), sources_html(answer), highlight("前文" + hostile, hostile)):
        assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page


def test_safe_filename_cannot_escape_the_folder() -> None:
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("..\\..\\win.ini") == "win.ini"
    assert safe_filename("工作 计划.txt") == "工作 计划.txt"
    assert safe_filename("..") == "upload"


def test_upload_ingests_good_files_and_explains_rejected_ones(tmp_path: Path, fast_settings: Settings) -> None:
    s = fast_settings.model_copy(update={"home": tmp_path / "home", "max_file_mb": 0.01})
    cb = Callbacks(open_service(s, index=Index(s), build=False))
    good = tmp_path / "测试 街道 2025年工作计划.txt"
    good.write_text("测试街道2025年工作计划\n一、加装电梯\n2025年计划完成加装电梯20台。", "utf-8")
    bad_type = tmp_path / "幻灯片.key"
    bad_type.write_bytes(b"\xd0\xcf\x11\xe0")
    big = tmp_path / "大文件.txt"
    big.write_text("很长" * 10_000, "utf-8")
    empty = tmp_path / "空.txt"
    empty.write_text("", "utf-8")
    message = cb.upload([str(good), str(bad_type), str(big), str(empty)])
    assert "已导入 1 个文件" in message
    assert "幻灯片.key：不支持的文件类型" in message and "大文件.txt：文件过大" in message and "空.txt" in message
    rows = cb.documents_rows()
    assert [(r[0], r[-1]) for r in rows] == [("测试街道2025年工作计划", "测试 街道 2025年工作计划.txt")]
    assert cb.documents_rows("2025 计划") == rows and cb.documents_rows("长寿路") == []
    assert sorted(p.name for p in cb.upload_folder().iterdir()) == ["测试 街道 2025年工作计划.txt"]
    answer = cb.assistant.ask("2025年计划完成加装电梯多少台")
    assert "20台" in answer.answer
    doc_id = cb.library.documents()[0].doc_id
    assert "已移除" in cb.remove(doc_id)
    assert cb.documents_rows() == [] and not any(cb.upload_folder().iterdir())


def test_feedback_is_appended(cb: Callbacks) -> None:
    _, _, _, turn, _ = _final(cb, "长寿路2023年加梯完成多少台")
    assert "已记录" in cb.feedback(cb.answer_index([1, None]), False, "希望同时给出开工数", turn)
    line = (cb.settings.home / "feedback.jsonl").read_text("utf-8").splitlines()[-1]
    record = json.loads(line)
    assert record["liked"] is False and record["comment"] == "希望同时给出开工数" and "11台" in record["answer"]
    assert record["answer_id"] == turn.answers[0]["answer_id"] and record["generation"] == cb.library.generation()


def test_active_filters_are_shown_and_an_over_long_question_is_refused_not_cut(cb: Callbacks) -> None:
    assert cb.filter_chips(ALL, ALL, ALL) == ""
    chips = cb.filter_chips("五角场街道", "2016", ALL)
    assert "街道：五角场街道" in chips and "年份：2016年" in chips
    long = "长寿路2023年加梯完成多少台" * 200
    chat, _, _, turn, box = _final(cb, long)
    assert "问题过长" in chat[-1]["content"] and str(cb.settings.max_question_chars) in chat[-1]["content"]
    assert box == long and not turn.answers, "the text stays in the box to be shortened"


def test_a_stored_conversation_comes_back_whole(cb: Callbacks) -> None:
    chat, _, _, turn, _ = _final(cb, "长寿路2023年加梯完成多少台")
    cb.store("browser:a", chat, turn)
    assert [conv_id for _, conv_id in cb.history("browser:a")] == [turn.id]
    assert cb.history("browser:b") == [], "another browser sees none of it"
    restored_chat, restored = cb.open_conversation("browser:a", turn.id)
    assert restored_chat == chat and restored.questions == turn.questions and restored.id == turn.id
    _, sources, _, _, _ = _final(cb, "那开工多少台？", restored, restored_chat)  # follow-ups still work
    assert "开工13台" in sources
    assert "已记录" in cb.feedback(0, True, "", restored, {"text": chat[1]["content"]})
    gone_chat, gone = cb.open_conversation("browser:a", "../../etc")
    assert gone_chat == [] and gone.questions == [] and gone.id != turn.id
    assert "已重命名" in cb.rename_conversation("browser:a", turn.id, "  加梯  进度 ")
    assert cb.history("browser:a")[0][0].startswith("加梯 进度（")
    assert "已删除" in cb.delete_conversation("browser:a", turn.id) and cb.history("browser:a") == []


def test_export_writes_markdown_and_word_with_the_sources(cb: Callbacks, tmp_path: Path) -> None:
    from docx import Document

    chat, _, _, turn, _ = _final(cb, "长寿路2023年加梯完成多少台")
    chat, _, _, turn, _ = _final(cb, "金杨新村街道2020年加装电梯多少部", turn, chat)
    assert cb.export("browser:e", None, "md", tmp_path)[0] is None
    md, message = cb.export("browser:e", turn, "md", tmp_path)
    text = md.read_text("utf-8")
    assert "共 2 问" in message or "已导出 2 问" in message
    assert "## 问 1：长寿路2023年加梯完成多少台" in text and "完工11台" in text
    assert "**来源**" in text and "> 2023年完成签约18台" in text and "004_e32262a667648864.txt" in text
    docx_path, _ = cb.export("browser:e", turn, "docx", tmp_path)
    body = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "问 2：金杨新村街道2020年加装电梯多少部" in body and "6部" in body
    assert "来源" in body and "002_6150e2980e45aa33.txt" in body


def test_the_copy_button_carries_clean_text_with_sources(cb: Callbacks) -> None:
    import html as html_lib
    import re

    chat, *_ = _final(cb, "长寿路2023年加梯完成多少台")
    found = re.search(r'<span class="copy-text">([^<]*)</span>', chat[-1]["content"])
    assert "\n" not in chat[-1]["content"], "one HTML block: a newline could end it"
    assert found
    text = html_lib.unescape(found.group(1))
    assert text.startswith("问：长寿路2023年加梯完成多少台") and "完工11台" in text
    assert "来源：\n[1] " in text and "“2023年完成签约18台" in text
    assert "<" not in text and "cite" not in text


def test_removal_names_the_document_and_undo_restores_the_same_answers(tmp_path: Path, fast_settings: Settings) -> None:
    s = fast_settings.model_copy(update={"home": tmp_path / "home"})
    cb = Callbacks(open_service(s, index=Index(s)))
    question = "长寿路2023年加梯完成多少台"
    before = cb.ask_json(question)
    doc_id = next(d.doc_id for d in cb.library.documents() if d.source.startswith("004_"))
    assert "2024年长寿路街道社区代表会议报告" in cb.confirm_text(doc_id) and "分钟内可以撤销" in cb.confirm_text(doc_id)
    assert cb.remove(None) == "请先选择要移除的文档。"
    assert cb.remove(doc_id).startswith("已移除：《2024年长寿路街道社区代表会议报告》")
    assert cb.ask_json(question)["refused"]
    assert cb.undo_remove(doc_id).startswith("已恢复")
    after = cb.ask_json(question)
    assert after["answer"] == before["answer"] and after["citations"][0]["chunk_id"] == before["citations"][0]["chunk_id"]
    assert cb.undo_remove(doc_id).startswith("无法撤销")
    row = [r[-1] for r in cb.documents_rows()].index(before["citations"][0]["source"])
    assert cb.document_at("", row) == doc_id and cb.document_at("", 99) is None


def test_feedback_follows_the_answer_id_not_the_position(cb: Callbacks) -> None:
    chat, _, _, turn, _ = _final(cb, "长寿路2023年加梯完成多少台")
    chat, _, _, turn, _ = _final(cb, "长寿路2023年加梯开工多少台", turn, chat, street="长寿路街道")
    # The chat was cleared (🗑) and shows only the second answer, now at position 0.
    assert "已记录" in cb.feedback(0, True, "", turn, {"text": chat[3]["content"]})
    record = json.loads((cb.settings.home / "feedback.jsonl").read_text("utf-8").splitlines()[-1])
    assert "13台" in record["answer"] and record["filters"]["street"] == "长寿路街道"
    assert "未找到" in cb.feedback(0, True, "", Turn(), {"text": chat[3]["content"]})  # a new chat forgot it


def test_ask_json_is_the_batch_contract(cb: Callbacks) -> None:
    record = cb.ask_json("长寿路2023年加梯完成多少台")
    assert {"question", "rewritten_question", "answer", "refused", "citations", "contexts", "backend", "latency_ms"} <= set(record)
    assert record["citations"][0]["source"].startswith("004_")


def test_empty_input_adds_nothing_and_user_text_is_text(cb: Callbacks) -> None:
    chat, _, _, turn, _ = _final(cb, "   ")
    assert chat == [] and turn.questions == []
    chat, *_ = _final(cb, "<script>alert(1)</script>长寿路2023年加梯完成多少台")
    assert chat[0]["content"].startswith("&lt;script&gt;")


def test_scanned_upload_reports_each_page_and_notes_the_ocr(tmp_path: Path, fast_settings: Settings) -> None:
    from evals.scanned_pages import draw_page, image_pdf

    s = fast_settings.model_copy(update={"home": tmp_path / "home"})
    cb = Callbacks(open_service(s, index=Index(s), build=False))
    scan = tmp_path / "长寿路2023年总结（扫描件）.pdf"
    scan.write_bytes(image_pdf([draw_page(["长寿路街道2023年工作总结", "一、加装电梯", "2023年完工11台。"], n) for n in (1, 2, 3)]))
    shown: list[tuple[object, str]] = []
    message = cb.upload([str(scan)], progress=lambda value, desc="", **_: shown.append((value, desc)))
    assert "已导入 1 个文件" in message
    assert [v for v, _ in shown[1:]] == [(1, 3), (2, 3), (3, 3)]
    assert shown[-1][1] == "正在识别扫描件 长寿路2023年总结（扫描件）.pdf：第 3/3 页"
    assert cb.documents_rows()[0][6].startswith("文字识别（OCR）3/3 页，平均置信度")


def test_export_survives_control_characters_and_keeps_angle_brackets(tmp_path: Path) -> None:
    from docx import Document

    from ui.export import conversation_docx, plain_answer

    record = {"question": "从Word粘贴\x0b的问题", "answer": "占比<5%[1]", "citations": [
        {"n": 1, "title": "标题\x0c", "street": "长寿路街道", "year": 2023, "section": "", "source": "a.txt", "quote": "不足<5%"}]}
    path = tmp_path / "x.docx"
    path.write_bytes(conversation_docx("对话\x0b", [record]))
    body = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "从Word粘贴 的问题" in body and "占比<5%" in body
    assert "占比<5%[1]" in plain_answer(record)

"""The route of a question through the composition root, on the fast tier: the real
Chroma, BM25, docstore and answerers over the bundled corpus, embedded without a
model (``HashingEmbeddings``); the LLM answerer's policy against a local
OpenAI-compatible server that says what each test needs it to say."""

from __future__ import annotations

import pytest

from assistant.answer import Answer
from assistant.answerers import registry
from assistant.chain import Assistant
from assistant.service import Service
from core.errors import WorkplanError
from core.settings import Settings
from tests.servers import ScriptedChatServer, free_port, passage_number
from ui.cli import build_parser

QUESTION = "长寿路2023年加梯完成多少台"


def test_ask_is_the_last_piece_of_stream(fast_service: Service) -> None:
    pieces = list(fast_service.assistant.stream(QUESTION))
    asked = fast_service.assistant.ask(QUESTION)
    assert isinstance(pieces[-1], Answer) and all(isinstance(p, str) for p in pieces[:-1])
    assert pieces[-1].answer == asked.answer and "11台" in asked.answer
    assert asked.latency_ms > 0


def test_backends_come_from_the_registry(fast_settings: Settings, fast_service: Service) -> None:
    assert registry.names() == ["extractive", "llm"]
    choices = build_parser()._subparsers._group_actions[0].choices["ask"]._option_string_actions["--backend"].choices
    assert list(choices) == registry.names()
    with pytest.raises(WorkplanError, match="未知的回答方式"):
        Assistant(fast_settings.model_copy(update={"backend": "nope"}), index=fast_service.index)


def test_a_document_filter_holds_for_every_part_of_a_cross_street_question(fast_service: Service) -> None:
    doc = next(d for d in fast_service.library.documents() if d.street == "长寿路街道")
    answer = fast_service.assistant.ask("五角场和长寿路2023年分别加装电梯多少台", doc_id=doc.doc_id)
    assert answer.citations and {c.source for c in answer.citations} == {doc.source}


def test_the_library_lists_typed_documents(fast_service: Service) -> None:
    docs = fast_service.library.documents()
    assert len(docs) == 5 and all(d.chunk_count > 0 and d.title for d in docs)
    assert "长寿路街道" in fast_service.library.streets() and 2023 in fast_service.library.years()


# -- the LLM answerer's policy, over HTTP ------------------------------------------------
def test_a_grounded_model_answer_streams_and_is_kept(fast_llm: Assistant, scripted_model: ScriptedChatServer) -> None:
    scripted_model.reply = f"长寿路街道2023年加梯完工11台[{passage_number(fast_llm, QUESTION, '完工11台')}]。"
    pieces = list(fast_llm.stream(QUESTION))
    answer = pieces[-1]
    assert isinstance(answer, Answer) and answer.backend == "llm"
    assert len(pieces) > 2, "the reply arrives in pieces"
    assert answer.answer == "长寿路街道2023年加梯完工11台[1]。" and "完工11台" in answer.citations[0].quote


def test_a_number_no_passage_holds_is_replaced_with_a_note(
    fast_llm: Assistant, scripted_model: ScriptedChatServer
) -> None:
    scripted_model.reply = f"长寿路街道2023年加梯完工99台[{passage_number(fast_llm, QUESTION, '完工11台')}]。"
    answer = fast_llm.ask(QUESTION)
    assert answer.backend == "llm→extractive" and "99" in answer.notes[-1]
    assert "99" not in answer.answer and "11台" in answer.answer


def test_an_answer_without_citations_is_replaced(fast_llm: Assistant, scripted_model: ScriptedChatServer) -> None:
    scripted_model.reply = "加梯完成得很好。"
    answer = fast_llm.ask(QUESTION)
    assert answer.backend == "llm→extractive" and "没有标注引用" in answer.notes[-1]


def test_an_uncovered_year_never_reaches_the_model(fast_llm: Assistant, scripted_model: ScriptedChatServer) -> None:
    answer = fast_llm.ask("长寿路街道2019年加梯完成多少台")
    assert answer.refused and answer.backend == "llm" and not scripted_model.requests


def test_a_publication_date_is_read_from_metadata_whatever_the_backend(
    fast_llm: Assistant, scripted_model: ScriptedChatServer
) -> None:
    answer = fast_llm.ask("普陀区万里街道2020年工作要点是哪天发布的")
    assert not answer.refused and "2020年3月4日" in answer.answer and not scripted_model.requests


def test_a_model_that_is_down_falls_back(fast_settings: Settings, fast_service: Service) -> None:
    settings = fast_settings.model_copy(
        update={"backend": "llm", "llm_base_url": f"http://127.0.0.1:{free_port()}/v1", "llm_timeout_s": 2.0}
    )
    answer = Assistant(settings, index=fast_service.index).ask(QUESTION)
    assert answer.backend == "llm→extractive" and "不可用" in answer.notes[-1] and "11台" in answer.answer


def test_a_filter_beats_what_earlier_questions_said(fast_service: Service) -> None:
    """After a question about 长寿路 2023, choosing the 金杨 document and asking "加装电梯"
    is about that document, not 长寿路 2023."""
    doc = next(d for d in fast_service.library.documents() if d.street == "金杨新村街道")
    answer = fast_service.assistant.ask("加装电梯多少部", history=["长寿路2023年加梯完成多少台"], doc_id=doc.doc_id)
    assert "长寿路" not in answer.rewritten_question
    assert not answer.refused and "6部" in answer.answer


def test_a_question_about_another_street_than_the_filter_says_so(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("长寿路2023年加梯完成多少台", street="五角场街道")
    assert answer.refused
    assert "已按筛选条件「五角场街道」查找；问题中的长寿路街道不在筛选范围内" in answer.answer
    assert "11台" not in answer.answer and "2016" not in answer.answer


PASTED = ("积极开展“千万人帮万家”及红十字人道救助,完成普及培训1800人、救护员200人,完成520份200ml献血指标和10人份造血干细胞。"
          "居民区签订《食品安全责任书》,开展食品安全知识“五进”活动。协调部门加大对无证无照经营突出问题的综合治理力度,"
          "对28家符合条件的小餐饮单位进行临时备案,让小生意合法合规。")


def test_a_pasted_passage_is_a_question_only_where_it_asks_one(fast_service: Service) -> None:
    from assistant.chain import asked_part

    assert len(PASTED) > 120
    with pytest.raises(WorkplanError, match="像是粘贴的原文，没有提出问题"):
        fast_service.assistant.ask(PASTED)
    assert asked_part(PASTED + "这里的小餐饮备案了多少家？") == "这里的小餐饮备案了多少家？"
    assert asked_part("长寿路2023年加梯完成多少台") == "长寿路2023年加梯完成多少台"  # short: as typed
    answer = fast_service.assistant.ask(PASTED + "长寿路2023年小餐饮临时备案了多少家？")
    assert "28家" in answer.answer and len(answer.rewritten_question) < 40


def test_a_refusal_under_a_filter_names_the_filter_and_the_filtered_years(fast_service: Service) -> None:
    answer = fast_service.assistant.ask("2020年加梯多少台", street="五角场街道")
    assert answer.refused and answer.answer.startswith("已按筛选条件「五角场街道」查找。")
    assert "五角场街道的文件涉及的年份：2016、2017" in answer.answer
    plain = fast_service.assistant.ask("2020年加梯多少台")
    assert "已按筛选条件" not in plain.answer

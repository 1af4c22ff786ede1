import pytest

from ingest.chunking import count_tokens, pack_sentences, split_sentences, subtract_spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
        ("深化“万里初心课堂。”加强思想凝聚。", ["深化“万里初心课堂。”", "加强思想凝聚。"]),
        ("落实“不忘初心;牢记使命”要求。下一句", ["落实“不忘初心;牢记使命”要求。", "下一句"]),
        ("统计 1.51万人次;完成\n新的一行", ["统计 1.51万人次;", "完成", "新的一行"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_pack_respects_token_budget_and_overlaps() -> None:
    text = "".join(f"第{i}项工作完成了{i * 7}个小区的改造任务。" for i in range(60))
    spans = split_sentences(text)
    chunks = pack_sentences(text, spans, max_tokens=80, overlap_tokens=20)
    assert len(chunks) > 3
    for s, e in chunks:
        assert count_tokens(text[s:e]) <= 80
        assert text[s:e].endswith("。")
    assert chunks[1][0] < chunks[0][1]  # overlap
    assert chunks[-1][1] == len(text)


def test_overlong_sentence_is_split_without_breaking_numbers() -> None:
    text = "，".join(f"完成改造12345{i}户" for i in range(80)) + "。"
    chunks = pack_sentences(text, split_sentences(text), max_tokens=50, overlap_tokens=0)
    assert len(chunks) > 1
    for s, e in chunks:
        assert count_tokens(text[s:e]) <= 50
        assert not (text[s - 1: s + 1].isdigit() if s > 0 else False)


def test_subtract_spans() -> None:
    assert subtract_spans(0, 100, [(10, 20), (50, 60)]) == [(0, 10), (20, 50), (60, 100)]
    assert subtract_spans(0, 10, [(0, 10)]) == []

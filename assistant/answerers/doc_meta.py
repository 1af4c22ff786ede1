"""Questions about a document itself rather than its content: "这份文件是哪天印发的".

Why separate: the publication date usually sits in page furniture (发布时间,
the signature line) that cleaning removes from the passages and keeps as
document metadata, so no passage sentence can answer it. The answer cites the
document's opening passage, and the citation carries the date it states.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from assistant.answer import Answer, Citation
from assistant.answerers.base import Answerer, Asked
from core.lexicon import ASKS, PUBLISH_WORDS, WHEN_WORDS
from vectorstore.hybrid import Retrieval


def asks_publication_date(question: str) -> bool:
    """"这份通知是哪天印发的" — not "手册要求什么时间前印发", a deadline the content sets."""
    when = WHEN_WORDS.search(question)
    return bool(when and PUBLISH_WORDS.search(question) and not question[when.end():].lstrip().startswith(("前", "之前", "以前")))


_POLITE = re.compile(r"请问|麻烦(?:问一下|问下)?|帮我(?:查一下|查下|看看)?|查一下|想问一下|想知道")


def asks_besides_the_date(question: str) -> bool:
    """Does the question ask anything else ("哪次会审议通过的 几号印发")? Its date words, the
    document's own name ("关于印发…的通知") and the punctuation taken out, is an ask left?"""
    rest = _POLITE.sub("", PUBLISH_WORDS.sub("", WHEN_WORDS.sub("", question)))
    return bool(ASKS.search(re.sub(r"[？?\s]", "", rest)))


def chinese_date(iso: str) -> str:
    """``2017-06-08`` → ``2017年6月8日``."""
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def answer_publication_date(question: str, rewritten: str, retrieval: Retrieval,
                            documents: dict[str, dict[str, object]]) -> Answer | None:
    """The date of the retrieved document whose title best matches the question; None if no candidate."""
    passages = retrieval.passages
    contexts = [p.context() for p in passages]
    if not passages:
        return None
    q = set(rewritten)

    def fit(i: int) -> tuple[float, int]:
        title = passages[i].title
        return (len(q & set(title)) / (len(set(title)) or 1), -i)

    best = passages[max(range(len(passages)), key=fit)]
    doc = documents.get(best.doc_id, {})
    title = best.title
    published = str(doc.get("published") or "")
    answer = Answer(question=question, rewritten_question=rewritten, answer="", refused=True, contexts=contexts)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        answer.answer = f"现有文件中未找到《{title}》的发布日期。"
        return answer
    first = re.split(r"(?<=[。！？\n])", best.text.strip())[0].strip()
    answer.answer = f"《{title}》的发布日期为{chinese_date(published)}。[1]"
    answer.refused = False
    answer.citations = [Citation(
        n=1, source=best.source, title=title, street=best.street, year=best.year or None, section=best.section,
        chunk_id=best.chunk_id, quote=first, published=published,
    )]
    return answer


def with_publication_date(answer: Answer, documents: dict[str, dict[str, object]]) -> Answer:
    """``answer`` with the date the first of its cited documents that carries one was issued,
    said last and cited.

    Why: "…是第几次会议通过的 哪天印发的" asks the content and the date at once; the content
    has its passage, the date only the document's metadata — the document the answer already
    rests on. Nothing is added when no cited document carries a date or the answer says it."""
    by_source = {str(d.get("source")): d for d in documents.values()}
    for cited in answer.citations:
        doc = by_source.get(cited.source, {})
        published = str(doc.get("published") or "")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
            continue
        said = chinese_date(published)
        if said in answer.answer:
            return answer
        n = max(c.n for c in answer.citations) + 1
        answer.answer = answer.answer.rstrip() + f"\n《{cited.title}》的发布日期为{said}。[{n}]"
        answer.citations.append(Citation(
            n=n, source=cited.source, title=cited.title, street=cited.street, year=cited.year,
            section=cited.section, chunk_id=cited.chunk_id, quote=cited.quote, published=published))
        return answer
    return answer


class PublicationDateAnswerer:
    """Routes "这份文件哪天印发的" to the documents' metadata; any other question, or a
    date question no retrieved document can answer, goes to ``backend``."""

    def __init__(self, documents: Callable[[], dict[str, dict[str, object]]], backend: Answerer) -> None:
        self._documents = documents
        self.backend = backend
        self.name = backend.name

    @staticmethod
    def wants(asked: Asked) -> bool:
        return len(asked.retrievals) == 1 and asks_publication_date(asked.retrievals[0].facts.question)

    def rewrite(self, question: str, history: list[str], ruled: str) -> str:
        return self.backend.rewrite(question, history, ruled)

    def stream(self, asked: Asked) -> Iterator[str | Answer]:
        question = asked.rewritten or asked.question
        dated = None
        if self.wants(asked):
            part = asked.retrievals[0]
            dated = answer_publication_date(asked.question, part.facts.question, part, self._documents())
            if dated is not None and not asks_besides_the_date(question):
                dated.backend = self.name
                yield dated
                return
        # "…第几次会议通过的 哪天印发的": a date asked beside other things is said after them
        also_dated = asks_publication_date(question)
        for piece in self.backend.stream(asked):
            if also_dated and isinstance(piece, Answer):
                if not piece.refused:
                    piece = with_publication_date(piece, self._documents())
                elif dated is not None and not dated.refused:
                    # the rest found nowhere: the date, and that the rest was not found
                    dated.backend, dated.notes = self.name, piece.notes
                    dated.answer += "\n问题的其余部分现有文件中未找到相关内容。"
                    piece = dated
            yield piece

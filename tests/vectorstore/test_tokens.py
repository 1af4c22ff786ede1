"""BM25 tokens are state of the index, not of the process: the same chunk gets the
same tokens whatever was ingested before it, and an index written under another
tokenizer dictionary is re-tokenized when opened. Fast tier (no model)."""

from __future__ import annotations

import shutil
from pathlib import Path

from core.settings import BUNDLED_CORPUS, Settings
from vectorstore import tokenize as tok
from vectorstore.index import Index


def _tokens(index: Index) -> dict[str, list[str]]:
    ids, _, toks = index.docstore.all_chunks()
    return dict(zip(ids, toks, strict=True))


def _one(name: str, tmp: Path) -> Path:
    folder = tmp / name
    folder.mkdir()
    return folder


def test_tokens_do_not_depend_on_ingest_order(tmp_path: Path, fast_settings: Settings) -> None:
    # Two offices the gazetteer does not know, each naming the other: before, the first
    # one's name was added to a process-wide dictionary and changed the second's tokens.
    src = _one("corpus", tmp_path)
    a = src / "梧桐湾街道2025年工作计划.txt"
    a.write_text("梧桐湾街道2025年工作计划\n一、加装电梯\n与银杏坡街道共建养老服务站，计划完成加装电梯20台。", "utf-8")
    b = src / "银杏坡街道2025年工作计划.txt"
    b.write_text("银杏坡街道2025年工作计划\n一、睦邻中心\n与梧桐湾街道合作新建睦邻中心3处。", "utf-8")
    indexes = []
    for order in ([a, b], [b, a]):
        s = fast_settings.model_copy(update={"home": tmp_path / f"home{len(indexes)}", "collection": f"order{len(indexes)}"})
        idx = Index(s)
        for f in order:  # one document per sync, as an office adds them over the year
            assert idx.sync([f]).ok
        indexes.append(idx)
    assert _tokens(indexes[0]) == _tokens(indexes[1])


def test_an_index_from_another_dictionary_is_retokenized_on_open(tmp_path: Path, fast_settings: Settings) -> None:
    s = fast_settings.model_copy(update={"home": tmp_path / "home", "collection": "retok"})
    src = _one("corpus", tmp_path)
    shutil.copy(min(BUNDLED_CORPUS.glob("*.txt")), src)
    idx = Index(s)
    idx.sync([src])
    before = _tokens(idx)
    assert idx.docstore.get_state("tokenizer") == tok.SIGNATURE
    # As an older release would have left it: other tokens, another dictionary's signature.
    idx.docstore.retokenize(lambda meta, text: ["旧"], ("tokenizer", "older-dictionary"))
    generation = idx.docstore.generation()
    reopened = Index(s)
    assert reopened.docstore.get_state("tokenizer") == tok.SIGNATURE
    assert _tokens(reopened) == before and reopened.docstore.generation() > generation
    assert reopened.catalog().lexical.ids, "BM25 rebuilt for the new generation"

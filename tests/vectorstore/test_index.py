"""Incremental ingest against the real Chroma, BM25 and docstore."""

from pathlib import Path

import pytest

from core.errors import IndexMismatch
from core.settings import Settings
from vectorstore.embeddings import CachedEmbeddings
from vectorstore.index import Index


def consistent(idx: Index) -> list[str]:
    ids = idx.docstore.chunk_ids()
    assert sorted(ids) == sorted(idx.store.all_ids()), "Chroma and docstore disagree"
    assert sorted(idx.catalog().lexical.ids) == sorted(ids), "BM25 and docstore disagree"
    assert len(ids) == len(set(ids))
    return ids


def test_reingest_three_times_is_identical(fresh_settings: Settings, embeddings: CachedEmbeddings,
                                           corpus_copy: Path, index: Index) -> None:
    idx = Index(fresh_settings, embeddings=embeddings)
    first = idx.sync([corpus_copy])
    assert len(first.added) == 5 and first.ok
    ids = consistent(idx)
    for _ in range(2):
        again = idx.sync([corpus_copy])
        assert again.added == [] and again.updated == [] and len(again.unchanged) == 5
        assert again.chunks_written == 0
        assert consistent(idx) == ids

    # change one file: its chunks are replaced completely
    target = next(corpus_copy.glob("000_*.txt"))
    target.write_text(target.read_text("utf-8").replace("划分4个责任区块", "划分6个责任区块"), "utf-8")
    changed = idx.sync([corpus_copy])
    assert changed.updated == [target.name] and len(changed.unchanged) == 4
    after = consistent(idx)
    assert len(after) == len(ids)
    texts = [m["text"] for m in idx.docstore.all_chunks()[1]]
    assert any("划分6个责任区块" in t for t in texts) and not any("划分4个责任区块" in t for t in texts)

    # prune a deleted file
    gone = next(corpus_copy.glob("001_*.txt"))
    n_gone = sum(1 for m in idx.docstore.all_chunks()[1] if m["source"] == gone.name)
    gone.unlink()
    pruned = idx.sync([corpus_copy], prune=True)
    assert pruned.removed == [gone.name]
    assert len(consistent(idx)) == len(after) - n_gone


def test_bad_files_are_skipped_and_reported(fresh_settings: Settings, embeddings: CachedEmbeddings,
                                            tmp_path: Path, index: Index) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = next(fresh_settings.corpus_dir.glob("000_*.txt"))
    (folder / good.name).write_bytes(good.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04junk")
    (folder / "image.png").write_bytes(b"\x89PNG")
    idx = Index(fresh_settings, embeddings=embeddings)
    report = idx.sync([folder])
    assert report.added == [good.name]
    reasons = {Path(p).name: r for p, r in report.failed}
    assert set(reasons) == {"empty.txt", "broken.docx", "image.png"}
    assert "空" in reasons["empty.txt"] and "Word" in reasons["broken.docx"] and "图片" in reasons["image.png"]
    consistent(idx)


def test_reconcile_repairs_chroma(fresh_settings: Settings, embeddings: CachedEmbeddings, index: Index) -> None:
    idx = Index(fresh_settings, embeddings=embeddings)
    idx.sync([next(fresh_settings.corpus_dir.glob("000_*.txt"))])
    ids = idx.docstore.chunk_ids()
    idx.store.delete(ids[:3])  # as if a crash happened between the two writes
    idx.store.upsert(["orphan-1"], ["孤立段落"], [{"source": "x"}])
    idx.reconcile()
    assert sorted(idx.store.all_ids()) == sorted(ids)


def test_other_embedding_model_is_refused(fresh_settings: Settings, embeddings: CachedEmbeddings, index: Index) -> None:
    Index(fresh_settings, embeddings=embeddings)

    class Other(CachedEmbeddings):
        pass

    other = Other(embeddings.inner, embeddings.cache)
    other.model_id = "some/other-model"
    with pytest.raises(IndexMismatch, match="rebuild"):
        Index(fresh_settings, embeddings=other)


def test_docs_listing(index: Index) -> None:
    docs = {d["source"][:3]: d for d in index.documents()}
    assert set(docs) == {"000", "001", "002", "003", "004"}
    assert docs["004"]["street"] == "长寿路街道" and docs["004"]["chunk_count"] > 50
    assert docs["003"]["street"] == "" and docs["003"]["district"] == "普陀区"

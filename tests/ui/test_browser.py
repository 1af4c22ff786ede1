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


@pytest.fixture(scope="module")
def server(settings: Settings, index, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # The server gets its own copy of the already-built index: two processes never write one store.
    home = tmp_path_factory.mktemp("serve") / "home"
    shutil.copytree(settings.home, home)
    port = free_port()
    env = {**os.environ, "WORKPLAN_HOME": str(home), "WORKPLAN_CORPUS_DIR": str(settings.corpus_dir)}
    log = (home.parent / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "serve", "--port", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    wait_for_port(port, proc, timeout=120)
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


def test_the_conversation_survives_a_reload(server: str, browser) -> None:
    """A reload (or a restarted server on the same address) brings back the conversation from the
    browser's storage, each answer with its own sources, and follow-ups still read it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server)
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    wait = WebDriverWait(browser, 60)
    box = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#question textarea"))
    box.send_keys(QUESTION, Keys.ENTER)
    wait.until(lambda d: "11台" in d.find_element(By.CSS_SELECTOR, "#chat").text)
    wait.until(lambda d: "workplan-conversation" in (d.execute_script("return Object.keys(localStorage).join(',')") or ""))
    browser.refresh()
    wait.until(lambda d: "11台" in d.find_element(By.CSS_SELECTOR, "#chat").text)
    assert QUESTION in browser.find_element(By.CSS_SELECTOR, "#chat").text
    box = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#question textarea"))
    box.send_keys("那开工多少台？", Keys.ENTER)  # the follow-up memory came back too
    wait.until(lambda d: "13台" in d.find_element(By.CSS_SELECTOR, "#chat").text)
    browser.find_elements(By.CSS_SELECTOR, "a.cite")[0].click()
    wait.until(lambda d: d.execute_script("return location.hash") == "#src-1-1")
    browser.execute_script("localStorage.clear()")


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

"""The web page of `qingdan serve`, driven in a real browser: Debian's chromium, headless, through
chromium-driver and Selenium. With QINGDAN_SCREENSHOTS=DIR the tests save the three panes there
(the pictures in docs/)."""

from __future__ import annotations

import json
import os
import shutil
import urllib.parse
from pathlib import Path

import pytest

from conftest import QINGPU, ROOT
from serving import serving

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

DIRECTIVES = ROOT / "examples" / "directives"
VILLAGE = "上海市/青浦区/练塘镇/徐练村"
WAIT = 20  # seconds, for anything the page does


@pytest.fixture(scope="module")
def server(cli):
    with serving(cli, QINGPU) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    driver_path = shutil.which("chromedriver")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not driver_path or not binary:
        pytest.fail("the page tests need Debian's chromium and chromium-driver")
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900", "--lang=zh-CN",
                     "--disable-background-networking", "--disable-component-update", "--no-first-run"):
        options.add_argument(argument)
    options.binary_location = binary
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def screenshot(driver, name: str) -> None:
    folder = os.environ.get("QINGDAN_SCREENSHOTS")
    if folder:
        driver.save_screenshot(str(Path(folder) / name))


def open_page(driver, server, query: str = "") -> None:
    driver.get(f"http://127.0.0.1:{server.port}/{query}")
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))


def api(server, path: str):
    reply = server.get(path)
    assert reply.status == 200, reply
    return reply.json()


def text_of(driver, element_id: str) -> str:
    return driver.find_element(By.ID, element_id).text


def test_owner_pane_answers_a_typed_task_in_a_picked_village(server, browser):
    open_page(browser, server)
    assert browser.find_element(By.ID, "tab-owner").text == "查询归属"
    Select(browser.find_element(By.ID, "place")).select_by_value(VILLAGE)
    browser.find_element(By.ID, "task").send_keys("亲属关系")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#task-suggestions li"))
    chosen = browser.find_element(By.CSS_SELECTOR, "#task-suggestions li[data-id='ZM-01']")
    chosen.click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.ID, "answer-roles"))
    expected = api(server, "/v1/owner?" + urllib.parse.urlencode({"task": "ZM-01", "in": VILLAGE}))
    assert expected["roles"] == {"village": "forbidden"}
    assert text_of(browser, "answer-task").startswith("ZM-01 出具亲属关系证明")
    assert text_of(browser, "answer-status") == "已列入清单"
    village = browser.find_element(By.CSS_SELECTOR, "#answer-roles tr[data-level='village']")
    assert village.text.split() == ["村居", "不得承担"]
    entry = expected["entries"][0]
    assert f"{entry['file']}:{entry['line']}" in text_of(browser, "answer-entries")
    assert "民发〔2020〕20号" in text_of(browser, "answer-entries")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#answer-why li")) >= 2


def test_free_text_is_read_and_a_candidate_picked(server, browser):
    open_page(browser, server)
    Select(browser.find_element(By.ID, "place")).select_by_value(VILLAGE)
    field = browser.find_element(By.ID, "task")
    field.send_keys("12345群租整治")
    browser.find_element(By.ID, "ask").click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#answer-candidates a"))
    assert text_of(browser, "answer-status") == "不在事项目录中"
    candidates = browser.find_elements(By.CSS_SELECTOR, "#answer-candidates a")
    assert candidates[0].text.startswith("GD-02 ")
    candidates[0].click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "answer-owner").get_attribute("data-level"))
    assert browser.find_element(By.ID, "answer-owner").get_attribute("data-level") == "town"
    assert "街镇综合行政执法队" in text_of(browser, "answer-owner")
    screenshot(browser, "serve-owner.png")


def test_english_switch_words_the_page_and_the_answer(server, browser):
    open_page(browser, server)
    Select(browser.find_element(By.ID, "place")).select_by_value(VILLAGE)
    browser.find_element(By.ID, "task").send_keys("ZM-01")
    browser.find_element(By.ID, "ask").click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.ID, "answer-roles"))
    browser.find_element(By.ID, "language").click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "tab-owner").text == "Who owns it")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "answer-status").text == "listed")
    village = browser.find_element(By.CSS_SELECTOR, "#answer-roles tr[data-level='village']")
    assert village.text.split()[-1] == "forbidden"
    assert text_of(browser, "answer-why").startswith("question:")
    browser.find_element(By.ID, "language").click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "tab-owner").text == "查询归属")


def test_check_pane_uploads_a_directive_and_shows_the_verdict(server, browser):
    open_page(browser, server)
    browser.find_element(By.ID, "tab-check").click()
    directive = DIRECTIVES / "county-routine-2025.yaml"
    browser.find_element(By.ID, "directive-file").send_keys(str(directive))
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "directive").get_attribute("value"))
    assert browser.find_element(By.ID, "directive").get_attribute("value") == directive.read_text(encoding="utf-8")
    browser.find_element(By.ID, "check").click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.ID, "verdict"))
    assert browser.find_element(By.ID, "verdict").get_attribute("data-verdict") == "reject"
    assert text_of(browser, "verdict") == "审查结论：不予下发"
    report = browser.find_element(By.ID, "report")
    assert report.get_attribute("sandbox") == ""
    browser.switch_to.frame(report)
    assert browser.find_element(By.ID, "verdict").get_attribute("class") == "verdict reject"
    assert "QD001" in browser.find_element(By.TAG_NAME, "body").text
    browser.switch_to.default_content()
    download = browser.find_element(By.ID, "download")
    assert download.is_displayed() and download.get_attribute("href").startswith("blob:")
    screenshot(browser, "serve-check.png")


def test_check_pane_reports_a_broken_directive_where_it_is(server, browser):
    open_page(browser, server)
    browser.find_element(By.ID, "tab-check").click()
    area = browser.find_element(By.ID, "directive")
    area.send_keys("qingdan: 1\nkind: directive\nid: X\nissued: 2025-13-01\nitems: []\n")
    browser.find_element(By.ID, "check").click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#check-result .error"))
    message = browser.find_element(By.CSS_SELECTOR, "#check-result .error").text
    assert "line=4" in message and "[QL103]" in message


def test_text_from_a_directive_never_runs_as_script(server, browser):
    open_page(browser, server)
    mark = "document.documentElement.setAttribute('data-injected','yes')"
    hostile = f"<img src=x onerror=\"{mark}\"><script>{mark}</script>"
    browser.find_element(By.ID, "task").send_keys(hostile)
    browser.find_element(By.ID, "ask").click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.ID, "answer-status"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("data-injected") is None
    assert text_of(browser, "answer-task") == f"“{hostile}”"  # shown as text, as typed
    browser.find_element(By.ID, "tab-check").click()
    area = browser.find_element(By.ID, "directive")
    area.clear()
    area.send_keys("qingdan: 1\nkind: directive\nid: " + json.dumps(hostile) +
                   "\nissued: 2025-01-01\nitems:\n  - {task: 上传工作截图或视频作为评价依据, frequency: daily, effort_hours: 1}\n")
    browser.find_element(By.ID, "check").click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.ID, "verdict"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("data-injected") is None


def test_rulebook_pane_lists_the_editions_in_force_with_their_sources(server, browser):
    open_page(browser, server)
    browser.find_element(By.ID, "tab-rulebook").click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#rulebook-result .card"))
    book = api(server, "/v1/rulebook")
    for list_name in ("power", "self_governance", "collaboration", "negative"):
        card = browser.find_element(By.CSS_SELECTOR, f"#rulebook-result .card[data-list='{list_name}']")
        editions = [e for e in book["editions"] if e["list"] == list_name]
        assert len(card.find_elements(By.CSS_SELECTOR, "tr")) == (len(editions) + 1 if editions else 0)
        for edition in editions:
            assert f"{edition['file']}:{edition['line']}" in card.text
    screenshot(browser, "serve-rulebook.png")

"""The page probe: members found while scenarios run, candidates for the missing, the merged
report and the command's exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page

from harness.run.probe import Outcome, Recorder, cues_of, merge, probe_command, report_lines, shown_count
from harness.target.portals import PageTable, page_paths
from pages.base import PortalPage, clickable, field, tab

REPO = Path(__file__).resolve().parents[2]

# A login page drawn the in-house way (shared/evidence: gd- components, a QR code first): the
# tab is a span, the submit a div, the account field known only by its placeholder.
IN_HOUSE = """<!doctype html><html><body>
<div class="gd-tabs-nav"><div class="gd-tabs-nav-item gd-tabs-nav-active"><span>法人登录</span></div></div>
<div class="qr">请使用微信扫码登录</div>
<a class="switch" onclick="document.querySelector('.pwd').style.display='block'">账号密码</a>
<div class="pwd" style="display:none">
  <input class="gd-input" placeholder="请输入账号">
  <div class="gd-btn gd-btn-primary">登录</div>
</div>
</body></html>"""


class InHouseLoginPage(PortalPage):
    """What a page object written for accessible markup holds."""

    def __init__(self, page: Page, base_url: str, paths: PageTable) -> None:
        super().__init__(page, base_url, paths)
        self.legal_tab = tab(page, "法人登录")
        self.password_method = clickable(page, "账号密码")
        self.account = page.get_by_label("账号")
        self.login_button = page.get_by_role("button", name="登录")


class InHouseLegalLoginPage(InHouseLoginPage):
    """A subclass adding one member of its own."""

    def __init__(self, page: Page, base_url: str, paths: PageTable) -> None:
        super().__init__(page, base_url, paths)
        self.qr_code = page.get_by_text("请使用微信扫码登录")


def _probed(page: Page) -> tuple[Recorder, InHouseLoginPage]:
    record = Recorder()
    login = InHouseLoginPage(page, "http://portal.test", PageTable(page_paths(), watch=record.built))
    return record, login


def test_cues_are_the_texts_a_member_looks_for(page: Page) -> None:
    assert cues_of(field(page, "统一社会信用代码")) == ["统一社会信用代码"]
    assert cues_of(page.get_by_placeholder("请输入图中算式的计算结果")) == ["请输入图中算式的计算结果"]
    assert cues_of(page.locator("css=input.user")) == []


def test_a_member_is_found_once_a_step_shows_it(page: Page) -> None:
    page.set_content(IN_HOUSE)
    record, login = _probed(page)
    record.look()
    # The helpers see the in-house tab and link; a label or role the page does not have is not.
    assert record.found == {"InHouseLoginPage.legal_tab": 1, "InHouseLoginPage.password_method": 1}
    login.password_method.click()  # what a scenario's step does: the probe only looks afterwards
    record.look()
    assert "InHouseLoginPage.login_button" not in record.found and "InHouseLoginPage.account" not in record.found


def test_a_member_not_found_gets_the_elements_that_read_its_cue(page: Page) -> None:
    page.set_content(IN_HOUSE)
    record, login = _probed(page)
    login.password_method.click()
    record.look()
    assert "InHouseLoginPage.legal_tab" not in record.candidates
    assert record.candidates["InHouseLoginPage.login_button"]["cues"] == ["登录"]
    button = record.candidates["InHouseLoginPage.login_button"]["elements"]
    assert {"tag": "div", "classes": "gd-btn gd-btn-primary", "text": "登录"}.items() <= button[0].items()
    account = record.candidates["InHouseLoginPage.account"]["elements"]
    assert (account[0]["tag"], account[0]["placeholder"]) == ("input", "请输入账号")
    assert [element["text"] for element in account[1:]] == ["账号密码"]  # the cue is in the link's text too


def test_a_page_object_whose_page_is_not_showing_is_not_judged(page: Page) -> None:
    page.set_content("<p>别的页面</p>")
    record, _ = _probed(page)
    record.look()
    assert record.found == {} and record.candidates == {} and record.reached == set()


def test_the_page_objects_of_an_ended_scenario_are_not_looked_at(page: Page) -> None:
    page.set_content(IN_HOUSE)
    record, _ = _probed(page)
    record.forget_pages()
    record.look()
    assert record.found == {}


def test_an_inherited_member_is_credited_to_the_class_that_assigns_it(page: Page) -> None:
    page.set_content(IN_HOUSE)
    record = Recorder(
        catalogue={
            "InHouseLoginPage": ["legal_tab", "password_method", "account", "login_button"],
            "InHouseLegalLoginPage": ["qr_code"],
        },
        declared=True,
    )
    InHouseLegalLoginPage(page, "http://portal.test", PageTable(page_paths(), watch=record.built))
    record.look()
    assert record.found == {
        "InHouseLoginPage.legal_tab": 1,
        "InHouseLoginPage.password_method": 1,
        "InHouseLegalLoginPage.qr_code": 1,
    }
    assert record.reached == {"InHouseLoginPage", "InHouseLegalLoginPage"}


def test_a_chosen_option_counts_as_shown_when_its_select_shows(page: Page) -> None:
    page.set_content(
        "<label>证件类型<select><option>身份证</option><option selected>护照</option></select></label>"
        "<select hidden><option selected>x</option></select>"
    )
    assert shown_count(page.locator("option:checked")) == 1


def test_a_drawn_dropdown_s_chosen_item_counts_as_shown_by_the_text_in_its_box(page: Page) -> None:
    # layui's drawn select (its default markup): the list is hidden while closed.
    page.set_content(
        '<div class="layui-form-select">'
        '<div class="layui-select-title"><input class="layui-input" readonly value="营业执照"></div>'
        '<dl style="display:none"><dd>组织机构代码证</dd><dd class="layui-this">营业执照</dd></dl></div>'
        '<div class="layui-form-select">'
        '<div class="layui-select-title"><input class="layui-input" readonly value=""></div>'
        '<dl style="display:none"><dd class="layui-this other">身份证</dd></dl></div>'
    )
    assert shown_count(page.locator("dd.layui-this")) == 1
    assert shown_count(page.locator("dd.other")) == 0  # chosen, but its box does not show it


def test_worker_records_merge_into_one_report(tmp_path: Path) -> None:
    first = {
        "catalogue": {"LoginPage": ["account", "tab"], "HelpPage": ["title"]},
        "found": {"LoginPage.account": 1},
        "candidates": {},
        "reached": ["LoginPage"],
    }
    tab_seen = {
        "url": "http://portal.test/login",
        "cues": ["个人登录"],
        "elements": [{"tag": "span", "classes": "gd-tab", "text": "个人登录", "visible": True}],
    }
    second = {
        "catalogue": {"LoginPage": ["account", "tab"]},
        "found": {"LoginPage.account": 2},
        "candidates": {"LoginPage.tab": tab_seen},
        "reached": ["LoginPage"],
    }
    for name, record in (("gw0", first), ("gw1", second)):
        (tmp_path / f"probe-{name}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    outcome = merge(tmp_path)
    assert outcome.found == {"LoginPage.account": 2} and outcome.missing == ["HelpPage.title", "LoginPage.tab"]
    lines = report_lines(outcome)
    assert lines[0] == "HelpPage（运行的场景没有显示过此页面）"
    assert "  ✓ account  找到（2 个可见）" in lines
    assert any(line.startswith("  ✗ tab") and "线索 「个人登录」" in line for line in lines)
    assert '      <span class="gd-tab"> 「个人登录」' in lines
    assert lines[-1] == "页面对象成员：找到 1 / 3，未找到 2"


def test_every_member_found_reports_no_miss() -> None:
    outcome = Outcome({"LoginPage": ["account"]}, {"LoginPage.account": 1}, {}, {"LoginPage"})
    assert outcome.missing == [] and report_lines(outcome)[-1] == "页面对象成员：找到 1 / 1，未找到 0"


def test_the_probe_is_read_only_off_the_mock(tmp_path: Path) -> None:
    assert probe_command("staging", "spa", None, tmp_path, True, [])[-2:] == ["-m", "not destructive"]
    assert "not destructive" not in probe_command(None, "classic", None, tmp_path, False, [])


def _probe(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in ("HARNESS_ENV", "GDZWFW_URL", "HRSS_URL", "HARNESS_ENVIRONMENTS")
    }
    command = [sys.executable, "-m", "harness.cli.probe", "--out", str(tmp_path / "probe"), *args]
    return subprocess.run(command, cwd=REPO, env=environ, capture_output=True, text=True, timeout=300)


def test_the_command_on_the_mock_reports_each_member_and_fails_on_a_miss(tmp_path: Path) -> None:
    # One feature's scenarios show the login page but not, say, the registration wizard.
    run = _probe(tmp_path, "--mock-ui", "classic", "--", "--feature-path", "A1.2_", "-n", "0", "-p", "no:randomly")
    output = run.stdout + run.stderr
    assert run.returncode == 1, output[-3000:]
    assert "== 页面探测：环境 mock（界面 classic）" in output
    assert "  ✓ account " in output and "  ✓ captcha " in output, output[-3000:]
    assert "RegistrationWizardPage（运行的场景没有显示过此页面）" in output
    assert output.rstrip().splitlines()[-1].startswith("页面对象成员：找到 ")


def test_the_command_stops_with_pytest_s_message_when_the_run_cannot_start(tmp_path: Path) -> None:
    run = _probe(tmp_path, "--env", "nowhere")
    output = run.stdout + run.stderr
    assert run.returncode == 4 and "未知的环境「nowhere」" in output and "页面对象成员" not in output, output[-2000:]


def test_make_probe_pages_runs_the_probe_on_env_and_ui() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nprobe-pages:", 1)[1].split("\n\n", 1)[0]
    assert target.startswith(" setup ## ") and "$(PY) -m harness.cli.probe --env $(ENV) --mock-ui $(UI)" in target

"""Every locator helper of `pages.base` on the same scene drawn by seven UI libraries' real
builds (Element UI, Element Plus, Ant Design Vue, View Design, layui, jQuery EasyUI,
Bootstrap 5, all from node_modules) and by an in-house `gd-` page (see `library_scenes`).
A failure's id names the library and the helper."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Generator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from pages import base
from tests.library_scenes import CITIES, ERROR, HELP_PAGE, SCENES, TOAST

NODE_MODULES = (Path(__file__).resolve().parents[2] / "node_modules").resolve()
TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
}


class _SceneFiles(BaseHTTPRequestHandler):
    """Answers /scene/<library>.html, /help.html and /nm/<file under node_modules>."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path.split("?")[0]
        if path.startswith("/scene/") and path[7:-5] in SCENES:
            self._answer(SCENES[path[7:-5]].encode(), TYPES[".html"])
        elif path == "/help.html":
            self._answer(HELP_PAGE.encode(), TYPES[".html"])
        elif (
            path.startswith("/nm/")
            and (file := (NODE_MODULES / path[4:]).resolve()).is_file()
            and file.is_relative_to(NODE_MODULES)
        ):
            self._answer(file.read_bytes(), TYPES.get(file.suffix, "application/octet-stream"))
        else:
            self.send_error(404)

    def _answer(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's name)
        pass


@pytest.fixture(scope="module")
def scene_server() -> Generator[str, None, None]:
    """A static server on 127.0.0.1 for the scenes and node_modules; its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SceneFiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    with urllib.request.urlopen(f"{url}/help.html", timeout=10) as answer:  # listening: fail loudly if not
        assert answer.status == 200
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def scene_context(browser: Browser) -> Generator[BrowserContext, None, None]:
    """One context for the module, with no way out to the network but the scene server."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.add_init_script(script=base.MESSAGE_LOG_SCRIPT)  # as the suite's contexts do (`told`)
    context.route(
        lambda url: not url.startswith("http://127.0.0.1") and not url.startswith("data:"), lambda route: route.abort()
    )
    yield context
    context.close()


@pytest.fixture(params=list(SCENES))
def scene(
    request: pytest.FixtureRequest, scene_server: str, scene_context: BrowserContext
) -> Generator[Page, None, None]:
    """The scene of one library, freshly drawn."""
    page = scene_context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{scene_server}/scene/{request.param}.html")
    page.wait_for_function("window.sceneReady === true")
    yield page
    page.close()


def test_field_by_label_placeholder_and_only_the_visible_one(scene: Page) -> None:
    account = base.field(scene, "账号")
    account.fill("unit-admin")
    expect(account).to_have_value("unit-admin")
    password = base.field(scene, "密码")  # placeholder 请输入密码 only; a hidden pane holds another
    password.fill("Secret-123")
    expect(password).to_have_value("Secret-123")
    expect(base.field(scene, "请输入图中算式的计算结果")).to_have_count(1)
    expect(base.field(scene, "不存在的字段")).to_have_count(0)


def test_field_message_shows_the_fields_error(scene: Page) -> None:
    expect(base.field_messages(scene).filter(has_text=ERROR)).to_have_count(0)
    base.clickable(scene, "登录").click()
    base.field(scene, "账号").focus()  # a tip shown beside a field shows while it has the focus
    expect(base.field_message(scene, "账号")).to_contain_text(ERROR)
    expect(base.field_messages(scene).filter(has_text=ERROR)).to_have_count(1)
    expect(base.field_message(scene, "密码")).to_have_count(0)


def test_message_is_the_toast_while_it_shows(scene: Page) -> None:
    expect(base.message(scene, TOAST)).to_have_count(0)
    base.field(scene, "账号").fill("unit-admin")
    base.clickable(scene, "登录").click()
    expect(base.message(scene, TOAST)).to_be_visible()
    expect(base.message(scene).filter(has_text=TOAST)).to_have_count(1)


def test_told_reads_a_toast_that_has_gone_already(scene: Page) -> None:
    with pytest.raises(AssertionError):
        base.told(scene, TOAST, timeout=300)  # not said yet
    base.field(scene, "账号").fill("unit-admin")
    base.clickable(scene, "登录").click()
    expect(base.message(scene, TOAST)).to_be_visible()
    # The recorder reads a toast once it is laid out (an entering one a moment later): wait for it.
    scene.wait_for_function("(text) => window.__shownMessages.includes(text)", arg=TOAST)
    # The toast goes (as it would after a few seconds on a busy machine): it was said all the same.
    base.message(scene, TOAST).evaluate_all("(notes) => notes.forEach((note) => note.remove())")
    expect(base.message(scene, TOAST)).to_have_count(0)
    base.told(scene, TOAST, timeout=300)
    with pytest.raises(AssertionError):
        base.told(scene, TOAST[:-1], timeout=300)  # the whole text, not a part of it


def test_message_with_text_finds_a_field_hint(scene: Page) -> None:
    base.clickable(scene, "登录").click()
    base.field(scene, "账号").focus()
    expect(base.message(scene, ERROR)).to_have_count(1)


def test_selected_tab_and_tab_by_name(scene: Page) -> None:
    expect(base.selected_tab(scene)).to_have_text("法人登录")
    expect(base.tab(scene, "个人登录")).to_have_count(1)
    expect(base.tab(scene, "不存在")).to_have_count(0)
    base.tab(scene, "个人登录").click()
    expect(base.selected_tab(scene)).to_have_text("个人登录")
    expect(base.tab(scene, "个人登录").and_(base.selected_tab(scene))).to_have_count(1)


def test_steps_and_the_current_step(scene: Page) -> None:
    expect(base.progress_steps(scene)).to_have_count(3)
    expect(base.current_step(scene)).to_contain_text("实名核验")
    expect(base.current_step(scene)).to_have_count(1)


def test_current_menu_item(scene: Page) -> None:
    if "easyui" in scene.url:
        pytest.skip("jQuery EasyUI 1.5 has no navigation menu component")
    expect(base.current_menu_item(scene)).to_have_text("单位信息")


def test_clickable_whatever_its_tag(scene: Page) -> None:
    for text in ("登录", "查看说明", "用户帮助"):
        expect(base.clickable(scene, text)).to_have_count(1)
    expect(base.clickable(scene, "扫码登录")).to_have_count(0)  # a caption is not clickable


def test_image_by_the_text_or_placeholder_beside_it(scene: Page) -> None:
    captcha = base.image(scene, "请输入图中算式的计算结果")
    expect(captcha).to_have_count(1)
    expect(captcha).to_have_attribute("class", "captcha")
    qr = base.image(scene, "扫码登录")
    expect(qr).to_have_count(1)
    expect(qr).not_to_have_class("captcha")


def test_follow_new_tab(scene: Page) -> None:
    help_page = base.follow_new_tab(base.clickable(scene, "用户帮助"))
    expect(help_page.get_by_role("heading", name="帮助中心")).to_be_visible()
    assert help_page != scene
    help_page.close()


def test_dialog_by_its_title(scene: Page) -> None:
    expect(base.dialog(scene, "网银证书核验")).to_have_count(0)
    base.clickable(scene, "查看说明").click()
    shown = base.dialog(scene, "网银证书核验")
    expect(shown).to_have_count(1)
    expect(shown).to_contain_text("请插入网银证书")


def test_tick_and_checked_box(scene: Page) -> None:
    text = "我已阅读并同意"
    expect(base.checkbox(scene, text)).to_have_count(1)
    expect(base.checked_box(scene, text)).to_have_count(0)
    base.tick(scene, text)
    expect(base.checked_box(scene, text)).to_have_count(1)
    base.tick(scene, text)  # already ticked: stays ticked
    expect(base.checked_box(scene, text)).to_have_count(1)
    assert "#terms" not in scene.url, "the click must not follow the agreement's link"


def test_choose_radio(scene: Page) -> None:
    base.choose_radio(scene, "护照")
    base.choose_radio(scene, "身份证")


def test_choose_and_chosen_option(scene: Page) -> None:
    expect(base.open_choices(scene, "城市")).to_contain_text(CITIES)
    base.choose(scene, "城市", "佛山市")
    chosen = base.chosen_option(scene, "城市")
    if chosen.evaluate("chosen => chosen.tagName") == "INPUT":
        expect(chosen).to_have_value("佛山市")
    else:
        expect(chosen).to_have_text("佛山市")


def test_shows_waits_for_the_next_view(scene: Page) -> None:
    base.tab(scene, "个人登录").click()
    base.shows(base.field(scene, "密码"))
    expect(base.field(scene, "账号")).to_have_count(0 if "in-house" not in scene.url else 1)


def test_message_is_the_answer_not_its_buttons_or_a_loading_mask(
    scene_server: str, scene_context: BrowserContext
) -> None:
    # jQuery EasyUI's messager puts its 确定 under a `messager-button` and a table being filled
    # under a `datagrid-mask-msg`: class words that say message, read by nobody as one.
    page = scene_context.new_page()
    page.goto(f"{scene_server}/scene/easyui.html")
    page.wait_for_function("window.sceneReady === true")
    page.evaluate(
        """(toast) => {
        const grid = $("<table>").appendTo("body");
        grid.datagrid({ columns: [[{ field: "name", title: "单位名称" }]], loadMsg: "正在处理，请稍待。。。" });
        grid.datagrid("loading");
        $.messager.alert("提示", toast);
    }""",
        TOAST,
    )
    expect(page.get_by_text("正在处理，请稍待。。。")).to_be_visible()
    expect(base.message(page)).to_have_text(TOAST)
    page.close()


def test_selected_tab_in_a_row_no_word_calls_tabs(page: Page) -> None:
    # HRSS's bundled login draws 单位登录 / 个人登录 as `div`s, the chosen one `current`, and
    # the methods under it as `span`s, the chosen one `active`: nothing says tab.
    page.set_content(
        "<div class='login-type'><div class='login-type-item'>单位登录</div>"
        "<div class='login-type-item current'>个人登录</div></div>"
        "<div class='login-way'><span class='login-way-item active'>扫码登录</span>"
        "<span class='login-way-item'>账号密码</span></div>"
    )
    expect(base.tab(page, "个人登录").and_(base.selected_tab(page))).to_have_count(1)
    expect(base.tab(page, "单位登录").and_(base.selected_tab(page))).to_have_count(0)
    expect(base.selected_tab(page)).to_have_text(["个人登录", "扫码登录"])
    page.get_by_text("单位登录").evaluate("item => item.classList.add('current')")  # two current: none is
    expect(base.tab(page, "个人登录").and_(base.selected_tab(page))).to_have_count(0)


def test_a_box_is_clicked_once_what_holds_it_stops_moving(page: Page) -> None:
    # A pane that slides in (View Design's animated tabs) moves the box between the press and the
    # release of a click, which then ticks nothing: the helpers wait for the slide to end. Here
    # the slide waits 0.4 s before it moves, so the box looks still to Playwright's own check.
    page.set_content(
        "<div id='pane' style='transition: transform 0.3s linear 0.4s'>"
        "<label><input type='checkbox' onclick='window.movingAtClick = document.getAnimations().length'>"
        "我已阅读并同意</label></div>"
    )
    slide = "() => { const pane = document.getElementById('pane'); pane.getBoundingClientRect();"
    page.evaluate(slide + " pane.style.transform = 'translateX(40px)'; }")
    assert page.evaluate("document.getAnimations().length") == 1  # the pane is about to move
    base.tick(page, "我已阅读并同意")
    assert page.evaluate("window.movingAtClick") == 0
    expect(base.checked_box(page, "我已阅读并同意")).to_have_count(1)

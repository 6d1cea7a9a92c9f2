"""The locator helpers of `pages.base` against small static pages of each style: classic
accessible markup, Element-UI rendered by the real Vue 2 + Element-UI builds, and layui drawn
by the real layui build (all three from node_modules)."""

from __future__ import annotations

import re
from collections.abc import Callable, Generator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from pages import base

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"

CLASSIC = """<!doctype html><html lang="zh-CN"><body>
<div role="tablist"><a role="tab" href="#" aria-selected="false">个人登录</a><a role="tab" href="#" aria-selected="true">法人登录</a></div>
<form>
  <div class="field"><label for="account">法人登录账号：</label><input id="account" aria-describedby="account-error" value="ab">
    <p class="error" role="alert" id="account-error">请输入6-20位字符</p></div>
  <div class="field"><label for="password">登录密码</label><input id="password" type="password"></div>
  <div class="field"><label for="city">证件地址（市）</label>
    <select id="city"><option value="">请选择</option><option>广州市</option><option>佛山市</option></select></div>
  <div class="field"><input type="checkbox" id="agreed"><label for="agreed">我已阅读并同意遵守《<a href="#x">用户服务协议</a>》</label></div>
  <div class="field"><input type="radio" id="r1" name="kind"><label for="r1">身份证</label>
    <input type="radio" id="r2" name="kind"><label for="r2">护照</label></div>
  <button type="button">下一步</button> <a href="#help">用户帮助</a>
</form>
<p role="status">信息已修改</p>
<ol aria-label="注册步骤"><li>1 输入基础信息</li><li aria-current="step">2 实名核验</li><li>3 注册完成</li></ol>
<section aria-labelledby="n"><h2 id="n">注意说明</h2><ol><li>第一条</li></ol></section>
<div role="dialog" aria-labelledby="t"><h2 id="t">网银证书核验</h2><button>数字证书核验</button></div>
</body></html>"""

ELEMENT = """<!doctype html><html lang="zh-CN"><head><link rel="stylesheet" href="/theme.css"></head><body>
<div id="app">
  <el-tabs v-model="tab"><el-tab-pane label="个人登录" name="personal"></el-tab-pane><el-tab-pane label="法人登录" name="legal"></el-tab-pane></el-tabs>
  <el-form ref="form" :model="form" :rules="rules" label-width="140px">
    <el-form-item label="法人登录账号" prop="account"><el-input v-model="form.account" placeholder="请输入账号"></el-input></el-form-item>
    <el-form-item label="登录密码" prop="password"><el-input v-model="form.password" show-password></el-input></el-form-item>
    <el-form-item label="证件地址（市）" prop="city">
      <el-select v-model="form.city" placeholder="请选择"><el-option v-for="c in cities" :key="c" :label="c" :value="c"></el-option></el-select>
    </el-form-item>
    <el-form-item prop="agreed"><el-checkbox v-model="form.agreed">我已阅读并同意遵守《<a>用户服务协议</a>》</el-checkbox></el-form-item>
    <el-form-item label="证件类型"><el-radio-group v-model="form.kind"><el-radio label="身份证"></el-radio><el-radio label="护照"></el-radio></el-radio-group></el-form-item>
    <el-form-item><el-button type="primary" @click="next">下一步</el-button> <a class="link" @click="help = true">用户帮助</a></el-form-item>
  </el-form>
  <el-steps :active="1"><el-step title="1 输入基础信息" icon="el-icon-edit"></el-step><el-step title="2 实名核验" icon="el-icon-user"></el-step><el-step title="3 注册完成" icon="el-icon-check"></el-step></el-steps>
  <el-card><div slot="header"><span>注意说明</span></div><ol><li>第一条</li></ol></el-card>
  <el-dialog title="网银证书核验" :visible.sync="help"><el-button>数字证书核验</el-button></el-dialog>
</div>
<script>
new Vue({
  el: "#app",
  data: {
    tab: "legal", help: false, cities: ["广州市", "佛山市"],
    form: { account: "ab", password: "", city: "", agreed: false, kind: "" },
    rules: { account: [{ min: 6, message: "请输入6-20位字符", trigger: "blur" }] },
  },
  methods: { next() { this.$refs.form.validate(() => {}); this.$message.success("信息已修改"); } },
});
</script></body></html>"""

LAYUI = """<!doctype html><html lang="zh-CN"><head><link rel="stylesheet" href="/layui.css"></head><body>
<div class="layui-tab"><ul class="layui-tab-title"><li>单位登录</li><li class="layui-this">个人登录</li></ul></div>
<ul class="layui-timeline"><li class="layui-timeline-item">1 输入基础信息</li><li class="layui-timeline-item layui-this">2 实名核验</li><li class="layui-timeline-item">3 注册完成</li></ul>
<div class="layui-card"><div class="layui-card-header">注意说明</div><div class="layui-card-body"><ol><li>第一条</li></ol></div></div>
<form class="layui-form">
  <div class="layui-form-item"><label class="layui-form-label">*登录账号</label>
    <div class="layui-input-block"><input name="account" class="layui-input" value="ab"></div>
    <div class="layui-form-mid">请输入5-20位登录账号</div></div>
  <div class="layui-form-item"><label class="layui-form-label">登录密码</label>
    <div class="layui-input-block"><input name="password" type="password" class="layui-input"></div></div>
  <div class="layui-form-item"><label class="layui-form-label">所在城市</label>
    <div class="layui-input-block"><select name="city"><option value="">请选择</option><option>广州市</option><option>佛山市</option></select></div></div>
  <div class="layui-form-item"><div class="layui-input-block"><input type="checkbox" name="agreed" title="我已阅读并同意用户协议" lay-skin="primary"></div></div>
  <div class="layui-form-item"><label class="layui-form-label">证件类型</label><div class="layui-input-block">
    <input type="radio" name="kind" value="id" title="身份证"><input type="radio" name="kind" value="passport" title="护照"></div></div>
  <div class="layui-form-item"><div class="layui-input-block"><a href="javascript:;" class="layui-btn" id="next">下一步</a></div></div>
</form>
<script>
layui.use(["form", "layer"], function () {
  layui.form.render();
  document.getElementById("next").onclick = function () {
    layui.layer.msg("信息已修改");
    layui.layer.open({ type: 1, title: "选择单位", content: '<p>请选择要登录的单位</p>' });
  };
});
</script></body></html>"""


def _fulfil_with(file: Path) -> Callable[[Route], None]:
    return lambda route: route.fulfill(path=str(file))


def _serve(page: Page, html: str, files: dict[str, Path]) -> None:
    """Answers the test page and its framework files from memory and node_modules, on one origin."""
    page.route("http://pages.test/", lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    for url_path, file in files.items():
        page.route(f"http://pages.test{url_path}", _fulfil_with(file))
    page.goto("http://pages.test/")


@pytest.fixture(scope="module")
def styled_pages(browser: Browser) -> Generator[dict[str, Page], None, None]:
    """One browser page per style, loaded once for the module (the frameworks take a moment)."""
    context = browser.new_context(locale="zh-CN")
    pages = {name: context.new_page() for name in ("classic", "element", "layui")}
    _serve(pages["classic"], CLASSIC, {})
    element = ELEMENT.replace(
        "<script>\nnew Vue", '<script src="/vue.js"></script><script src="/element.js"></script><script>\nnew Vue'
    )
    _serve(
        pages["element"],
        element,
        {
            "/theme.css": NODE_MODULES / "element-ui/lib/theme-chalk/index.css",
            "/vue.js": NODE_MODULES / "vue/dist/vue.min.js",
            "/element.js": NODE_MODULES / "element-ui/lib/index.js",
        },
    )
    layui = LAYUI.replace("<script>\nlayui.use", '<script src="/layui.js"></script><script>\nlayui.use')
    _serve(
        pages["layui"],
        layui,
        {"/layui.css": NODE_MODULES / "layui/dist/css/layui.css", "/layui.js": NODE_MODULES / "layui/dist/layui.js"},
    )
    expect(pages["element"].locator(".el-form-item").first).to_be_visible()
    expect(pages["layui"].locator(".layui-form-checkbox")).to_be_visible()
    yield pages
    context.close()


STYLES = ("classic", "element", "layui")


@pytest.fixture(params=STYLES)
def styled(request: pytest.FixtureRequest, styled_pages: dict[str, Page]) -> Page:
    """The page of one style."""
    return styled_pages[request.param]


def test_field_finds_the_input_by_its_label_text(styled: Page) -> None:
    account = "登录账号" if "layui" in styled.url or styled.locator(".layui-form").count() else "法人登录账号"
    expect(base.field(styled, account)).to_have_value("ab")
    base.field(styled, "登录密码").fill("Secret123")
    expect(base.field(styled, "登录密码")).to_have_value("Secret123")
    expect(base.field(styled, "登录密码")).to_have_count(1)


def test_field_does_not_match_a_label_that_only_contains_the_text(styled: Page) -> None:
    expect(base.field(styled, "密码")).to_have_count(0)
    expect(base.field(styled, "不存在的栏目")).to_have_count(0)


def test_clickable_finds_buttons_and_links_by_text(styled: Page) -> None:
    expect(base.clickable(styled, "下一步")).to_have_count(1)
    expect(base.clickable(styled, "下一")).to_have_count(0)


def test_selected_tab_is_the_one_the_page_shows(styled: Page) -> None:
    selected = "个人登录" if styled.locator(".layui-tab-title").count() else "法人登录"
    expect(base.selected_tab(styled)).to_have_text(selected)
    expect(base.tab(styled, selected)).to_have_count(1)
    expect(base.tab(styled, "不存在")).to_have_count(0)


def test_tabs_switch_and_the_selection_follows(styled_pages: dict[str, Page]) -> None:
    page = styled_pages["element"]
    base.tab(page, "个人登录").click()
    expect(base.selected_tab(page)).to_have_text("个人登录")
    base.tab(page, "法人登录").click()
    expect(base.selected_tab(page)).to_have_text("法人登录")


def test_tick_ticks_the_box_however_it_is_drawn(styled: Page) -> None:
    text = "我已阅读并同意"
    expect(base.checked_box(styled, text)).to_have_count(0)
    base.tick(styled, text)
    expect(base.checked_box(styled, text)).to_have_count(1)
    base.tick(styled, text)  # already ticked: stays ticked
    expect(base.checked_box(styled, text)).to_have_count(1)
    assert styled.url.endswith("/"), "the click must not follow the agreement's link"


def test_choose_picks_a_dropdown_choice(styled: Page) -> None:
    label = "所在城市" if styled.locator(".layui-form").count() else "证件地址（市）"
    expect(base.open_choices(styled, label)).to_contain_text(["广州市", "佛山市"])
    base.choose(styled, label, "佛山市")
    expect(base.field(styled, label)).to_have_value("佛山市")


def test_open_choices_lists_only_what_is_offered(styled: Page) -> None:
    label = "所在城市" if styled.locator(".layui-form").count() else "证件地址（市）"
    choices = base.open_choices(styled, label)
    expect(choices.filter(has_text="广州市")).to_have_count(1)
    expect(choices.filter(has_text="深圳市")).to_have_count(0)
    styled.mouse.click(1, 1)  # a click elsewhere closes a drawn dropdown again


def test_choose_radio_picks_one(styled: Page) -> None:
    base.choose_radio(styled, "护照")
    checked = styled.get_by_role("radio", name="护照", checked=True).or_(
        styled.locator(".layui-form-radioed").filter(has_text="护照")
    )
    expect(checked).to_have_count(1)
    unchecked = styled.get_by_role("radio", name="身份证", checked=True).or_(
        styled.locator(".layui-form-radioed").filter(has_text="身份证")
    )
    expect(unchecked).to_have_count(0)


def test_field_message_is_the_one_in_the_fields_row(styled: Page) -> None:
    if styled.locator(".el-form").count():
        base.clickable(styled, "下一步").click()
    account = "登录账号" if styled.locator(".layui-form").count() else "法人登录账号"
    expect(base.field_message(styled, account)).to_contain_text("位")
    expect(base.field_message(styled, "登录密码")).to_have_count(0)


def test_message_and_dialog(styled: Page) -> None:
    if not base.message(styled).count():
        base.clickable(styled, "下一步").click()
    # Earlier clicks may have raised the same toast again: any one of them will do.
    expect(base.message(styled, "信息已修改").first).to_be_visible()
    expect(base.message(styled, "没有这条提示")).to_have_count(0)
    if styled.locator(".el-form").count():
        base.clickable(styled, "用户帮助").click()
    title = "选择单位" if styled.locator(".layui-form").count() else "网银证书核验"
    try:
        expect(base.dialog(styled, title)).to_be_visible()
        expect(base.dialog(styled, "另一个弹窗")).to_have_count(0)
    finally:
        _close_dialogs(styled)


def _close_dialogs(page: Page) -> None:
    """Closes what the dialog test opened, so that the other tests on this page can click."""
    if page.locator(".layui-layer").count():
        page.evaluate("() => layui.layer.closeAll()")
    elif page.locator(".el-dialog__wrapper").count():
        page.keyboard.press("Escape")
        expect(page.locator(".el-dialog__wrapper")).to_be_hidden()


def test_progress_steps_and_the_current_one(styled: Page) -> None:
    expect(base.progress_steps(styled)).to_have_text(["1 输入基础信息", "2 实名核验", "3 注册完成"])
    expect(base.current_step(styled)).to_have_text("2 实名核验")
    expect(base.current_step(styled).filter(has_text="1 输入基础信息")).to_have_count(0)


def test_block_is_the_part_titled_so(styled: Page) -> None:
    expect(base.block(styled, "注意说明")).to_have_count(1)
    expect(base.block(styled, "注意说明").get_by_role("listitem")).to_have_text(["第一条"])
    expect(base.block(styled, "第一条")).to_have_count(0)


def test_field_messages_says_whether_a_form_was_refused(styled: Page) -> None:
    if styled.locator(".el-form").count():
        base.clickable(styled, "下一步").click()
    expect(base.field_messages(styled).first).to_be_visible()
    expect(base.field_messages(styled).filter(has_text="没有这条提示")).to_have_count(0)


TOLD_PAGE = """<!doctype html><html><body>
<div role="alert" hidden>从未显示的提示</div>
<p>页面上的说明文字</p>
<button onclick="say('已保存')">保存</button>
<script>
  function say(text) {
    const toast = document.createElement("div");
    toast.className = "my-toast";
    document.body.append(toast);
    toast.textContent = text;  // worded after it is added, as frameworks render
    setTimeout(() => toast.remove(), 150);
  }
</script></body></html>"""


def test_told_is_what_a_message_showed_not_hidden_or_plain_text(browser: Browser) -> None:
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(script=base.MESSAGE_LOG_SCRIPT)
    try:
        page = context.new_page()
        _serve(page, TOLD_PAGE, {})
        page.get_by_role("button", name="保存").click()
        expect(page.locator(".my-toast")).to_have_count(0)  # shown for 150 ms, gone
        base.told(page, "已保存", timeout=300)
        base.told(page, re.compile("保存"), timeout=300)
        for never in ("从未显示的提示", "页面上的说明文字"):  # hidden; not a message
            with pytest.raises(AssertionError):
                base.told(page, never, timeout=300)
        page.reload()  # a new document: what the last one said is not this one's
        with pytest.raises(AssertionError):
            base.told(page, "已保存", timeout=300)
    finally:
        context.close()


def test_the_helpers_find_nothing_without_error_on_a_document_between_two_pages(page: Page) -> None:
    # While one page replaces another the document may have no element at all: a helper asked
    # then finds nothing (and an expect retries) instead of failing the step with a TypeError.
    page.set_content("<p>账号</p><input>")
    page.evaluate("() => document.documentElement.remove()")
    assert base.field(page, "账号").count() == 0
    assert base.message(page, "提示").count() == 0

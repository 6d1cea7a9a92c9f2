"""`pages.base.block` and `pages.base.checkbox` against a classic accessible page and a page
drawn by the real layui build (from node_modules)."""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from pages import base

LAYUI_DIST = Path(__file__).resolve().parents[2] / "node_modules" / "layui" / "dist"

CLASSIC = """<!doctype html><html lang="zh-CN"><body>
<section aria-labelledby="h4"><h2 id="h4">四、个人账号实名认证</h2><p>须达到二级实名。</p></section>
<table><caption>绑定申请</caption><tr><th>单位名称</th><th>状态</th></tr>
  <tr><td><input type="checkbox" id="u1"><label for="u1">甲公司</label></td><td>可申请</td></tr>
  <tr><td>乙公司</td><td>未绑定</td></tr></table>
<h2>已绑定的单位</h2><p>绑定申请的说明</p>
</body></html>"""

LAYUI = """<!doctype html><html lang="zh-CN"><head><link rel="stylesheet" href="/layui.css"></head><body>
<div class="layui-card"><div class="layui-card-header">四、个人账号实名认证</div><div class="layui-card-body">须达到二级实名。</div></div>
<div class="layui-card layui-form"><div class="layui-card-header">绑定申请</div><div class="layui-card-body">
  <table class="layui-table"><tr><th>单位名称</th><th>状态</th></tr>
  <tr><td><input type="checkbox" name="unit" value="1" title="甲公司" lay-skin="primary"></td><td>可申请</td></tr>
  <tr><td>乙公司</td><td>未绑定</td></tr></table></div></div>
<p>绑定申请的说明</p>
<script src="/layui.js"></script><script>layui.use("form", function () { layui.form.render(); });</script>
</body></html>"""


def _answer_with(html: str) -> Callable[[Route], None]:
    return lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8")


@pytest.fixture(scope="module")
def pages(browser: Browser) -> Generator[dict[str, Page], None, None]:
    """The classic and the layui page, loaded once for the module."""
    context = browser.new_context(locale="zh-CN")
    found: dict[str, Page] = {}
    for name, html in (("classic", CLASSIC), ("layui", LAYUI)):
        page = context.new_page()
        page.route("http://pages.test/", _answer_with(html))
        page.route(
            "http://pages.test/layui.css", lambda route: route.fulfill(path=str(LAYUI_DIST / "css" / "layui.css"))
        )
        page.route("http://pages.test/layui.js", lambda route: route.fulfill(path=str(LAYUI_DIST / "layui.js")))
        page.goto("http://pages.test/")
        found[name] = page
    expect(found["layui"].locator(".layui-form-checkbox")).to_be_visible()
    yield found
    context.close()


@pytest.fixture(params=("classic", "layui"))
def styled(request: pytest.FixtureRequest, pages: dict[str, Page]) -> Page:
    """The page of one style."""
    return pages[request.param]


def test_block_is_the_part_titled_so(styled: Page) -> None:
    expect(base.block(styled, "四、个人账号实名认证")).to_have_count(1)
    expect(base.block(styled, "四、个人账号实名认证")).to_contain_text("须达到二级实名。")
    expect(base.block(styled, "绑定申请").get_by_role("row").filter(has_text="乙公司")).to_contain_text("未绑定")


def test_block_needs_the_whole_title_first(styled: Page) -> None:
    expect(base.block(styled, "个人账号实名认证")).to_have_count(0)
    expect(base.block(styled, "已绑定的单位")).to_have_count(0)  # a heading among siblings is no block's title
    expect(base.block(styled, "绑定申请的说明")).to_have_count(0)


def test_checkbox_is_the_box_ticked_or_not(styled: Page) -> None:
    rows = base.block(styled, "绑定申请").get_by_role("row")
    expect(base.checkbox(rows.filter(has_text="甲公司"), "甲公司")).to_have_count(1)
    expect(base.checkbox(rows.filter(has_text="乙公司"), "乙公司")).to_have_count(0)
    expect(base.checked_box(styled, "甲公司")).to_have_count(0)
    base.tick(styled, "甲公司")
    expect(base.checkbox(styled, "甲公司")).to_have_count(1)

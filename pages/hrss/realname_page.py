"""HRSS platform 「实名认证」, reached top right while a handler acts for a unit, with its floating
box 「申请单位授权码」 (B1.5) and 「授权码实名」 (B1.7)."""

from __future__ import annotations

import re

from playwright.sync_api import FilePayload, Locator, Page

from pages.base import PortalPage
from pages.base import click_and_load


class RealnamePage(PortalPage):
    """实名认证: the unit's 授权码实名 state, the handler's applications and the two functions."""

    PATH = "/platform/realname"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.realname_link = page.get_by_role("link", name="实名认证", exact=True)
        self.float_box = page.get_by_role("complementary", name="实名认证功能")
        self.apply_link = self.float_box.get_by_role("link", name="申请单位授权码")
        self.authcode_link = self.float_box.get_by_role("link", name="授权码实名")
        self.authcode_state = page.get_by_text(re.compile(r"授权码实名：(已完成|未完成)"))
        self.applications = page.get_by_role("table", name="我的单位授权码申请")
        self.notice = page.get_by_role("status")
        self.errors = page.get_by_role("alert")
        # 申请单位授权码
        self.query_type = page.get_by_label("查询方式")
        self.query_value = page.get_by_label("查询号码")
        self.query_button = page.get_by_role("button", name="查询", exact=True)
        self.results = page.get_by_role("table", name="查询结果")
        self.materials = page.get_by_label("相关材料")
        self.submit_button = page.get_by_role("button", name="提交申请")
        # 授权码实名
        self.authcode = page.get_by_label("单位授权码")
        self.confirm_button = page.get_by_role("button", name="确认授权")

    def open_from_header(self) -> None:
        """Clicks 「实名认证」 at the top right of the platform."""
        click_and_load(self.realname_link)

    def open_function(self, name: str) -> None:
        """Floating box → 「申请单位授权码」 or 「授权码实名」, by name."""
        click_and_load(self.float_box.get_by_role("link", name=name))

    def open_apply(self) -> None:
        """Floating box → 「申请单位授权码」."""
        click_and_load(self.apply_link)

    def open_authcode(self) -> None:
        """Floating box → 「授权码实名」."""
        click_and_load(self.authcode_link)

    def query_unit(self, query_type: str, value: str) -> None:
        """Queries by 「单位管理码」, 「统一社会信用代码」 or 「组织机构代码」."""
        self.query_type.select_option(label=query_type)
        self.query_value.fill(value)
        click_and_load(self.query_button)

    def result_row(self, unit_name: str) -> Locator:
        """The query result row of a unit."""
        return self.results.get_by_role("row").filter(has_text=unit_name)

    def tick_box(self, unit_name: str) -> Locator:
        """The tick box of a unit in the query result."""
        return self.results.get_by_role("checkbox", name=unit_name, exact=True)

    def tick_unit(self, unit_name: str) -> None:
        """Ticks a unit for the application."""
        self.tick_box(unit_name).check()

    def upload_materials(self, files: list[FilePayload]) -> None:
        """Chooses the material files (name, MIME type, bytes) for 「相关材料」."""
        self.materials.set_input_files(files)

    def submit_application(self) -> None:
        """Clicks 「提交申请」."""
        click_and_load(self.submit_button)

    def application_row(self, unit_name: str) -> Locator:
        """The newest application that names the unit."""
        return self.applications.get_by_role("row").filter(has_text=unit_name).first

    def enter_authcode(self, code: str) -> None:
        """Types the 单位授权码 and clicks 「确认授权」."""
        self.authcode.fill(code)
        click_and_load(self.confirm_button)

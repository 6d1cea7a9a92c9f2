"""HRSS platform 「实名认证」, reached top right while a handler acts for a unit, with its floating
box 「申请单位授权码」 (B1.5) and 「授权码实名」 (B1.7)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import FilePayload, Locator, Page

from pages.base import (
    PortalPage,
    checkbox,
    choose,
    click_and_load,
    clickable,
    field,
    field_message,
    message,
    shows,
    tick,
)


class RealnamePage(PortalPage):
    """实名认证: the unit's 授权码实名 state, the handler's applications and the two functions."""

    PATH_NAME = "hrss.realname"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.realname_link = clickable(page, "实名认证")
        self.authcode_state = page.get_by_text(re.compile(r"授权码实名：(已完成|未完成)"))
        self.notice = message(page)
        self.errors = message(page)
        # 申请单位授权码
        self.query_value = field(page, "查询号码")
        # A refused query number: beside the field, or the page's message where the form has no rows.
        self.query_message = field_message(page, "查询号码").or_(message(page))
        self.org_code_hint = page.get_by_text("组织机构代码请省略第九位“-”", exact=True)
        self.query_button = clickable(page, "查询")
        self.materials = field(page, "相关材料")
        self.materials_message = field_message(page, "相关材料")
        self.submit_button = clickable(page, "提交申请")
        # 授权码实名
        self.authcode = field(page, "单位授权码")
        # A refused code: beside the field, or in the page's message window.
        self.authcode_message = field_message(page, "单位授权码").or_(message(page))
        self.confirm_button = clickable(page, "确认授权")
        # What shows that each function of the floating box is open.
        self._function_shown = {"申请单位授权码": self.query_value, "授权码实名": self.authcode}

    def open_from_header(self) -> None:
        """Clicks 「实名认证」 at the top right of the platform (after closing the message window
        the page may still show, as a person would)."""
        close = clickable(self.page, "确定")
        if close.count():
            close.click()
        self.realname_link.click()
        shows(self.authcode_state)

    def open_function(self, name: str) -> None:
        """Floating box → 「申请单位授权码」 or 「授权码实名」, by name."""
        clickable(self.page, name).click()
        shows(self._function_shown[name])

    def query_unit(self, query_type: str, value: str) -> None:
        """Queries by 「单位管理码」, 「统一社会信用代码」 or 「组织机构代码」 (the query loads a page)."""
        choose(self.page, "查询方式", query_type)
        self.query_value.fill(value)
        click_and_load(self.query_button)

    def result_row(self, unit_name: str) -> Locator:
        """The query result row of a unit."""
        return self.page.get_by_role("row").filter(has_text=unit_name)

    def result_status(self, unit_name: str) -> Locator:
        """The state the query result shows for a unit (its last column)."""
        return self.result_row(unit_name).get_by_role("cell").last

    def tick_box(self, unit_name: str) -> Locator:
        """The tick box of a unit in the query result, ticked or not."""
        return checkbox(self.result_row(unit_name), unit_name)

    def tick_unit(self, unit_name: str) -> None:
        """Ticks a unit for the application."""
        tick(self.page, unit_name)

    def upload_materials(self, files: list[FilePayload]) -> None:
        """Chooses the material files (name, MIME type, bytes) for 「相关材料」."""
        self.materials.set_input_files(files)

    def submit_application(self) -> None:
        """Clicks 「提交申请」; the page then says it was submitted or why not."""
        self.submit_button.click()
        shows(self.notice)

    def application_row(self, unit_name: str) -> Locator:
        """The newest application that names the unit."""
        return self.page.get_by_role("row").filter(has_text=unit_name).first

    def application_rows(self, unit_name: str) -> Locator:
        """Every application that names the unit."""
        return self.page.get_by_role("row").filter(has_text=unit_name)

    def enter_authcode(self, code: str) -> None:
        """Types the 单位授权码 and clicks 「确认授权」; the page then says how it went."""
        self.authcode.fill(code)
        self.confirm_button.click()
        shows(self.notice)

"""GD-IdP 账号管理: the header, the five entries and the 实名核验 page with its levels (A2.1–A2.5).

Each level and each verification method is a part of the page titled by its name
(「四级 (原L2) 核验」, 「企业/单位网银证书核验」 …) holding its status (「未核验」/「已核验」), its
「用户帮助 >」 and its button (「核验升级」 or 「修改信息」).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import reduce

from playwright.sync_api import Locator, Page

from pages.base import PortalPage, block, click_to_leave, clickable, follow_link, message, shows, titled_parts

STATUS = re.compile(r"^(未核验|已核验)$")


class GdzwfwAccountPage(PortalPage):
    """账号管理, any of its pages (the header and the entries are the same on each)."""

    PATH_NAME = "gdzwfw.account"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.title = page.get_by_text("广东省统一身份认证平台 | 账号管理", exact=True)
        self.help_link = clickable(page, "用户帮助")
        self.logout_link = clickable(page, "退出登录")

    def entry(self, name: str) -> Locator:
        """An entry of the 账号管理 menu by its text, whatever its tag."""
        return clickable(self.page, name)

    def entries(self, names: list[str]) -> Locator:
        """The entries of the 账号管理 menu with these names (exactly), in the page's order."""
        return reduce(Locator.or_, (self.entry(name) for name in names))

    def open_entry(self, name: str) -> None:
        """Clicks an entry of the 账号管理 menu (「实名核验」 …)."""
        click_to_leave(self.entry(name))

    def open_help(self) -> None:
        """「用户帮助」 in the header (it may open in a new tab)."""
        follow_link(self.help_link)

    def log_out(self) -> None:
        """「退出登录」 in the header."""
        click_to_leave(self.logout_link)


class GdzwfwVerifyPage(GdzwfwAccountPage):
    """实名核验: the current level and method, and every method of 三级, 四级 and 五级."""

    PATH_NAME = "gdzwfw.verify"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.current_level = page.get_by_text("您的账号当前可信等级为：")
        self.current_method = page.get_by_text("当前账号核验方式为：")
        self.upgrade_note = page.get_by_text(re.compile(r"您可通过任意一种"))
        self.level_note = page.get_by_text("通过网银证书或电子营业执照核验的账号，可信等级为四级 (L2)。")

    def dialog_said(self, text: str) -> Locator:
        """A verification dialog's message that reads `text` (in the dialog, or a toast over it)."""
        return message(self.page, text)

    def level(self, name: str) -> Locator:
        """The part of the page of a level, e.g. 「四级 (原L2) 核验」."""
        return block(self.page, name)

    def method_titles(self, level: str) -> Locator:
        """The titles of the methods listed under a level."""
        headings = self.level(level).get_by_role("heading", level=3)
        return headings.or_(titled_parts(self.level(level))) if not headings.count() else headings

    def method(self, title: str) -> Locator:
        """The entry of a verification method, e.g. 「企业/单位网银证书核验」."""
        return block(self.page, title)

    def method_status(self, title: str) -> Locator:
        """「未核验」 or 「已核验」 of a method."""
        return self.method(title).get_by_text(STATUS)

    def method_action(self, title: str, name: str) -> Locator:
        """A link or button of a method's entry by its text (「用户帮助 >」「核验升级」「修改信息」…)."""
        return clickable(self.method(title), name)

    def click_method_action(self, title: str, name: str) -> None:
        """Clicks a method's link or button (「核验升级」, 「用户帮助 >」, 「查看办理条件」 …); a help
        link that opens a new tab is followed."""
        action = self.method_action(title, name)
        if action.get_attribute("target") == "_blank":
            follow_link(action)
        else:
            action.click()

    def open(self) -> None:
        """Navigates to the page (a visitor who is not logged in lands on the login instead)."""
        super().open()
        shows(self.current_level.or_(self.page.get_by_placeholder("请输入图中算式的计算结果")))

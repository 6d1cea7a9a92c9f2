"""GD-IdP 账号管理: the header, the five entries and the 实名核验 page with its levels (A2.1–A2.5).

Each verification method is a region named by its title (「企业/单位网银证书核验」 …) holding its
status (「未核验」/「已核验」), its 「用户帮助 >」 and its button (「核验升级」 or 「修改信息」).
"""

from __future__ import annotations

import re
from functools import reduce

from playwright.sync_api import Locator, Page

from pages.base import PortalPage
from pages.base import click_and_load

STATUS = re.compile(r"^(未核验|已核验)$")


class GdzwfwAccountPage(PortalPage):
    """账号管理, any of its pages (the header and the entries are the same on each)."""

    PATH = "/pscp/account/info"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.title = page.get_by_role("banner").get_by_text("广东省统一身份认证平台 | 账号管理")
        self.header = page.get_by_role("navigation", name="页头")
        self.help_link = self.header.get_by_role("link", name="用户帮助")
        self.logout_link = self.header.get_by_role("link", name="退出登录")
        self.nav = page.get_by_role("navigation", name="账号管理")
        self.verification_levels = self.nav.get_by_role("list", name="实名核验").get_by_role("link")

    def entries(self, names: list[str]) -> Locator:
        """The entries of the 账号管理 menu with these names (exactly)."""
        return reduce(Locator.or_, (self.nav.get_by_role("link", name=name, exact=True) for name in names))

    def open_entry(self, name: str) -> None:
        """Clicks an entry of the 账号管理 menu (「实名核验」 …)."""
        click_and_load(self.nav.get_by_role("link", name=name, exact=True))

    def open_help(self) -> None:
        """「用户帮助」 in the header."""
        click_and_load(self.help_link)

    def log_out(self) -> None:
        """「退出登录」 in the header."""
        click_and_load(self.logout_link)


class GdzwfwVerifyPage(GdzwfwAccountPage):
    """实名核验: the current level and method, and every method of 三级, 四级 and 五级."""

    PATH = "/pscp/account/verify"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.current_level = page.get_by_text("您的账号当前可信等级为：")
        self.current_method = page.get_by_text("当前账号核验方式为：")
        self.upgrade_note = page.get_by_text(re.compile(r"您可通过任意一种"))
        self.level_note = page.get_by_text("通过网银证书或电子营业执照核验的账号，可信等级为四级 (L2)。")
        self.message = page.get_by_role("status")
        self.dialog_error = page.get_by_role("dialog").get_by_role("alert")

    def level(self, name: str) -> Locator:
        """The section of a level, e.g. 「四级 (原L2) 核验」."""
        return self.page.get_by_role("region", name=name, exact=True)

    def method_titles(self, level: str) -> Locator:
        """The titles of the methods listed under a level."""
        return self.level(level).get_by_role("heading", level=3)

    def method(self, title: str) -> Locator:
        """The entry of a verification method, e.g. 「企业/单位网银证书核验」."""
        return self.page.get_by_role("region", name=title, exact=True)

    def method_status(self, title: str) -> Locator:
        """「未核验」 or 「已核验」 of a method."""
        return self.method(title).get_by_text(STATUS)

    def method_action(self, title: str, name: str) -> Locator:
        """A link or button of a method's entry by its text (「用户帮助 >」「核验升级」「修改信息」…)."""
        entry = self.method(title)
        return entry.get_by_role("link", name=name, exact=True).or_(entry.get_by_role("button", name=name, exact=True))

    def click_method_action(self, title: str, name: str) -> None:
        """Clicks a method's link or button (「核验升级」, 「用户帮助 >」, 「查看办理条件」 …)."""
        click_and_load(self.method_action(title, name))

    def start_verification(self, title: str) -> None:
        """The button under a method: 「核验升级」, or 「修改信息」 once done."""
        click_and_load(self.method(title).get_by_role("button"))

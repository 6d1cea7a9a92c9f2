"""HRSS 「账户管理」 of a personal account: 「基本信息」, 「个人实名认证」 (raising the account to
二级实名 by face recognition) and 「父账号信息」 (the units' binding requests, B1.4)."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

from pages.base import PortalPage
from pages.base import click_and_load


class PersonAccountPage(PortalPage):
    """账户管理 of the logged-in personal account."""

    PATH = "/isso/person/account"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.info_tab = page.get_by_role("tab", name="基本信息")
        self.realname_tab = page.get_by_role("tab", name="个人实名认证")
        self.parents_tab = page.get_by_role("tab", name="父账号信息")
        self.notice = page.get_by_role("status")
        self.error = page.get_by_role("alert")
        # 个人实名认证
        self.realname_level = page.get_by_text(re.compile(r"^当前实名等级："))
        self.start_face_button = page.get_by_role("button", name="开始人脸识别")
        self.face_done_button = page.get_by_role("button", name="我已完成人脸识别")
        # The ticket is shown as 「认证编号：…」; the attribute holds it without the label.
        self.face_ticket = page.locator("[data-ticket]")
        # 父账号信息
        self.requests = page.get_by_role("table", name="绑定申请")
        self.bound_units = page.get_by_role("list", name="已绑定的单位").get_by_role("listitem")

    def open_realname(self) -> None:
        """Opens the 「个人实名认证」 tab."""
        click_and_load(self.realname_tab)

    def open_parent_accounts(self) -> None:
        """Opens the 「父账号信息」 tab."""
        click_and_load(self.parents_tab)

    def start_face_recognition(self) -> None:
        """Clicks 「开始人脸识别」; the page then shows the ticket for the phone."""
        click_and_load(self.start_face_button)

    def ticket(self) -> str:
        """The face-recognition ticket the page shows."""
        return self.face_ticket.get_attribute("data-ticket") or ""

    def finish_face_recognition(self) -> None:
        """Clicks 「我已完成人脸识别」."""
        click_and_load(self.face_done_button)

    def request_row(self, unit_name: str) -> Locator:
        """The binding request of one unit."""
        return self.requests.get_by_role("row").filter(has=self.page.get_by_role("rowheader", name=unit_name, exact=True))

    def accept(self, unit_name: str) -> None:
        """Clicks 「同意」 on the unit's binding request."""
        click_and_load(self.page.get_by_role("button", name=f"同意{unit_name}的绑定申请"))

    def decline(self, unit_name: str) -> None:
        """Clicks 「拒绝」 on the unit's binding request."""
        click_and_load(self.page.get_by_role("button", name=f"拒绝{unit_name}的绑定申请"))

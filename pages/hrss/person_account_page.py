"""HRSS 「账户管理」 of a personal account: 「基本信息」, 「个人实名认证」 (raising the account to
二级实名 by face recognition) and 「父账号信息」 (the units' binding requests, B1.4)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Locator, Page

from pages.base import PortalPage, block, clickable, message, shows, tab


class PersonAccountPage(PortalPage):
    """账户管理 of the logged-in personal account."""

    PATH_NAME = "hrss.person_account"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.info_tab = tab(page, "基本信息")
        self.realname_tab = tab(page, "个人实名认证")
        self.parents_tab = tab(page, "父账号信息")
        self.notice = message(page)
        # 个人实名认证
        self.realname_level = page.get_by_text(re.compile(r"^当前实名等级："))
        self.start_face_button = clickable(page, "开始人脸识别")
        self.face_done_button = clickable(page, "我已完成人脸识别")
        self.face_ticket = page.get_by_text(re.compile(r"^认证编号："))
        # 父账号信息
        self.requests = block(page, "绑定申请")
        self.bound_units = (
            page.get_by_role("list", name="已绑定的单位")
            .or_(block(page, "已绑定的单位（父账号）"))
            .get_by_role("listitem")
        )

    def open_realname(self) -> None:
        """Opens the 「个人实名认证」 tab."""
        self.realname_tab.click()
        shows(self.realname_level)

    def open_parent_accounts(self) -> None:
        """Opens the 「父账号信息」 tab."""
        self.parents_tab.click()
        shows(self.requests)

    def start_face_recognition(self) -> None:
        """Clicks 「开始人脸识别」; the page then shows the ticket for the phone."""
        self.start_face_button.click()
        shows(self.face_ticket)

    def ticket(self) -> str:
        """The face-recognition ticket the page shows (「认证编号：…」)."""
        return re.sub(r"^认证编号：\s*", "", self.face_ticket.inner_text()).strip()

    def finish_face_recognition(self) -> None:
        """Clicks 「我已完成人脸识别」; the page then says how it went."""
        self.face_done_button.click()
        shows(self.notice)

    def request_row(self, unit_name: str) -> Locator:
        """The binding request of one unit."""
        return self.requests.get_by_role("row").filter(has_text=unit_name)

    def accept(self, unit_name: str) -> None:
        """Clicks 「同意」 on the unit's binding request; the page then confirms it."""
        self.request_row(unit_name).get_by_text("同意", exact=True).click()
        shows(self.notice)

    def decline(self, unit_name: str) -> None:
        """Clicks 「拒绝」 on the unit's binding request; the page then confirms it."""
        self.request_row(unit_name).get_by_text("拒绝", exact=True).click()
        shows(self.notice)

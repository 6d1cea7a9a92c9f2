"""「修改信息」 of 证件真实性核验 (A2.3): the address and the legal representative."""

from __future__ import annotations

from collections.abc import Mapping

from playwright.sync_api import Locator, Page

from pages.base import PortalPage, answered, clickable, field_message
from pages.gdzwfw.register_page import seen_field


class GdzwfwInfoEditPage(PortalPage):
    """The form that corrects the information checked against the 法人基础库 (its fields are
    registration's, found the same way)."""

    PATH_NAME = "gdzwfw.info_edit"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.legal_rep_name = seen_field(page, "法定代表人姓名")
        self.legal_rep_id = seen_field(page, "法定代表人证件")
        self.save_button = clickable(page, "保存")

    def field_message(self, label: str) -> Locator:
        """The message shown in the row of the field labelled `label`."""
        return field_message(self.page, label)

    def change_legal_representative(self, name: str, resident_id: str) -> None:
        """Types the new legal representative and saves; waits until the portal has answered
        (a message in a row, or the 实名核验 page's message, follows from it)."""
        self.legal_rep_name.fill(name)
        self.legal_rep_id.fill(resident_id)
        answered(self.page, self.save_button.click)
        self.page.wait_for_load_state()

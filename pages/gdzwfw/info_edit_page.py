"""「修改信息」 of 证件真实性核验 (A2.3): the address and the legal representative."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from pages.base import PortalPage
from pages.base import click_and_load


class GdzwfwInfoEditPage(PortalPage):
    """The form that corrects the information checked against the 法人基础库."""

    PATH = "/pscp/account/info/edit"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.legal_rep_name = page.get_by_label("法定代表人姓名", exact=True)
        self.legal_rep_id = page.get_by_label("法定代表人证件", exact=True)
        self.save_button = page.get_by_role("button", name="保存")

    def field(self, label: str) -> Locator:
        """A form control by its label."""
        return self.page.get_by_label(label, exact=True)

    def change_legal_representative(self, name: str, resident_id: str) -> None:
        """Types the new legal representative and saves."""
        self.legal_rep_name.fill(name)
        self.legal_rep_id.fill(resident_id)
        click_and_load(self.save_button)

"""HRSS personal-account guide `/isso/static/person.html`; `#004` is 个人账号实名认证 (B1.1)."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import PortalPage


class PersonGuidePage(PortalPage):
    """The guide, opened at its section 004."""

    PATH = "/isso/static/person.html#004"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.realname_section = page.get_by_role("region", name="四、个人账号实名认证")
        self.realname_steps = self.realname_section.get_by_role("listitem")

"""HRSS personal-account guide `/isso/static/person.html`; `#004` is 个人账号实名认证 (B1.1)."""

from __future__ import annotations

from collections.abc import Mapping

from playwright.sync_api import Page

from pages.base import PortalPage, block


class PersonGuidePage(PortalPage):
    """The guide, opened at its section 004."""

    PATH = "/isso/static/person.html#004"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.realname_section = block(page, "四、个人账号实名认证")

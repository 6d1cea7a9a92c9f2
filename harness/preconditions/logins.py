"""`PortalLogins`: the logins the staging provider and the preflight perform through the
portals' pages. The harness never imports page objects: the acceptance conftest hands over
their implementation (`pages/logins.py`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from harness.target.config import Target
    from harness.target.portals import PortalUrls


class PortalLogins(Protocol):
    """Each method acts through the pages; a refused login returns the page's reason."""

    def entry_paths(self, target: Target, rendition: str | None) -> tuple[str, str]:
        """The paths of GD-IdP's and HRSS's login pages, which the preflight opens."""
        ...

    def gdzwfw_password(
        self,
        page: Page,
        urls: PortalUrls,
        login_name: str,
        password: str,
        captcha_answer: Callable[[str], str],
        open_first: bool,
    ) -> str | None:
        """A legal person's password login on GD-IdP (opened first, or its form already shown)."""
        ...

    def hrss_unit_via_gdzwfw(self, page: Page, urls: PortalUrls) -> None:
        """HRSS's unit login, choosing GD-IdP: GD-IdP's login form shows next."""
        ...

    def hrss_unit_password(self, page: Page, urls: PortalUrls, username: str, password: str) -> str | None:
        """A unit account's password login on HRSS."""
        ...

    def hrss_person(
        self, page: Page, urls: PortalUrls, login_name: str, password: str, acting_for: str | None
    ) -> str | None:
        """A personal account's login on HRSS, entering the platform for the unit `acting_for`."""
        ...

    def realname_person_step(
        self, page: Page, urls: PortalUrls, login_name: str, id_number: str, open_first: bool
    ) -> None:
        """Step 1 of HRSS's unit registration (实名人员信息) filled in and sent."""
        ...

"""The logins the staging provider performs, through the page objects (`PortalLogins` of
harness/preconditions/logins.py): the acceptance conftest hands this implementation over."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page

from harness.target.config import Target
from harness.target.portals import PortalUrls, page_paths
from pages.base import shows
from pages.gdzwfw.login_page import GdzwfwLoginPage
from pages.hrss.login_page import HrssLoginPage
from pages.hrss.person_login_page import PersonLoginPage, UnitChoiceDialog
from pages.hrss.unit_registration_page import RealnamePersonStepPage


class PageLogins:
    """`PortalLogins` through the page objects; a refusal is the page's message."""

    def entry_paths(self, target: Target, rendition: str | None) -> tuple[str, str]:
        """The paths of GD-IdP's and HRSS's login pages, which the preflight opens."""
        gdzwfw = (
            GdzwfwLoginPage.PATH
            if GdzwfwLoginPage.PATH_NAME is None
            else page_paths(target.env_name, target.profiles or None, rendition)[GdzwfwLoginPage.PATH_NAME]
        )
        return gdzwfw, HrssLoginPage.PATH

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
        login = GdzwfwLoginPage(page, urls.gdzwfw, urls.paths)
        if open_first:
            login.open_legal("账号密码")
        else:
            login.use_password_form()
        login.log_in_with_password(login_name, password, captcha_answer(login.captcha_id()))
        # Decided by what the page shows, not by its address: a real login page's address
        # carries a query (`?client_id=…`) and may keep its path when the view changes. Refused:
        # the page's message, or the captcha form still showing (a toast may have gone); logged
        # in: the login view has gone.
        return visible_text(login.error) if login.refused() else None

    def hrss_unit_via_gdzwfw(self, page: Page, urls: PortalUrls) -> None:
        """HRSS's unit login, choosing GD-IdP: GD-IdP's login form shows next."""
        login = HrssLoginPage(page, urls.hrss, urls.paths)
        login.open()
        login.choose_unit_login()
        login.choose_gdzwfw_method()

    def hrss_unit_password(self, page: Page, urls: PortalUrls, username: str, password: str) -> str | None:
        """A unit account's password login on HRSS."""
        login = HrssLoginPage(page, urls.hrss, urls.paths)
        login.open()
        login.choose_unit_login()
        login.choose_password_method()
        login.log_in_as_unit(username, password)
        # A login shows the unit it acts for (the platform); a refusal says why not.
        return None if login.acting_for.is_visible() else visible_text(login.refusal)

    def hrss_person(
        self, page: Page, urls: PortalUrls, login_name: str, password: str, acting_for: str | None
    ) -> str | None:
        """A personal account's login on HRSS, entering the platform for the unit `acting_for`."""
        login = PersonLoginPage(page, urls.hrss, urls.paths)
        login.open()
        login.choose_person_login()
        login.log_in_as_person(login_name, password)
        # A login shows the dialog of bound units (a page or a box, by rendition), a refusal
        # says why not: wait for either before deciding (a slow login is no refusal).
        choice = UnitChoiceDialog(page, urls.hrss, urls.paths)
        shows(choice.dialog.or_(login.refusal))
        if not choice.dialog.is_visible():
            return visible_text(login.refusal)
        if acting_for is not None:
            choice.choose_unit(acting_for)
            choice.enter_platform()
            # The session acts for the unit once the platform shows it: only then is there
            # a session to hand over (the click alone may still be on its way).
            shows(choice.acting_for)
        return None

    def realname_person_step(
        self, page: Page, urls: PortalUrls, login_name: str, id_number: str, open_first: bool
    ) -> None:
        """Step 1 of HRSS's unit registration (实名人员信息) filled in and sent."""
        step = RealnamePersonStepPage(page, urls.hrss, urls.paths)
        if open_first:
            step.open()
        step.fill_realname_person(login_name, id_number)
        step.go_next()


def visible_text(locator: Any) -> str:
    """A refusal's message as shown, or a placeholder when the page shows none."""
    try:
        return locator.inner_text(timeout=1000).strip() or "（页面没有说明原因）"
    except Exception:  # noqa: BLE001 - a missing message must not hide the failed login
        return "（页面没有说明原因）"

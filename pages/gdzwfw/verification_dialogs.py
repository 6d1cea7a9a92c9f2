"""The dialogs of 实名核验 (A2.5–A2.7): the digital-certificate check (网银证书, CA证书) with the
CA helper's install prompt, and the e-licence check with its WeChat code."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from pages.base import PortalPage
from pages.base import click_and_load


class CaHelper(PortalPage):
    """What the 「CA助手」 (the digital-certificate client) shows on a page that uses it: the
    certificate session it serves, and its install prompt when it is missing. The same on the
    login page (网银证书/CA证书 login) and in the verification dialogs."""

    PATH = "/pscp/account/verify"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.session = page.get_by_text(re.compile(r"^证书会话编号："))
        self.prompt = page.get_by_role("alertdialog", name="安装提示")
        self.prompt_ok = self.prompt.get_by_role("button", name="知道了")

    def session_id(self) -> str:
        """The certificate session number (「证书会话编号：…」)."""
        return self.session.inner_text().split("：", 1)[1].strip()

    def dismiss_prompt(self) -> None:
        """Closes the install prompt with 「知道了」."""
        click_and_load(self.prompt_ok)


class CertificateDialog(PortalPage):
    """「网银证书核验」 or 「CA证书核验」: guide, 「CA助手」 download, PIN, 「数字证书核验」."""

    PATH = "/pscp/account/verify"

    def __init__(self, page: Page, base_url: str, name: str | re.Pattern[str] = re.compile(r"^(网银证书|CA证书)核验$")) -> None:
        super().__init__(page, base_url)
        self.dialog = page.get_by_role("dialog", name=name)
        self.ca_helper_link = self.dialog.get_by_role("link", name="下载CA助手")
        self.pin = self.dialog.get_by_label("PIN码")
        self.verify_button = self.dialog.get_by_role("button", name="数字证书核验")
        self.error = self.dialog.get_by_role("alert")

    def verify_with_pin(self, pin: str) -> None:
        """Types the certificate's PIN and clicks 「数字证书核验」."""
        self.pin.fill(pin)
        click_and_load(self.verify_button)


class ElicenceDialog(PortalPage):
    """「电子营业执照核验」: the WeChat code, the required scope, 「我已扫码」."""

    PATH = "/pscp/account/verify"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.dialog = page.get_by_role("dialog", name="电子营业执照核验")
        self.code = self.dialog.get_by_role("img", name="电子营业执照核验二维码")
        self.scope_note = self.dialog.get_by_text("电子营业执照的授权事项为")
        self.scanned_button = self.dialog.get_by_role("button", name="我已扫码")
        self.error = self.dialog.get_by_role("alert")

    def ticket(self) -> str:
        """The number of the code the phone scans."""
        return self.code.get_attribute("data-ticket") or ""

    def confirm_scanned(self) -> None:
        """「我已扫码」."""
        click_and_load(self.scanned_button)

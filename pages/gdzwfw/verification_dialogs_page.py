"""The dialogs of 实名核验 (A2.5–A2.7): the digital-certificate check (网银证书, CA证书) with the
CA helper's install prompt, and the e-licence check with its WeChat code."""

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Locator, Page

from pages.base import PortalPage, clickable, dialog, field, shows

CERTIFICATE_DIALOGS = re.compile(r"^(网银证书|CA证书)核验$")


def _number_after_colon(locator: Locator) -> str:
    shows(locator)
    return locator.inner_text().split("：", 1)[1].strip()


class CaHelper(PortalPage):
    """What the 「CA助手」 (the digital-certificate client) shows on a page that uses it: the
    certificate session it serves, and its install prompt when it is missing. The same on the
    login page (网银证书/CA证书 login) and in the verification dialogs."""

    PATH_NAME = "gdzwfw.verify"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.session = page.get_by_text(re.compile(r"^证书会话编号：")).filter(visible=True)
        self.prompt = dialog(page, "安装提示")
        self.prompt_ok = clickable(self.prompt, "知道了")

    def session_id(self) -> str:
        """The certificate session number (「证书会话编号：…」)."""
        return _number_after_colon(self.session)

    def prompt_text(self, text: str) -> Locator:
        """A paragraph of the install prompt that reads exactly `text`."""
        return self.prompt.get_by_text(text, exact=True)

    def dismiss_prompt(self) -> None:
        """Closes the install prompt with 「知道了」."""
        self.prompt_ok.click()


class CertificateDialog(PortalPage):
    """「网银证书核验」 or 「CA证书核验」: guide, 「CA助手」 download, PIN, 「数字证书核验」."""

    PATH_NAME = "gdzwfw.verify"

    def __init__(
        self,
        page: Page,
        base_url: str,
        paths: Mapping[str, str] | None = None,
        name: str | re.Pattern[str] = CERTIFICATE_DIALOGS,
    ) -> None:
        super().__init__(page, base_url, paths)
        self.dialog = dialog(page, name)
        self.ca_helper_link = clickable(self.dialog, "下载CA助手")
        self.pin = field(self.dialog, "PIN码")
        self.verify_button = clickable(self.dialog, "数字证书核验")

    def verify_with_pin(self, pin: str) -> None:
        """Types the certificate's PIN and clicks 「数字证书核验」."""
        self.pin.fill(pin)
        self.verify_button.click()


class ElicenceDialog(PortalPage):
    """「电子营业执照核验」: the WeChat code, the required scope, 「我已扫码」."""

    PATH_NAME = "gdzwfw.verify"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.dialog = dialog(page, "电子营业执照核验")
        self.code_number = self.dialog.get_by_text(re.compile(r"^二维码编号："))
        self.scope_note = self.dialog.get_by_text("电子营业执照的授权事项为")
        self.scanned_button = clickable(self.dialog, "我已扫码")

    def ticket(self) -> str:
        """The number printed under the code the phone scans."""
        return _number_after_colon(self.code_number)

    def confirm_scanned(self) -> None:
        """「我已扫码」."""
        self.scanned_button.click()

"""GD-IdP login page: 个人登录 / 法人登录 and the legal-person login methods (A1.1, A1.2, A1.8, A3.2).

Logging in with 账号密码 needs the answer to the arithmetic image captcha. A person reads the
image; on the mock, the harness reads the captcha's id with `captcha_id()` and asks the control
API for the answer (`GET /__mock__/captcha/<id>`), then calls `log_in_with_password(...)`.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from playwright.sync_api import Page

from pages.base import PortalPage
from pages.base import click_and_load


class GdzwfwLoginPage(PortalPage):
    """广东省统一身份认证平台 login page."""

    PATH = "/pscp/sso/login"

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__(page, base_url)
        self.personal_tab = page.get_by_role("tab", name="个人登录")
        self.legal_tab = page.get_by_role("tab", name="法人登录")
        self.legal_note = page.get_by_text("法人包括企业、个体工商户、政府机关、社会团体等")
        self.wechat_scan_prompt = page.get_by_text(re.compile(r"请您使用\s*【微信】\s*扫码登录"))
        self.other_methods = page.get_by_role("navigation", name="其他登录方式").get_by_role("link")
        # 账号密码
        self.account = page.get_by_label("账号", exact=True)
        self.password = page.get_by_label("密码", exact=True)
        self.captcha_image = page.get_by_role("img", name="验证码")
        self.captcha = page.get_by_placeholder("请输入图中算式的计算结果")
        self.register_link = page.get_by_role("link", name="立即注册")
        self.recover_link = page.get_by_role("link", name="找回密码/账号")
        self.login_button = page.get_by_role("button", name="登录", exact=True)
        self.error = page.get_by_role("alert")
        # 电子营业执照 (WeChat scan)
        self.login_code = page.get_by_role("img", name="电子营业执照登录二维码")
        self.scanned_button = page.get_by_role("button", name="我已扫码")
        # 网银证书 / CA证书
        self.certificate_session = page.get_by_text(re.compile(r"^证书会话编号："))
        self.pin = page.get_by_label("PIN码")
        self.helper_prompt = page.get_by_role("alertdialog", name="安装提示")
        self.helper_prompt_ok = self.helper_prompt.get_by_role("button", name="知道了")

    def open_legal(self, method: str | None = None, next_path: str | None = None) -> None:
        """Opens the 法人登录 tab directly, optionally with a method (scan, password, bank, ca)
        and the local path to return to after login."""
        query = {"type": "legal", **({"method": method} if method else {}), **({"next": next_path} if next_path else {})}
        self.page.goto(f"{self.url}?{urlencode(query)}")

    def choose_legal_login(self) -> None:
        """Clicks the 「法人登录」 tab."""
        click_and_load(self.legal_tab)

    def choose_other_method(self, name: str) -> None:
        """Clicks one of 「其他登录方式」 by its visible name (账号密码, 网银证书 …)."""
        click_and_load(self.other_methods.filter(has_text=name))

    def captcha_id(self) -> str:
        """The id of the captcha shown (mock only: the image carries it as data-captcha-id)."""
        return self.captcha_image.get_attribute("data-captcha-id") or ""

    def log_in_with_password(self, account: str, password: str, captcha_answer: str) -> None:
        """Fills account, password and the captcha's answer on the 账号密码 form and clicks 「登录」."""
        self.account.fill(account)
        self.password.fill(password)
        self.captcha.fill(captcha_answer)
        click_and_load(self.login_button)

    def open_registration(self) -> None:
        """「立即注册」."""
        click_and_load(self.register_link)

    def login_code_ticket(self) -> str:
        """The number of the e-licence login code (what the phone scans)."""
        return self.login_code.get_attribute("data-ticket") or ""

    def confirm_scanned(self) -> None:
        """「我已扫码」: continue after scanning the code with the phone."""
        click_and_load(self.scanned_button)

    def certificate_session_id(self) -> str:
        """The certificate session the CA helper serves (「证书会话编号：…」)."""
        return self.certificate_session.inner_text().split("：", 1)[1].strip()

    def dismiss_helper_prompt(self) -> None:
        """Closes the CA-helper install prompt with 「知道了」."""
        click_and_load(self.helper_prompt_ok)

    def log_in_with_certificate(self, pin: str) -> None:
        """Types the certificate's PIN and clicks 「登录」."""
        self.pin.fill(pin)
        click_and_load(self.login_button)

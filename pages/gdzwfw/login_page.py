"""GD-IdP login page: 个人登录 / 法人登录 and the legal-person login methods (A1.1, A1.2, A1.8, A3.2).

Tabs and methods may switch in place or by loading a page; either way a method counts as
chosen once its view shows. Logging in with 账号密码 needs the answer to the arithmetic image
captcha: a person reads the image; the harness asks its precondition provider for the answer
of the captcha this browser is shown, then calls `log_in_with_password(...)`.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

from pages.base import PortalPage, block, click_to_leave, clickable, dialog, field, message, selected_tab, shows, tab

SCAN_PROMPT = re.compile(r"请您使用\s*【微信】\s*扫码登录")
CERTIFICATE_SESSION = re.compile(r"^证书会话编号：")


class GdzwfwLoginPage(PortalPage):
    """广东省统一身份认证平台 login page."""

    PATH_NAME = "gdzwfw.login"

    def __init__(self, page: Page, base_url: str, paths: dict[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.personal_tab = tab(page, "个人登录")
        self.legal_tab = tab(page, "法人登录")
        self.selected_tab = selected_tab(page)
        self.legal_note = page.get_by_text("法人包括企业、个体工商户、政府机关、社会团体等")
        self.wechat_scan_prompt = page.get_by_text(SCAN_PROMPT)
        self.other_methods = block(page, "其他登录方式").get_by_role("listitem")
        # 账号密码
        self.account = field(page, "账号")
        self.password = field(page, "密码")
        self.captcha_image = page.get_by_role("img", name="验证码")
        self.captcha = page.get_by_placeholder("请输入图中算式的计算结果").filter(visible=True)
        self.register_link = clickable(page, "立即注册")
        self.recover_link = clickable(page, "找回密码/账号")
        self.login_button = clickable(page, "登录")
        self.error = message(page)
        # 电子营业执照 (WeChat scan): the code's number is printed under it
        self.login_code_number = page.get_by_text(re.compile(r"^二维码编号："))
        self.scanned_button = clickable(page, "我已扫码")
        # 网银证书 / CA证书
        self.certificate_session = page.get_by_text(CERTIFICATE_SESSION)
        self.pin = field(page, "PIN码")
        self.helper_prompt = dialog(page, "安装提示")

    def open_legal(self, method: str | None = None) -> None:
        """Opens the 法人登录 tab, optionally switching to a method by its name (账号密码 …)."""
        self.page.goto(f"{self.base_url}{self.path_named('gdzwfw.legal_login')}")
        shows(self.legal_note)
        if method:
            self.choose_other_method(method)

    def choose_legal_login(self) -> None:
        """Clicks the 「法人登录」 tab."""
        self.legal_tab.click()
        shows(self.legal_note)

    def choose_other_method(self, name: str) -> None:
        """Clicks one of 「其他登录方式」 by its visible name (账号密码, 网银证书 …)."""
        clickable(block(self.page, "其他登录方式"), name).click()
        # What each method's view shows once it is chosen.
        views = {"电子营业执照": self.wechat_scan_prompt, "账号密码": self.captcha_image, "网银证书": self.certificate_session, "CA证书": self.certificate_session}
        shows(views[name].filter(visible=True))

    def captcha_id(self) -> str:
        """The id the captcha image carries, if any (the bundled mock's does): what steps hand
        the precondition provider for the answer (`steps.gdidp.log_in_with_password`); a
        staging's fixed test answer needs none."""
        return self.captcha_image.get_attribute("data-captcha-id") or ""

    def log_in_with_password(self, account: str, password: str, captcha_answer: str) -> None:
        """Fills account, password and the captcha's answer on the 账号密码 form and clicks 「登录」."""
        self.account.fill(account)
        self.password.fill(password)
        self.captcha.fill(captcha_answer)
        self.login_button.click()
        self._await_answer()

    def open_registration(self) -> None:
        """「立即注册」."""
        click_to_leave(self.register_link)

    def login_code_ticket(self) -> str:
        """The number printed under the e-licence login code (what the phone scans)."""
        return self._number_after_colon(self.login_code_number)

    def confirm_scanned(self) -> None:
        """「我已扫码」: continue after scanning the code with the phone."""
        self.scanned_button.click()
        self._await_answer()

    def certificate_session_id(self) -> str:
        """The certificate session the CA helper serves (「证书会话编号：…」)."""
        return self._number_after_colon(self.certificate_session)

    def log_in_with_certificate(self, pin: str) -> None:
        """Types the certificate's PIN and clicks 「登录」."""
        self.pin.fill(pin)
        self.login_button.click()
        self._await_answer()

    def _await_answer(self) -> None:
        # A login either says why not, or leaves for where the user was going (whose page has
        # no 法人登录 note); only then is there a page to look at.
        left = self.page.locator("body").filter(has_not=self.legal_note)
        shows(self.error.or_(left))
        self.page.wait_for_load_state()

    @staticmethod
    def _number_after_colon(locator: Locator) -> str:
        shows(locator)
        return locator.inner_text().split("：", 1)[1].strip()

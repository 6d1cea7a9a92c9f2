"""GD-IdP login page: 个人登录 / 法人登录 and the legal-person login methods (A1.1, A1.2, A1.8, A3.2)."""

# No first view is assumed: the page may open on either tab (a client's redirect decides), and
# each tab may start on its QR code (the real platform does: shared/evidence/
# gdidp__selenium_demo__zhongshan_main.py) or on a form. `use_password_form()` brings up the
# legal-person 账号密码 form from wherever the page is. Tabs and methods may switch in place or by
# loading a page; either way a method counts as chosen once its view shows. Logging in with
# 账号密码 needs the answer to the arithmetic image captcha: a person reads the image; the harness
# asks its precondition provider for the answer of the captcha this browser is shown, then calls
# `log_in_with_password(...)`.

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Locator, Page

from pages.base import (
    PortalPage,
    answered,
    block,
    click_to_leave,
    clickable,
    dialog,
    field,
    leaves,
    message,
    selected_tab,
    shows,
    tab,
)

SCAN_PROMPT = re.compile(r"请您使用\s*【微信】\s*扫码登录")
CERTIFICATE_SESSION = re.compile(r"^证书会话编号：")
LEGAL_NOTE = "法人包括企业、个体工商户、政府机关、社会团体等"
CAPTCHA_HINT = "请输入图中算式的计算结果"


class GdzwfwLoginPage(PortalPage):
    """广东省统一身份认证平台 login page."""

    PATH_NAME = "gdzwfw.login"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        # Both tabs' panes may be in the page at once: what a person reads is the visible one.
        self.personal_tab = self._tab("个人登录")
        self.legal_tab = self._tab("法人登录")
        self.selected_tab = selected_tab(page)
        self.legal_note = page.get_by_text(LEGAL_NOTE).filter(visible=True)
        self.wechat_scan_prompt = page.get_by_text(SCAN_PROMPT).filter(visible=True)
        methods = block(page, "其他登录方式")
        # Listed as list items, or as links side by side.
        self.other_methods = methods.get_by_role("listitem").or_(methods.locator("a:not(li a)")).filter(visible=True)
        # 账号密码: a label, else the placeholder the real page has.
        self.account = field(page, "账号").or_(page.get_by_placeholder("请输入账号", exact=True)).filter(visible=True)
        self.password = field(page, "密码").or_(page.get_by_placeholder("请输入密码", exact=True)).filter(visible=True)
        self.captcha = page.get_by_placeholder(CAPTCHA_HINT).filter(visible=True)
        # The captcha image: named 验证码, else the picture beside its input.
        self.captcha_image = (
            page.get_by_role("img", name="验证码")
            .or_(self.captcha.locator("xpath=following::img[1]"))
            .filter(visible=True)
        )
        self.register_link = clickable(page, "立即注册")
        self.recover_link = clickable(page, "找回密码/账号")
        self.login_button = clickable(page, "登录")
        self.error = message(page)
        # 电子营业执照 (WeChat scan): the code's number is printed under it
        self.login_code_number = page.get_by_text(re.compile(r"^二维码编号：")).filter(visible=True)
        self.scanned_button = clickable(page, "我已扫码")
        # 网银证书 / CA证书
        self.certificate_session = page.get_by_text(CERTIFICATE_SESSION).filter(visible=True)
        self.pin = field(page, "PIN码")
        self.helper_prompt = dialog(page, "安装提示")

    def _tab(self, name: str) -> Locator:
        # Both panes' tabs are in the page; the one a person can click is the visible one.
        return tab(self.page, name).filter(visible=True)

    def open_legal(self, method: str | None = None) -> None:
        """Opens the login at the environment's 法人登录 address, makes sure 「法人登录」 is the
        tab shown, and optionally switches to a method by its name (账号密码 …)."""
        self.page.goto(f"{self.base_url}{self.path_named('gdzwfw.legal_login')}")
        self.choose_legal_login()
        if method == "账号密码":
            self.use_password_form()
        elif method:
            self.choose_other_method(method)

    def choose_legal_login(self) -> None:
        """Clicks the 「法人登录」 tab (whichever tab the page opened on)."""
        self.legal_tab.click()
        shows(self.legal_note)

    def use_password_form(self) -> None:
        """Brings up the legal-person 账号密码 form, wherever the page is: 「法人登录」 unless it is
        the tab shown, then 「账号密码」 unless the form already shows."""
        shows(self.legal_note.or_(self.personal_tab))
        if not self.legal_note.is_visible():
            self.choose_legal_login()
        shows(self.captcha.or_(self.other_methods))
        if not self.captcha.is_visible():
            self.choose_other_method("账号密码")

    def use_elicence_scan(self) -> None:
        """Brings up the 法人登录 tab's WeChat scan of the 电子营业执照, wherever the page is."""
        shows(self.legal_note.or_(self.personal_tab))
        if not self.legal_note.is_visible():
            self.choose_legal_login()
        shows(self.wechat_scan_prompt.or_(self.other_methods))
        if not self.wechat_scan_prompt.is_visible():
            self.choose_other_method("电子营业执照")

    def choose_other_method(self, name: str) -> None:
        """Clicks one of 「其他登录方式」 by its visible name (账号密码, 网银证书 …)."""
        clickable(block(self.page, "其他登录方式"), name).click()
        # What each method's view shows once it is chosen.
        views = {
            "电子营业执照": self.wechat_scan_prompt,
            "账号密码": self.captcha_image,
            "网银证书": self.certificate_session,
            "CA证书": self.certificate_session,
        }
        shows(views[name])

    def captcha_id(self) -> str:
        """The id the captcha image carries, if any (the bundled mock's does): what steps hand
        the precondition provider for the answer (`steps.gdzwfw.log_in_with_password`); a
        staging's fixed test answer needs none."""
        return self.captcha_image.get_attribute("data-captcha-id") or ""

    def log_in_with_password(self, account: str, password: str, captcha_answer: str) -> None:
        """Fills account, password and the captcha's answer on the 账号密码 form and clicks 「登录」."""
        self.account.fill(account)
        self.password.fill(password)
        self.captcha.fill(captcha_answer)
        self._submit(self.login_button)

    def refused(self) -> bool:
        """Whether the last login was refused, by what the page shows: its message, or the
        账号密码 form still showing (a toast may have gone); a login has left the login view."""
        return self.error.or_(self.captcha).count() > 0

    def open_registration(self) -> None:
        """「立即注册」."""
        click_to_leave(self.register_link)

    def login_code_ticket(self) -> str:
        """The number printed under the e-licence login code (what the phone scans)."""
        return self._number_after_colon(self.login_code_number)

    def confirm_scanned(self) -> None:
        """「我已扫码」: continue after scanning the code with the phone."""
        self._submit(self.scanned_button)

    def certificate_session_id(self) -> str:
        """The certificate session the CA helper serves (「证书会话编号：…」)."""
        return self._number_after_colon(self.certificate_session)

    def log_in_with_certificate(self, pin: str) -> None:
        """Types the certificate's PIN and clicks 「登录」."""
        self.pin.fill(pin)
        self._submit(self.login_button)

    def _submit(self, button: Locator) -> None:
        # Clicks and waits for the portal's answer: a login leaves for where the user was going
        # (a redirect, or an answer that names the address), a refusal stays and says why. Only
        # a page that has finished loading is one to look at.
        before = self.page.url
        if leaves(answered(self.page, button.click)):
            self.page.wait_for_url(lambda url: url != before)
        self.page.wait_for_load_state()

    @staticmethod
    def _number_after_colon(locator: Locator) -> str:
        shows(locator)
        return locator.inner_text().split("：", 1)[1].strip()

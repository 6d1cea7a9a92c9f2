"""GD-IdP registration: 「个人注册」/「法人注册」 and the steps 「1 输入基础信息」「2 实名核验」「3 注册完成」
(A1.3–A1.7, A1.9)."""

# Fields are found by the labels the guide prints, and a refused field's message is the one
# shown in that field's row (`field_message`). The steps may follow each other in place or by
# loading a page; `go_next()` waits until the page has answered: the next step shows, or a
# field's message does.

from __future__ import annotations

import re
from collections.abc import Mapping

from playwright.sync_api import Locator, Page, Request, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from pages.base import (
    PortalPage,
    answered,
    block,
    checkbox,
    choose,
    click_to_leave,
    clickable,
    current_step,
    exact_text,
    field,
    field_message,
    follow_link,
    message,
    message_beside,
    nth_field_after_text,
    open_choices,
    progress_steps,
    selected_tab,
    shows,
    tab,
    tick,
)

PLEASE_CHOOSE = "请选择"
# How long the page may take to ask again about the mini-program code: the mock asks every
# 400 ms; the real page's interval is a guess, generously above that.
POLL_PATIENCE_MS = 3_000
AGREEMENT = "我已阅读并同意遵守《用户服务协议》和《隐私政策》"
# The placeholders the guide shows in the fields (where a page has no label bound to them).
PLACEHOLDERS = {
    "法人登录账号": "请输入6-20位字符，仅包含数字、字母、下划线中的两种或以上的组合",
    "登录密码": "请输入8-20位字符，仅含数字、大写字母、小写字母、特殊字符中的三种及以上",
    "确认密码": "请再次输入密码",
    "单位/企业名称": "请输入企业、个体工商户、政府机关、社会团体等的名称",
    "单位/企业证件号码": "请输入企业、个体工商户、政府机关、社会团体等的证件号码",
    "证件详细地址": "请输入证件详细地址",
    "法定代表人姓名": "请输入法定代表人姓名",
    "法定代表人证件": "请输入法定代表人证件号码",
}
# 「证件地址（省）」…: the first, second and third drop-down after the text 证件地址.
ADDRESS_PART = re.compile(r"^(?P<label>.+)（(?P<part>[省市区])）$")
ADDRESS_PARTS = {"省": 1, "市": 2, "区": 3}
APPLICANT_TIP = "请账号申请人使用微信扫描以下小程序码，通过人脸识别添加实名信息"
# What 「获取验证码」 answers: sent, or why not.
SMS_ANSWER = re.compile(r"^\s*(验证码已发送至\S+|请输入正确的手机号码)\s*$")


def seen_field(page: Page, label: str) -> Locator:
    """A field by its label (bound, or the text before it), else the placeholder the guide
    shows in it; one of 证件地址's drop-downs by its place after the text 证件地址."""
    found = field(page, label)
    if label in PLACEHOLDERS:
        found = found.or_(page.get_by_placeholder(PLACEHOLDERS[label], exact=True))
    part = ADDRESS_PART.match(label)
    if part:
        drawn = nth_field_after_text(page, part["label"], ADDRESS_PARTS[part["part"]])
        found = field(page, label).or_(drawn.and_(page.locator("input[readonly]")))
    return found.filter(visible=True)


def choose_drawn(page: Page, control: Locator, option: str) -> None:
    """Picks `option` in a drop-down drawn over a read-only input: open it, click the choice."""
    drawn_choices(page, control).filter(has_text=exact_text(option)).click()
    expect(control).to_have_value("" if option == PLEASE_CHOOSE else option)


def drawn_choices(page: Page, control: Locator) -> Locator:
    """The choices a drawn drop-down shows once opened (its list starts with 「请选择」)."""
    shown = page.locator(f"xpath=//*[*[1][not(*)][normalize-space(.)='{PLEASE_CHOOSE}']]").filter(visible=True)
    if not shown.count():
        control.click()
    return shown.locator("xpath=./*")


class GdzwfwRegisterPage(PortalPage):
    """广东省统一身份认证平台 registration, all three steps (they share one page layout)."""

    PATH_NAME = "gdzwfw.legal_register"

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        super().__init__(page, base_url, paths)
        self.personal_tab = tab(page, "个人注册")
        self.legal_tab = tab(page, "法人注册")
        self.tabs = self.personal_tab.or_(self.legal_tab)
        self.selected_tab = selected_tab(page)
        # The progress bar: a list, a framework's steps, or the part that shows the first and last step.
        self.steps = progress_steps(page)
        self.current_step = current_step(page)
        # 账号信息
        self.account = seen_field(page, "法人登录账号")
        self.password = seen_field(page, "登录密码")
        self.password_confirm = seen_field(page, "确认密码")
        # 法人信息
        self.unit_name = seen_field(page, "单位/企业名称")
        self.uscc = seen_field(page, "单位/企业证件号码")
        self.address_detail = seen_field(page, "证件详细地址")
        self.legal_rep_name = seen_field(page, "法定代表人姓名")
        self.legal_rep_id = seen_field(page, "法定代表人证件")
        # 申请人信息: the code's number is printed under it
        self.mini_program_number = page.get_by_text(re.compile(r"^小程序码编号：")).filter(visible=True)
        self.refresh_code_button = clickable(page, "刷新小程序码")
        self.applicant_info = page.get_by_text("已添加申请人实名信息")
        self.phone = seen_field(page, "手机号码")
        self.sms_code = seen_field(page, "短信验证码")
        self.sms_button = clickable(page, "获取验证码")
        # Wherever the page says it: a hint beside the button, a toast.
        self.sms_status = message(page, SMS_ANSWER)
        # The box a person ticks: a checkbox, or the drawn box just before the agreement's text.
        self.agreement = checkbox(page, AGREEMENT).or_(
            page.get_by_text(AGREEMENT).filter(visible=True).locator("xpath=preceding-sibling::*[1]")
        )
        self.next_button = clickable(page, "下一步")
        # Beside the form
        self.elicence_login_link = clickable(page, "无需注册，微信扫码 使用电子营业执照直接登录")
        self.notes = block(page, "注意说明").get_by_role("listitem")
        self.notes_help_link = clickable(block(page, "注意说明"), "用户帮助")
        # Steps 2 and 3
        self.registry_result = page.get_by_text("法人基础库核验结果：")
        self.level_on_success = page.get_by_text("您的账号当前可信等级为：")
        self.login_now = clickable(page, "立即登录")

    def field(self, label: str) -> Locator:
        """A form control by the label the guide prints (「法人登录账号」「证件地址（区）」…)."""
        return seen_field(self.page, label)

    def field_message(self, label: str) -> Locator:
        """The message shown in the row of the field labelled `label` (「小程序码」: the
        applicant's code, a picture beside its instruction)."""
        if label == "小程序码":
            control = self.page.get_by_text(APPLICANT_TIP, exact=True).locator("xpath=following::img[1]")
        elif label == AGREEMENT:
            control = self._agreement_box().locator("input[type=checkbox]")
        else:
            control = self.field(label)
        return field_message(self.page, label).or_(message_beside(control))

    def _agreement_box(self) -> Locator:
        # A drawn box: what is just before the agreement's text.
        return self.page.get_by_text(AGREEMENT).filter(visible=True).locator("xpath=preceding-sibling::*[1]")

    def sms_said(self, text: str) -> Locator:
        """Where the page says `text` after 「获取验证码」 (beside the button, in a toast, and the
        phone's row may say it too)."""
        return self.sms_status.filter(has_text=exact_text(text))

    def fill_field(self, label: str, value: str) -> None:
        """Types into the field with that label."""
        self.field(label).fill(value)

    def fill_account_info(self, account: str, password: str, confirmation: str) -> None:
        """账号信息: 法人登录账号, 登录密码, 确认密码."""
        self.account.fill(account)
        self.password.fill(password)
        self.password_confirm.fill(confirmation)

    def choose_address(self, province: str, city: str = "", district: str = "") -> None:
        """The cascading choices of 「证件地址」, top down; an empty name keeps 「请选择」."""
        self._choose("证件地址（省）", province or PLEASE_CHOOSE)
        self._choose("证件地址（市）", city or PLEASE_CHOOSE)
        self._choose("证件地址（区）", district or PLEASE_CHOOSE)

    def _choose(self, label: str, option: str) -> None:
        # A native or framework drop-down the helpers know; else one drawn over a read-only input.
        if field(self.page, label).count():
            choose(self.page, label, option)
        else:
            choose_drawn(self.page, self.field(label), option)

    def district_choices(self) -> Locator:
        """The choices 「证件地址（区）」 offers, as a person sees them when opening it."""
        if field(self.page, "证件地址（区）").count():
            return open_choices(self.page, "证件地址（区）")
        return drawn_choices(self.page, self.field("证件地址（区）"))

    def fill_unit_info(
        self,
        *,
        name: str,
        uscc: str,
        province: str,
        city: str,
        district: str,
        address_detail: str,
        legal_rep_name: str,
        legal_rep_id: str,
    ) -> None:
        """法人信息: name, 统一社会信用代码, the address and the legal representative."""
        self.unit_name.fill(name)
        self.uscc.fill(uscc)
        self.choose_address(province, city, district)
        self.address_detail.fill(address_detail)
        self.legal_rep_name.fill(legal_rep_name)
        self.legal_rep_id.fill(legal_rep_id)

    def mini_program_ticket(self) -> str:
        """The number printed under the mini-program code the applicant scans."""
        shows(self.mini_program_number)
        expect(self.mini_program_number).not_to_have_text(re.compile(r"^小程序码编号：\s*$"))
        return self.mini_program_number.inner_text().split("：", 1)[1].strip()

    def refresh_mini_program_code(self) -> None:
        """「刷新小程序码」, waiting until the page's request for a new code is answered. Whether
        a new code is then shown is for the caller to check."""
        shows(self.mini_program_number)
        with self.page.expect_response(lambda response: _is_background(response.request, "POST")):
            self.refresh_code_button.click()

    def wait_for_scan_news(self) -> None:
        """Waits until the page has heard how the latest scan ended. The page learns it by asking
        the server about its code again and again (in place of the real page's push from the
        mini program) and stops asking once the applicant is added: so, one question that left
        after now answered, then the next question answered — the page is still waiting — or
        none within the patience, because it has stopped. Checks that the applicant was *not*
        added come after this, never before the page could have changed."""
        if _answered_question(self.page):
            _answered_question(self.page)

    def request_sms_code(self, phone: str) -> None:
        """Types the phone number and clicks 「获取验证码」, waiting for the page's answer."""
        self.phone.fill(phone)
        self.sms_button.click()
        shows(self.sms_status)

    def agree_to_terms(self) -> None:
        """Ticks 「我已阅读并同意遵守《用户服务协议》和《隐私政策》」: the box a person sees, or
        the drawn box just before the agreement's text."""
        if checkbox(self.page, AGREEMENT).count():
            tick(self.page, AGREEMENT)
            return
        drawn = self._agreement_box()
        drawn.click()
        expect(drawn.locator("input[type=checkbox]")).to_be_checked()

    def go_next(self) -> None:
        """「下一步」, then waits until the portal has answered (the next step, or the fields'
        messages, follow from its answer)."""
        shows(self.current_step)
        answered(self.page, self.next_button.click)
        self.page.wait_for_load_state()

    def use_elicence_instead(self) -> None:
        """「无需注册，微信扫码 使用电子营业执照直接登录」."""
        click_to_leave(self.elicence_login_link)

    def open_notes_help(self) -> None:
        """The 「用户帮助」 link of note 6 (it may open in a new tab)."""
        follow_link(self.notes_help_link)

    def open(self) -> None:
        """Navigates to the environment's 法人注册 address and makes sure 「法人注册」 is the tab
        shown (whichever tab the page opened on)."""
        super().open()
        shows(self.tabs)
        if not self.selected_tab.filter(has_text="法人注册").count():
            self.legal_tab.click()
        shows(self.account)

    def log_in_now(self) -> None:
        """「立即登录」 on 注册完成."""
        click_to_leave(self.login_now)


def _is_background(request: Request, method: str = "GET") -> bool:
    """A request the page's script sends by itself (fetch/XHR), not a navigation or a file."""
    return request.resource_type in ("fetch", "xhr") and request.method == method


def _answered_question(page: Page) -> bool:
    """True once a background GET that leaves from now on is answered; False when the page asks
    nothing within `POLL_PATIENCE_MS`."""
    try:
        with page.expect_request(_is_background, timeout=POLL_PATIENCE_MS) as asked:
            pass
        asked.value.response()
    except PlaywrightTimeoutError:
        return False
    return True

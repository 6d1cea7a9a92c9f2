"""Unit tests of mock_sites.rules: one table of cases per rule, then the whole-form validators."""

from __future__ import annotations

import datetime

import pytest
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc

from mock_sites import rules

GDIDP_ACCOUNT = rules.GDIDP_ACCOUNT_MESSAGE
GDIDP_PASSWORD = rules.GDIDP_PASSWORD_MESSAGE


def _with_resident_check_digit(first17: str) -> str:
    """Complete 17 digits with the check digit stdnum computes (an independent implementation)."""
    return first17 + stdnum_ric.calc_check_digit(first17 + "0")


def _with_uscc_check_char(first17: str) -> str:
    return first17 + stdnum_uscc.calc_check_digit(first17)


# Real, published USCCs (stdnum's own example and large listed companies).
VALID_USCC = "91110000600037341L"
VALID_RESIDENT_ID = _with_resident_check_digit("44010619850612123")  # 天河区, born 1985-06-12


# --- GD-IdP account -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("abc123", None, id="6-chars-letters-digits"),
        pytest.param("abc12", GDIDP_ACCOUNT, id="5-chars-too-short"),
        pytest.param("a" * 19 + "1", None, id="20-chars"),
        pytest.param("a" * 20 + "1", GDIDP_ACCOUNT, id="21-chars-too-long"),
        pytest.param("abc_def", None, id="letters-underscore"),
        pytest.param("123_456", None, id="digits-underscore"),
        pytest.param("ab_12c", None, id="all-three-kinds"),
        pytest.param("abcdefg", GDIDP_ACCOUNT, id="letters-only"),
        pytest.param("1234567", GDIDP_ACCOUNT, id="digits-only"),
        pytest.param("_______", GDIDP_ACCOUNT, id="underscore-only"),
        pytest.param("ABCdef", GDIDP_ACCOUNT, id="upper-and-lower-are-one-kind"),
        pytest.param("abc-123", GDIDP_ACCOUNT, id="dash-not-allowed"),
        pytest.param("abc 123", GDIDP_ACCOUNT, id="space-not-allowed"),
        pytest.param("单位abc123", GDIDP_ACCOUNT, id="chinese-not-allowed"),
        pytest.param("ａｂｃ１２３", GDIDP_ACCOUNT, id="full-width-not-allowed"),
        pytest.param("", GDIDP_ACCOUNT, id="empty"),
    ],
)
def test_check_gdidp_account(value: str, expected: str | None) -> None:
    assert rules.check_gdidp_account(value) == expected


# --- GD-IdP password ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("Abcdef12", None, id="8-chars-upper-lower-digit"),
        pytest.param("Abcde12", GDIDP_PASSWORD, id="7-chars-too-short"),
        pytest.param("Abcdef12" + "x" * 12, None, id="20-chars"),
        pytest.param("Abcdef12" + "x" * 13, GDIDP_PASSWORD, id="21-chars-too-long"),
        pytest.param("abcdef1!", None, id="lower-digit-special"),
        pytest.param("ABCDEF1!", None, id="upper-digit-special"),
        pytest.param("Abcdefg!", None, id="upper-lower-special"),
        pytest.param("Abc12!@#", None, id="all-four-kinds"),
        pytest.param("abcdefgh", GDIDP_PASSWORD, id="lower-only"),
        pytest.param("abcd1234", GDIDP_PASSWORD, id="lower-digit-two-kinds"),
        pytest.param("ABCDabcd", GDIDP_PASSWORD, id="upper-lower-two-kinds"),
        pytest.param("1234!@#$", GDIDP_PASSWORD, id="digit-special-two-kinds"),
        pytest.param("Abc 1234", GDIDP_PASSWORD, id="space-not-allowed"),
        pytest.param("Abc1234密码", GDIDP_PASSWORD, id="chinese-not-allowed"),
        pytest.param("", GDIDP_PASSWORD, id="empty"),
    ],
)
def test_check_gdidp_password(value: str, expected: str | None) -> None:
    assert rules.check_gdidp_password(value) == expected


@pytest.mark.parametrize(
    ("password", "confirmation", "expected"),
    [
        pytest.param("Abc12345", "Abc12345", None, id="same"),
        pytest.param("Abc12345", "Abc12346", "两次输入的密码不一致", id="different"),
        pytest.param("Abc12345", "abc12345", "两次输入的密码不一致", id="case-matters"),
        pytest.param("Abc12345", "", "请再次输入密码", id="empty-confirmation"),
    ],
)
def test_check_password_confirmation(password: str, confirmation: str, expected: str | None) -> None:
    assert rules.check_password_confirmation(password, confirmation) == expected


# --- Organisation code --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # D2143569-X is the worked example of GB 11714; the others are checked by hand:
        # 1·3+2·7+3·9+4·10+5·5+6·8+7·4+8·2 = 201, 201 mod 11 = 3, 11-3 = 8.
        pytest.param("D2143569", "X", id="remainder-1-gives-X"),
        pytest.param("12345678", "8", id="digits"),
        pytest.param("00000000", "0", id="remainder-0-gives-0"),
        pytest.param("60003734", "1", id="from-real-uscc"),
        pytest.param("71526726", "X", id="from-real-uscc-with-X"),
    ],
)
def test_org_code_check_char(body: str, expected: str) -> None:
    assert rules.org_code_check_char(body) == expected


@pytest.mark.parametrize("body", ["1234567", "123456789", "abcdefgh", "1234567-"])
def test_org_code_check_char_refuses_a_malformed_body(body: str) -> None:
    with pytest.raises(ValueError):
        rules.org_code_check_char(body)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("D2143569X", True, id="letter-body-X-check"),
        pytest.param("123456788", True, id="digit-body"),
        pytest.param("D21435690", False, id="wrong-check"),
        pytest.param("D2143569-X", False, id="with-dash"),
        pytest.param("d2143569X", False, id="lower-case"),
        pytest.param("D2143569", False, id="too-short"),
    ],
)
def test_is_valid_org_code(value: str, expected: bool) -> None:
    assert rules.is_valid_org_code(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("D2143569X", None, id="valid"),
        pytest.param("715267260", "组织机构代码校验位不正确", id="wrong-check-char"),
        pytest.param("D2143569-X", "组织机构代码请省略第九位“-”", id="dash-at-ninth"),
        pytest.param("D2143569-", "组织机构代码请省略第九位“-”", id="dash-only"),
        pytest.param("D2143569", "组织机构代码应为9位", id="8-chars"),
        pytest.param("D2143569X1", "组织机构代码应为9位", id="10-chars"),
        pytest.param("d2143569X", "组织机构代码格式不正确", id="lower-case"),
        pytest.param("D2143569Y", "组织机构代码格式不正确", id="check-char-not-digit-or-X"),
        pytest.param("", "请输入组织机构代码", id="empty"),
    ],
)
def test_check_org_code(value: str, expected: str | None) -> None:
    assert rules.check_org_code(value) == expected


# --- USCC ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(VALID_USCC, None, id="real-beijing"),
        pytest.param("914403001922038216", None, id="real-shenzhen"),
        pytest.param("9144030071526726XG", None, id="real-shenzhen-org-code-X"),
        pytest.param("91330100716105852F", None, id="real-hangzhou"),
        pytest.param(_with_uscc_check_char("91440106D2143569X"), None, id="computed-guangzhou"),
        pytest.param("", "请输入企业、个体工商户、政府机关、社会团体等的证件号码", id="empty"),
        pytest.param(VALID_USCC[:-1], "统一社会信用代码应为18位", id="17-chars"),
        pytest.param(VALID_USCC + "0", "统一社会信用代码应为18位", id="19-chars"),
        pytest.param("91110000600037341M", "统一社会信用代码校验位不正确", id="wrong-check-char"),
        pytest.param("91110000600037341l", "统一社会信用代码格式不正确", id="lower-case"),
        pytest.param("9111000060003734 L", "统一社会信用代码格式不正确", id="space"),
        pytest.param("9111000060003734-L", "统一社会信用代码格式不正确", id="dash"),
        pytest.param("A1110000600037341L", "统一社会信用代码格式不正确", id="letter-in-first-eight"),
        pytest.param("9111000060003734IL", "统一社会信用代码格式不正确", id="letter-I-not-allowed"),
        pytest.param(
            _with_uscc_check_char("914401066000373" + "42"),
            "统一社会信用代码中的组织机构代码不正确",
            id="embedded-org-code-wrong",
        ),
        pytest.param(
            "91110000600037341统",
            "统一社会信用代码格式不正确",
            id="chinese-character",
        ),
    ],
)
def test_check_uscc(value: str, expected: str | None) -> None:
    assert rules.check_uscc(value) == expected


def test_embedded_org_code_case_passes_stdnum() -> None:
    """The org-code case above is only caught by the GB 11714 check, not by stdnum."""
    value = _with_uscc_check_char("91440106600037342")
    assert stdnum_uscc.is_valid(value)
    assert rules.check_uscc(value) == "统一社会信用代码中的组织机构代码不正确"


# --- Resident ID --------------------------------------------------------------------------------

PINNED_TODAY = datetime.date(2025, 6, 1)
BAD_BIRTH_DATE = "身份证号码中的出生日期不正确"
BAD_REGION = "身份证号码中的地区代码不正确"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(VALID_RESIDENT_ID, None, id="valid-tianhe-1985"),
        pytest.param("360426199101010071", None, id="stdnum-example"),
        pytest.param(_with_resident_check_digit("44030519950228001"), None, id="valid-nanshan-1995"),
        pytest.param(_with_resident_check_digit("44010320000229001"), None, id="leap-day"),
        pytest.param("", "请输入法定代表人证件号码", id="empty"),
        pytest.param(VALID_RESIDENT_ID[:-1], "身份证号码格式不正确", id="17-chars"),
        pytest.param(VALID_RESIDENT_ID + "1", "身份证号码格式不正确", id="19-chars"),
        pytest.param("44010619850612A23" + "1", "身份证号码格式不正确", id="letter-in-body"),
        pytest.param("36042619910101007x", "身份证号码格式不正确", id="lower-case-x"),
        pytest.param("360426199101010072", "身份证号码校验位不正确", id="wrong-check-digit"),
        pytest.param(_with_resident_check_digit("44010619851312123"), BAD_BIRTH_DATE, id="month-13"),
        pytest.param(_with_resident_check_digit("44010619850230123"), BAD_BIRTH_DATE, id="feb-30"),
        pytest.param(_with_resident_check_digit("44010619990229123"), BAD_BIRTH_DATE, id="feb-29-no-leap"),
        pytest.param(_with_resident_check_digit("44010618991231123"), BAD_BIRTH_DATE, id="before-1900"),
        pytest.param(_with_resident_check_digit("44010620250602123"), BAD_BIRTH_DATE, id="in-future"),
        pytest.param(_with_resident_check_digit("44010620250601123"), None, id="born-today"),
        pytest.param(_with_resident_check_digit("44099919800101001"), BAD_REGION, id="unknown-county-keyerror"),
        pytest.param(_with_resident_check_digit("99999919800101001"), BAD_REGION, id="unknown-province"),
        # An ID carries the county code of the residence at issue, which may be newer than the
        # holder: 天河区 (440106) was created in 1985, 禅城区 (440604) in 2002.
        pytest.param(_with_resident_check_digit("44010619600101001"), None, id="county-created-after-birth-tianhe"),
        pytest.param(_with_resident_check_digit("44060419800101001"), None, id="county-created-after-birth-chancheng"),
        # 燕山区 (110110) was abolished in 1986: no ID of someone born in 1990 can carry it.
        pytest.param(_with_resident_check_digit("11011019900101001"), BAD_REGION, id="county-abolished-before-birth"),
        pytest.param(_with_resident_check_digit("11011019800101001"), None, id="county-abolished-after-birth"),
    ],
)
def test_check_resident_id(value: str, expected: str | None) -> None:
    assert rules.check_resident_id(value, today=PINNED_TODAY) == expected


def test_unknown_region_makes_stdnum_raise_keyerror() -> None:
    """Documents why check_resident_id catches KeyError: stdnum itself raises it here."""
    with pytest.raises(KeyError):
        stdnum_ric.is_valid(_with_resident_check_digit("44099919800101001"))


def test_check_resident_id_refuses_future_birth_date_by_default() -> None:
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    value = _with_resident_check_digit("440106" + tomorrow.strftime("%Y%m%d") + "123")
    assert rules.check_resident_id(value) == "身份证号码中的出生日期不正确"


# --- HRSS username ------------------------------------------------------------------------------

HRSS_USERNAME = rules.HRSS_USERNAME_MESSAGE


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("abcde", None, id="5-chars"),
        pytest.param("abcd", HRSS_USERNAME, id="4-chars-too-short"),
        pytest.param("a" * 20, None, id="20-chars"),
        pytest.param("a" * 21, HRSS_USERNAME, id="21-chars-too-long"),
        pytest.param("Unit_01", None, id="letters-digits-underscore"),
        pytest.param("ABCDE", None, id="upper-only"),
        pytest.param("1abcde", HRSS_USERNAME, id="starts-with-digit"),
        pytest.param("_abcde", HRSS_USERNAME, id="starts-with-underscore"),
        pytest.param("abc-de", HRSS_USERNAME, id="dash-not-allowed"),
        pytest.param("abc de", HRSS_USERNAME, id="space-not-allowed"),
        pytest.param("abc单位de", HRSS_USERNAME, id="chinese-not-allowed"),
        pytest.param("abcde\n", HRSS_USERNAME, id="trailing-newline"),
        pytest.param("", HRSS_USERNAME, id="empty"),
    ],
)
def test_check_hrss_username(value: str, expected: str | None) -> None:
    assert rules.check_hrss_username(value) == expected


# --- Keyboard runs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("", 0, id="empty"),
        pytest.param("a", 1, id="single-char"),
        pytest.param("aaaa", 1, id="repeats-are-not-runs"),
        pytest.param("ab", 2, id="pair"),
        pytest.param("abcd", 4, id="alphabet-ascending"),
        pytest.param("dcba", 4, id="alphabet-descending"),
        pytest.param("ab1cd", 2, id="broken-run"),
        pytest.param("1234", 4, id="digits-ascending"),
        pytest.param("4321", 4, id="digits-descending"),
        pytest.param("7890", 4, id="digit-row-0-after-9"),
        pytest.param("0123", 4, id="number-line-0-before-1"),
        pytest.param("qwer", 4, id="top-row"),
        pytest.param("asdf", 4, id="home-row"),
        pytest.param("zxcv", 4, id="bottom-row"),
        pytest.param("poiu", 4, id="top-row-descending"),
        pytest.param("QwEr", 4, id="case-insensitive"),
        pytest.param("abcba", 3, id="direction-change-starts-new-run"),
        pytest.param("Xy9abcdefZ", 6, id="longest-of-several"),
        pytest.param("A1b2C3d4", 1, id="letters-and-digits-alternate"),
        pytest.param("!@#$", 1, id="specials-are-not-sequences"),
    ],
)
def test_longest_keyboard_run(value: str, expected: int) -> None:
    assert rules.longest_keyboard_run(value) == expected


# --- HRSS password ------------------------------------------------------------------------------

HRSS_PASSWORD_4 = rules.hrss_password_message(4)
HRSS_PASSWORD_3 = rules.hrss_password_message(3)


def test_hrss_password_message_names_the_limit() -> None:
    assert HRSS_PASSWORD_4 == (
        "密码应为8-30位，且必须包含大写字母、小写字母、数字中至少3种，同时不能在键盘上连续超过4个字符"
    )
    assert HRSS_PASSWORD_3.endswith("连续超过3个字符")


def test_default_keyboard_run_limit_is_4() -> None:
    assert rules.DEFAULT_KEYBOARD_RUN_LIMIT == 4
    assert rules.check_hrss_password("Zx13579Qm") is None
    assert rules.check_hrss_password("Az12345Qm") == HRSS_PASSWORD_4


@pytest.mark.parametrize(
    ("value", "limit", "expected"),
    [
        pytest.param("Az1Bz2Cz", 4, None, id="8-chars"),
        pytest.param("Az1Bz2C", 4, HRSS_PASSWORD_4, id="7-chars-too-short"),
        pytest.param("Az1Bz2Cz" + "m" * 22, 4, None, id="30-chars"),
        pytest.param("Az1Bz2Cz" + "m" * 23, 4, HRSS_PASSWORD_4, id="31-chars-too-long"),
        pytest.param("az1bz2cz", 4, HRSS_PASSWORD_4, id="no-upper"),
        pytest.param("AZ1BZ2CZ", 4, HRSS_PASSWORD_4, id="no-lower"),
        pytest.param("AzqBzmCz", 4, HRSS_PASSWORD_4, id="no-digit"),
        pytest.param("Az1Bz2C!", 4, None, id="special-allowed"),
        pytest.param("Az1 Bz2Cz", 4, HRSS_PASSWORD_4, id="space-not-allowed"),
        pytest.param("Az1Bz2Cz密", 4, HRSS_PASSWORD_4, id="chinese-not-allowed"),
        pytest.param("", 4, HRSS_PASSWORD_4, id="empty"),
        # Limit 4: a run of 4 is allowed, a run of 5 is refused.
        pytest.param("Abcd1357x", 4, None, id="limit4-abcd-run-4"),
        pytest.param("Abcde1357", 4, HRSS_PASSWORD_4, id="limit4-abcde-run-5"),
        pytest.param("Zx1234Qm", 4, None, id="limit4-1234-run-4"),
        pytest.param("Zx12345Qm", 4, HRSS_PASSWORD_4, id="limit4-12345-run-5"),
        pytest.param("Zx54321Qm", 4, HRSS_PASSWORD_4, id="limit4-descending-run-5"),
        pytest.param("Qwert1357Z", 4, HRSS_PASSWORD_4, id="limit4-qwert-run-5"),
        pytest.param("Qwer1357Z", 4, None, id="limit4-qwer-run-4"),
        pytest.param("Asdfg1357", 4, HRSS_PASSWORD_4, id="limit4-asdfg-run-5"),
        pytest.param("Zx67890Qm", 4, HRSS_PASSWORD_4, id="limit4-digit-row-run-5"),
        # Limit 3: a run of 3 is allowed, a run of 4 is refused.
        pytest.param("Abc1357xZ", 3, None, id="limit3-abc-run-3"),
        pytest.param("Abcd1357x", 3, HRSS_PASSWORD_3, id="limit3-abcd-run-4"),
        pytest.param("Zx123Qm9", 3, None, id="limit3-123-run-3"),
        pytest.param("Zx1234Qm", 3, HRSS_PASSWORD_3, id="limit3-1234-run-4"),
        pytest.param("Zx4321Qm", 3, HRSS_PASSWORD_3, id="limit3-descending-run-4"),
        pytest.param("Poiu1357Z", 3, HRSS_PASSWORD_3, id="limit3-poiu-run-4"),
        pytest.param("ZXCv1357m", 3, HRSS_PASSWORD_3, id="limit3-zxcv-mixed-case-run-4"),
    ],
)
def test_check_hrss_password(value: str, limit: int, expected: str | None) -> None:
    assert rules.check_hrss_password(value, limit) == expected


# --- Phone --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("13800138000", None, id="13x"),
        pytest.param("19912345678", None, id="19x"),
        pytest.param("12800138000", "请输入正确的手机号码", id="12x-not-mobile"),
        pytest.param("23800138000", "请输入正确的手机号码", id="not-starting-with-1"),
        pytest.param("1380013800", "请输入正确的手机号码", id="10-digits"),
        pytest.param("138001380001", "请输入正确的手机号码", id="12-digits"),
        pytest.param("138-0013-800", "请输入正确的手机号码", id="dashes"),
        pytest.param("１３８００１３８０００", "请输入正确的手机号码", id="full-width-digits"),
        pytest.param("", "请输入手机号码", id="empty"),
    ],
)
def test_check_phone(value: str, expected: str | None) -> None:
    assert rules.check_phone(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("on", None, id="checkbox-on"),
        pytest.param("true", None, id="true"),
        pytest.param("", rules.AGREEMENT_MESSAGE, id="unticked"),
        pytest.param("off", rules.AGREEMENT_MESSAGE, id="off"),
    ],
)
def test_check_agreement(value: str, expected: str | None) -> None:
    assert rules.check_agreement(value) == expected


# --- Whole forms --------------------------------------------------------------------------------

VALID_GDIDP_FORM: dict[str, str] = {
    "account": "unit_2024",
    "password": "Abc12345!",
    "password_confirm": "Abc12345!",
    "unit_name": "广州某某科技有限公司",
    "uscc": VALID_USCC,
    "province": "广东省",
    "city": "广州市",
    "district": "天河区",
    "address_detail": "天河路1号",
    "legal_rep_name": "张三",
    "legal_rep_id": VALID_RESIDENT_ID,
    "phone": "13800138000",
    "agreed": "on",
}


def test_valid_gdidp_form_has_no_errors() -> None:
    assert rules.validate_gdidp_legal_registration(VALID_GDIDP_FORM) == {}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param({"account": "abcdefg"}, "account", GDIDP_ACCOUNT, id="account-one-kind"),
        pytest.param({"account": ""}, "account", GDIDP_ACCOUNT, id="account-empty"),
        pytest.param(
            {"password": "abcdefgh", "password_confirm": "abcdefgh"}, "password", GDIDP_PASSWORD, id="password-weak"
        ),
        pytest.param(
            {"password_confirm": "Abc12345?"}, "password_confirm", "两次输入的密码不一致", id="confirm-differs"
        ),
        pytest.param({"password_confirm": ""}, "password_confirm", "请再次输入密码", id="confirm-empty"),
        pytest.param(
            {"unit_name": "  "}, "unit_name", "请输入企业、个体工商户、政府机关、社会团体等的名称", id="unit-name-blank"
        ),
        pytest.param({"uscc": ""}, "uscc", "请输入企业、个体工商户、政府机关、社会团体等的证件号码", id="uscc-empty"),
        pytest.param({"uscc": "91110000600037341M"}, "uscc", "统一社会信用代码校验位不正确", id="uscc-check-char"),
        pytest.param({"province": ""}, "province", "请选择证件地址所在省份", id="province-empty"),
        pytest.param({"city": ""}, "city", "请选择证件地址所在城市", id="city-empty"),
        pytest.param({"district": ""}, "district", "请选择证件地址所在区县", id="district-empty"),
        pytest.param({"address_detail": ""}, "address_detail", "请输入证件详细地址", id="address-empty"),
        pytest.param({"legal_rep_name": ""}, "legal_rep_name", "请输入法定代表人姓名", id="legal-rep-name-empty"),
        pytest.param({"legal_rep_id": ""}, "legal_rep_id", "请输入法定代表人证件号码", id="legal-rep-id-empty"),
        pytest.param(
            {"legal_rep_id": "360426199101010072"}, "legal_rep_id", "身份证号码校验位不正确", id="legal-rep-id-check"
        ),
        pytest.param({"phone": "1380013800"}, "phone", "请输入正确的手机号码", id="phone-short"),
        pytest.param({"phone": ""}, "phone", "请输入手机号码", id="phone-empty"),
        pytest.param({"agreed": ""}, "agreed", "请阅读并同意《用户服务协议》和《隐私政策》", id="agreement-unticked"),
    ],
)
def test_gdidp_form_reports_exactly_the_broken_field(changes: dict[str, str], field: str, message: str) -> None:
    form = {**VALID_GDIDP_FORM, **changes}
    assert rules.validate_gdidp_legal_registration(form) == {field: message}


def test_gdidp_form_missing_agreement_field_counts_as_unticked() -> None:
    form = {key: value for key, value in VALID_GDIDP_FORM.items() if key != "agreed"}
    assert rules.validate_gdidp_legal_registration(form) == {"agreed": rules.AGREEMENT_MESSAGE}


def test_empty_gdidp_form_reports_every_field() -> None:
    assert set(rules.validate_gdidp_legal_registration({})) == set(VALID_GDIDP_FORM)


VALID_HRSS_FORM: dict[str, str] = {
    "cert_type": "uscc",
    "cert_no": VALID_USCC,
    "unit_name": "广州某某科技有限公司",
    "location": "广东省广州市天河区",
    "address_detail": "天河路1号",
    "legal_rep_name": "张三",
    "legal_rep_id": VALID_RESIDENT_ID,
    "legal_rep_phone": "13800138000",
    "username": "unit_2024",
    "password": "Zx1357Qm9",
    "password_confirm": "Zx1357Qm9",
    "sms_code": "123456",
}


def test_valid_hrss_form_has_no_errors() -> None:
    assert rules.validate_hrss_unit_registration(VALID_HRSS_FORM, 4) == {}


def test_valid_hrss_form_with_org_code_has_no_errors() -> None:
    form = {**VALID_HRSS_FORM, "cert_type": "org_code", "cert_no": "D2143569X"}
    assert rules.validate_hrss_unit_registration(form, 4) == {}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param({"cert_type": ""}, "cert_type", "请选择证件类型", id="cert-type-empty"),
        pytest.param({"cert_type": "passport"}, "cert_type", "请选择证件类型", id="cert-type-unknown"),
        pytest.param({"cert_no": ""}, "cert_no", "请输入证件号码", id="cert-no-empty"),
        pytest.param(
            {"cert_no": "91110000600037341M"}, "cert_no", "统一社会信用代码校验位不正确", id="uscc-check-char"
        ),
        pytest.param(
            {"cert_type": "org_code", "cert_no": "D2143569-X"},
            "cert_no",
            "组织机构代码请省略第九位“-”",
            id="org-code-dash",
        ),
        pytest.param(
            {"cert_type": "org_code", "cert_no": "D21435690"},
            "cert_no",
            "组织机构代码校验位不正确",
            id="org-code-check",
        ),
        pytest.param({"cert_type": "org_code"}, "cert_no", "组织机构代码应为9位", id="uscc-given-as-org-code"),
        pytest.param({"unit_name": ""}, "unit_name", "请输入单位名称", id="unit-name-empty"),
        pytest.param({"location": ""}, "location", "请选择单位所在地", id="location-empty"),
        pytest.param({"address_detail": ""}, "address_detail", "请输入详细地址", id="address-empty"),
        pytest.param({"legal_rep_name": ""}, "legal_rep_name", "请输入法定代表人姓名", id="legal-rep-name-empty"),
        pytest.param({"legal_rep_id": ""}, "legal_rep_id", "请输入法定代表人证件号码", id="legal-rep-id-empty"),
        pytest.param(
            {"legal_rep_id": _with_resident_check_digit("44010619851312123")},
            "legal_rep_id",
            "身份证号码中的出生日期不正确",
            id="legal-rep-id-date",
        ),
        pytest.param({"legal_rep_phone": ""}, "legal_rep_phone", "请输入法定代表人手机号码", id="phone-empty"),
        pytest.param({"legal_rep_phone": "12345678901"}, "legal_rep_phone", "请输入正确的手机号码", id="phone-wrong"),
        pytest.param({"username": ""}, "username", "请输入用户名", id="username-empty"),
        pytest.param({"username": "1unit"}, "username", HRSS_USERNAME, id="username-starts-with-digit"),
        pytest.param(
            {"password": "Zx12345Qm", "password_confirm": "Zx12345Qm"}, "password", HRSS_PASSWORD_4, id="password-run-5"
        ),
        pytest.param(
            {"password_confirm": "Zx1357Qm8"}, "password_confirm", "两次输入的密码不一致", id="confirm-differs"
        ),
        pytest.param({"sms_code": ""}, "sms_code", "请输入短信验证码", id="sms-code-empty"),
    ],
)
def test_hrss_form_reports_exactly_the_broken_field(changes: dict[str, str], field: str, message: str) -> None:
    form = {**VALID_HRSS_FORM, **changes}
    assert rules.validate_hrss_unit_registration(form, 4) == {field: message}


def test_hrss_form_with_both_passwords_blank_names_both_fields() -> None:
    form = {**VALID_HRSS_FORM, "password": "", "password_confirm": ""}
    assert rules.validate_hrss_unit_registration(form, 4) == {
        "password": "请输入密码",
        "password_confirm": "请再次输入密码",
    }


@pytest.mark.parametrize(
    ("password", "limit", "expected"),
    [
        pytest.param("Zx1234Qm", 4, {}, id="run-4-at-limit-4"),
        pytest.param("Zx1234Qm", 3, {"password": HRSS_PASSWORD_3}, id="run-4-over-limit-3"),
        pytest.param("Zx123Qm9", 3, {}, id="run-3-at-limit-3"),
    ],
)
def test_hrss_form_uses_the_configured_keyboard_run_limit(password: str, limit: int, expected: dict[str, str]) -> None:
    form = {**VALID_HRSS_FORM, "password": password, "password_confirm": password}
    assert rules.validate_hrss_unit_registration(form, limit) == expected

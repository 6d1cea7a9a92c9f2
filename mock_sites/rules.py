"""Validation rules shared by the two mock portals (GD-IdP and HRSS)."""

# Every field rule the guide states is written here exactly once, as a pure function, so both
# portals refuse the same input with the same words. A check returns ``None`` when the value is
# valid and otherwise the message the page shows next to the field. Where the guide prints a hint
# for the field, that hint is the message, verbatim.
#
# The ``validate_*`` functions check a whole registration form and return ``{field: message}``
# for the broken fields only; an empty dict means the form may proceed.
#
# Values are checked exactly as typed: nothing is stripped, upper-cased or compacted, because the
# mock should refuse what the real page refuses rather than quietly repair it.
#
# A few rules can be broken on purpose by their rule mutant (`mock_sites.mutants`, for
# `make mutants`); outside a portal that was asked to, none is, and the functions stay pure.

from __future__ import annotations

import datetime
import re
import string
from collections.abc import Callable, Mapping

from stdnum import numdb
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum, ValidationError

from mock_sites import mutants

# --- Character classes --------------------------------------------------------------------------
# Spelled out instead of str.isdigit()/str.isalpha(), which also accept full-width digits and
# Chinese characters.
DIGITS = frozenset(string.digits)
UPPER = frozenset(string.ascii_uppercase)
LOWER = frozenset(string.ascii_lowercase)
LETTERS = UPPER | LOWER
UNDERSCORE = frozenset("_")
SPECIAL = frozenset(string.punctuation)

# --- Messages -----------------------------------------------------------------------------------
GDIDP_ACCOUNT_MESSAGE = "请输入6-20位字符，仅包含数字、字母、下划线中的两种或以上的组合"
GDIDP_PASSWORD_MESSAGE = "请输入8-20位字符，仅含数字、大写字母、小写字母、特殊字符中的三种及以上"
PASSWORD_CONFIRMATION_EMPTY_MESSAGE = "请再次输入密码"
PASSWORD_MISMATCH_MESSAGE = "两次输入的密码不一致"

USCC_EMPTY_MESSAGE = "请输入企业、个体工商户、政府机关、社会团体等的证件号码"
USCC_LENGTH_MESSAGE = "统一社会信用代码应为18位"
USCC_FORMAT_MESSAGE = "统一社会信用代码格式不正确"
USCC_CHECK_CHAR_MESSAGE = "统一社会信用代码校验位不正确"
USCC_ORG_CODE_MESSAGE = "统一社会信用代码中的组织机构代码不正确"

ORG_CODE_EMPTY_MESSAGE = "请输入组织机构代码"
ORG_CODE_DASH_MESSAGE = "组织机构代码请省略第九位“-”"
ORG_CODE_LENGTH_MESSAGE = "组织机构代码应为9位"
ORG_CODE_FORMAT_MESSAGE = "组织机构代码格式不正确"
ORG_CODE_CHECK_CHAR_MESSAGE = "组织机构代码校验位不正确"

RESIDENT_ID_EMPTY_MESSAGE = "请输入法定代表人证件号码"
RESIDENT_ID_FORMAT_MESSAGE = "身份证号码格式不正确"
RESIDENT_ID_CHECK_DIGIT_MESSAGE = "身份证号码校验位不正确"
RESIDENT_ID_BIRTH_DATE_MESSAGE = "身份证号码中的出生日期不正确"
RESIDENT_ID_REGION_MESSAGE = "身份证号码中的地区代码不正确"

HRSS_USERNAME_MESSAGE = "登录账号应为5-20位，可以使用大小写字母、数字和下划线，且应该以字母开始"

PHONE_EMPTY_MESSAGE = "请输入手机号码"
PHONE_MESSAGE = "请输入正确的手机号码"

AGREEMENT_MESSAGE = "请阅读并同意《用户服务协议》和《隐私政策》"

# The guide prints this limit twice with different values: 「不能在键盘上连续超过4个字符」 in the A3.5
# screenshot and 「…超过3个字符」 in the B1.2 one. The mock makes it a setting; 4 is the default
# because it is the one shown on the page the unit actually uses first (A3.5).
DEFAULT_KEYBOARD_RUN_LIMIT = 4

# Rows of a QWERTY keyboard plus alphabetical and numerical order; the digit row and the number
# line differ only in where 0 sits, so both are listed.
KEYBOARD_SEQUENCES: tuple[str, ...] = (
    "1234567890",
    "0123456789",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "abcdefghijklmnopqrstuvwxyz",
)

# GB 11714 organisation code: weights of the eight body characters.
ORG_CODE_WEIGHTS: tuple[int, ...] = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CODE_BODY_CHARS = DIGITS | UPPER

Check = Callable[[str], str | None]


def hrss_password_message(keyboard_run_limit: int) -> str:
    """The HRSS password hint, which names the configured keyboard-run limit."""
    return (
        "密码应为8-30位，且必须包含大写字母、小写字母、数字中至少3种，"
        f"同时不能在键盘上连续超过{keyboard_run_limit}个字符"
    )


# --- Small helpers ------------------------------------------------------------------------------


def _only_chars_from(value: str, allowed: frozenset[str]) -> bool:
    return all(char in allowed for char in value)


def _count_kinds(value: str, kinds: tuple[frozenset[str], ...]) -> int:
    return sum(1 for kind in kinds if any(char in kind for char in value))


def _is_blank(value: str) -> bool:
    return not value.strip()


# --- GD-IdP account ----------------------------------------------------------------------------


def check_gdidp_account(value: str) -> str | None:
    """法人登录账号: 6–20 of digits, letters, underscore, with at least two of those kinds."""
    if not 6 <= len(value) <= 20:
        return GDIDP_ACCOUNT_MESSAGE
    if not _only_chars_from(value, DIGITS | LETTERS | UNDERSCORE):
        return GDIDP_ACCOUNT_MESSAGE
    if _count_kinds(value, (DIGITS, LETTERS, UNDERSCORE)) < 2 and not mutants.is_on("account_of_one_kind_accepted"):
        return GDIDP_ACCOUNT_MESSAGE
    return None


def check_gdidp_password(value: str) -> str | None:
    """登录密码: 8–20 of digits, upper, lower, ASCII punctuation, with at least three kinds."""
    if not 8 <= len(value) <= 20:
        return GDIDP_PASSWORD_MESSAGE
    if not _only_chars_from(value, DIGITS | UPPER | LOWER | SPECIAL):
        return GDIDP_PASSWORD_MESSAGE
    if _count_kinds(value, (DIGITS, UPPER, LOWER, SPECIAL)) < 3:
        return GDIDP_PASSWORD_MESSAGE
    return None


def check_password_confirmation(password: str, confirmation: str) -> str | None:
    """确认密码 must repeat the password; empty gets the field's own hint 「请再次输入密码」."""
    if confirmation == "":
        return PASSWORD_CONFIRMATION_EMPTY_MESSAGE
    if confirmation != password:
        return PASSWORD_MISMATCH_MESSAGE
    return None


# --- Organisation code (GB 11714) and USCC (GB 32100) ------------------------------------------


def _org_code_char_value(char: str) -> int:
    # GB 11714 values letters A–Z as 10–35, i.e. their position after the ten digits.
    if char in DIGITS:
        return int(char)
    return ord(char) - 55


def org_code_check_char(first8: str) -> str:
    """The GB 11714 check character for an eight-character organisation-code body.

    Raises ValueError if the body is not eight digits or upper-case letters.
    """
    if len(first8) != 8 or not _only_chars_from(first8, ORG_CODE_BODY_CHARS):
        raise ValueError(f"not an organisation-code body: {first8!r}")
    total = sum(_org_code_char_value(char) * weight for char, weight in zip(first8, ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 10:
        return "X"
    if check == 11:
        return "0"
    return str(check)


def is_valid_org_code(code: str) -> bool:
    """True for a nine-character organisation code (no dash) with the right check character."""
    if len(code) != 9:
        return False
    body, check = code[:8], code[8]
    if not _only_chars_from(body, ORG_CODE_BODY_CHARS):
        return False
    return check == org_code_check_char(body)


def check_org_code(value: str) -> str | None:
    """组织机构代码: nine characters; the guide asks to leave out the dash before the check char."""
    if value == "":
        return ORG_CODE_EMPTY_MESSAGE
    if "-" in value:
        return ORG_CODE_DASH_MESSAGE
    if len(value) != 9:
        return ORG_CODE_LENGTH_MESSAGE
    if not _only_chars_from(value[:8], ORG_CODE_BODY_CHARS) or value[8] not in DIGITS | {"X"}:
        return ORG_CODE_FORMAT_MESSAGE
    if not is_valid_org_code(value):
        return ORG_CODE_CHECK_CHAR_MESSAGE
    return None


def check_uscc(value: str) -> str | None:
    """统一社会信用代码: GB 32100 format and check character, plus a valid embedded org code.

    Distinct messages say which part is wrong: length, characters, the GB 32100 check character,
    or the GB 11714 organisation code in characters 9–17.

    The format and check character are python-stdnum's; note that stdnum insists the first eight
    characters are digits, so registration authority 'Y' (其他) is refused. No portal in the
    guide deals with such units, so the mock accepts that.
    """
    if value == "":
        return USCC_EMPTY_MESSAGE
    if len(value) != 18:
        return USCC_LENGTH_MESSAGE
    # stdnum removes spaces and dashes and upper-cases before checking; a value that compaction
    # changes was therefore not typed in the one accepted form.
    if stdnum_uscc.compact(value) != value:
        return USCC_FORMAT_MESSAGE
    try:
        stdnum_uscc.validate(value)
    except InvalidChecksum:
        if not mutants.is_on("uscc_check_char_ignored"):
            return USCC_CHECK_CHAR_MESSAGE
    except (ValidationError, ValueError):
        return USCC_FORMAT_MESSAGE
    if not is_valid_org_code(value[8:17]):
        return USCC_ORG_CODE_MESSAGE
    return None


# --- Resident ID (GB 11643) ---------------------------------------------------------------------

_EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)


def _birth_date_of(value: str) -> datetime.date | None:
    try:
        return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def _has_known_region(value: str, birth_year: int) -> bool:
    """True when the first six digits are a county code that was in use at some time from the
    holder's birth on.

    An ID number carries the code of the place of residence when it was first issued, which
    may be years after birth: someone born in 1960 who lived in 天河区 (code 440106, created
    in 1985) when the ID was issued has 440106 in it. So a code created after the birth year is
    accepted; a code abolished before the holder was born cannot have been issued to them.
    python-stdnum's own check (`get_birth_place`) asks for the code to exist in the birth year,
    which refuses such real IDs, so its county table is read directly here.
    """
    counties = [props["county"] for _part, props in numdb.get("cn/loc").info(value[:6]) if "county" in props]
    if not counties:
        return False
    # Entries read "[1985-]天河区" (from 1985), "[-1986]燕山区" (until 1986), or a bare name.
    for county in counties[0].split(","):
        if not county.startswith("["):
            return True  # no validity range: in use today
        ended = county[1:].split("]")[0].split("-")[1]
        if not ended or int(ended) >= birth_year:
            return True
    return False


def check_resident_id(value: str, today: datetime.date | None = None) -> str | None:
    """居民身份证号码: 18 characters, GB 11643 check digit, a real birth date, a known region.

    ``today`` is there so tests can pin the "not in the future" boundary.

    The region is a county code in use at some time from the birth year on (see
    `_has_known_region`).
    """
    if value == "":
        return RESIDENT_ID_EMPTY_MESSAGE
    if len(value) != 18 or not _only_chars_from(value[:17], DIGITS) or value[17] not in DIGITS | {"X"}:
        return RESIDENT_ID_FORMAT_MESSAGE
    if value[17] != stdnum_ric.calc_check_digit(value):
        return RESIDENT_ID_CHECK_DIGIT_MESSAGE
    birth_date = _birth_date_of(value)
    latest = today or datetime.date.today()
    if birth_date is None or not _EARLIEST_BIRTH_DATE <= birth_date <= latest:
        return RESIDENT_ID_BIRTH_DATE_MESSAGE
    if not _has_known_region(value, birth_date.year):
        return RESIDENT_ID_REGION_MESSAGE
    return None


# --- HRSS username and password -----------------------------------------------------------------

_HRSS_USERNAME_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_]{4,19}")


def check_hrss_username(value: str) -> str | None:
    """用户名: 5–20 of letters, digits, underscore, starting with a letter."""
    if _HRSS_USERNAME_PATTERN.fullmatch(value) is None and not (
        mutants.is_on("short_username_accepted") and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{3}", value)
    ):
        return HRSS_USERNAME_MESSAGE
    return None


def _continues_run(previous: str, current: str, sequence: str, step: int) -> bool:
    if previous not in sequence or current not in sequence:
        return False
    return sequence.index(current) - sequence.index(previous) == step


def _longest_run_along(text: str, sequence: str, step: int) -> int:
    longest = current_run = 1
    for previous, current in zip(text, text[1:], strict=False):
        current_run = current_run + 1 if _continues_run(previous, current, sequence, step) else 1
        longest = max(longest, current_run)
    return longest


def longest_keyboard_run(value: str) -> int:
    """Length of the longest stretch of keyboard-consecutive characters in ``value``.

    A stretch follows one sequence of KEYBOARD_SEQUENCES in one direction, ignoring case:
    "abcd" → 4, "4321" → 4, "qwer" → 4, "ab1cd" → 2. Any single character is a run of 1.
    """
    if value == "":
        return 0
    text = value.lower()
    return max(_longest_run_along(text, sequence, step) for sequence in KEYBOARD_SEQUENCES for step in (1, -1))


def check_hrss_password(value: str, keyboard_run_limit: int = DEFAULT_KEYBOARD_RUN_LIMIT) -> str | None:
    """密码: 8–30 characters with upper, lower and digits, and no keyboard run over the limit.

    The guide says "at least 3 of" upper, lower and digits, which is all three. It names no other
    characters; the mock also allows ASCII punctuation (as GD-IdP does) and refuses anything else,
    such as spaces or Chinese characters.
    """
    message = hrss_password_message(keyboard_run_limit)
    if not 8 <= len(value) <= 30:
        return message
    if not _only_chars_from(value, DIGITS | UPPER | LOWER | SPECIAL):
        return message
    if _count_kinds(value, (UPPER, LOWER, DIGITS)) < 3:
        return message
    if longest_keyboard_run(value) > keyboard_run_limit and not mutants.is_on("keyboard_run_unchecked"):
        return message
    return None


# --- Phone --------------------------------------------------------------------------------------

_MOBILE_PATTERN = re.compile(r"1[3-9][0-9]{9}")


def check_phone(value: str) -> str | None:
    """手机号码: an 11-digit mainland mobile number, 1[3-9] followed by nine digits."""
    if value == "":
        return PHONE_EMPTY_MESSAGE
    if _MOBILE_PATTERN.fullmatch(value) is None:
        return PHONE_MESSAGE
    return None


# --- Whole forms --------------------------------------------------------------------------------

# A ticked HTML checkbox posts "on" unless it carries a value attribute.
_TICKED_VALUES = frozenset({"on", "true", "1", "yes"})


def _required(message: str) -> Check:
    """A check that only refuses a blank value (for free text and selects)."""

    def check(value: str) -> str | None:
        return message if _is_blank(value) else None

    return check


def _required_then(empty_message: str, rule: Check) -> Check:
    """A check that names the field when blank and applies ``rule`` otherwise."""

    def check(value: str) -> str | None:
        return empty_message if _is_blank(value) else rule(value)

    return check


def _collect_errors(form: Mapping[str, str], checks: Mapping[str, Check]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for field, check in checks.items():
        message = check(form.get(field, ""))
        if message is not None:
            errors[field] = message
    return errors


def check_agreement(value: str) -> str | None:
    """「我已阅读并同意遵守《用户服务协议》和《隐私政策》」 must be ticked."""
    if value.strip().lower() in _TICKED_VALUES:
        return None
    return AGREEMENT_MESSAGE


def validate_gdidp_legal_registration(form: Mapping[str, str]) -> dict[str, str]:
    """Check the GD-IdP 法人注册 form (step 1 输入基础信息); returns {field: message}.

    Each field is judged on its own value, except 确认密码 which is compared with 登录密码.
    Missing fields count as empty.
    """
    checks: dict[str, Check] = {
        "account": check_gdidp_account,
        "password": check_gdidp_password,
        "password_confirm": lambda value: check_password_confirmation(form.get("password", ""), value),
        "unit_name": _required("请输入企业、个体工商户、政府机关、社会团体等的名称"),
        "uscc": check_uscc,
        "province": _required("请选择证件地址所在省份"),
        "city": _required("请选择证件地址所在城市"),
        "district": _required("请选择证件地址所在区县"),
        "address_detail": _required("请输入证件详细地址"),
        "legal_rep_name": _required("请输入法定代表人姓名"),
        "legal_rep_id": check_resident_id,
        "phone": check_phone,
        "agreed": check_agreement,
    }
    return _collect_errors(form, checks)


def _check_hrss_cert_type(value: str) -> str | None:
    if value in ("uscc", "org_code"):
        return None
    return "请选择证件类型"


def _accept_any(value: str) -> str | None:
    return None


def _check_hrss_cert_no(cert_type: str) -> Check:
    # Which rule applies depends on the chosen 证件类型; with no valid type chosen, only
    # emptiness is judged (the type field carries the error).
    rules: dict[str, Check] = {"uscc": check_uscc, "org_code": check_org_code}
    rule = rules.get(cert_type, _accept_any)
    return _required_then("请输入证件号码", rule)


def validate_hrss_unit_registration(
    form: Mapping[str, str], keyboard_run_limit: int = DEFAULT_KEYBOARD_RUN_LIMIT
) -> dict[str, str]:
    """Check the HRSS 单位信息 form (A3.5 / B1.2); returns {field: message}.

    ``cert_type`` is "uscc" or "org_code". Whether the SMS code is the one that was sent is the
    portal's business (it holds the outbox); here it is only required.
    """
    checks: dict[str, Check] = {
        "cert_type": _check_hrss_cert_type,
        "cert_no": _check_hrss_cert_no(form.get("cert_type", "")),
        "unit_name": _required("请输入单位名称"),
        "location": _required("请选择单位所在地"),
        "address_detail": _required("请输入详细地址"),
        "legal_rep_name": _required("请输入法定代表人姓名"),
        "legal_rep_id": check_resident_id,
        "legal_rep_phone": _required_then("请输入法定代表人手机号码", check_phone),
        "username": _required_then("请输入用户名", check_hrss_username),
        "password": _required_then("请输入密码", lambda value: check_hrss_password(value, keyboard_run_limit)),
        "password_confirm": lambda value: check_password_confirmation(form.get("password", ""), value),
        "sms_code": _required("请输入短信验证码"),
    }
    return _collect_errors(form, checks)

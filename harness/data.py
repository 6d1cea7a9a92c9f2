"""Test-data builders: units, people, accounts and passwords that the portals accept."""

# Scenarios need registration data that is valid by the Chinese standards the portals check
# (统一社会信用代码 GB 32100, 组织机构代码 GB 11714, 居民身份证 GB 11643) and, for the negative
# scenarios, values that are wrong in exactly one known way. Everything comes from one seed, so a
# failed run can be replayed with the same data.
#
# The harness talks to the mock portals only through the browser and HTTP, so this module does not
# import ``mock_sites``: the check-character arithmetic needed to *generate* values is written here
# again, and every generated value is verified with python-stdnum, an independent implementation.

from __future__ import annotations

import datetime
import functools
import random
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc

if TYPE_CHECKING:
    from faker import Faker

# Real cities of Guangdong with some of their real districts/counties. Public because scenarios
# pick addresses from it; the mock keeps its own copy for its cascading selects.
GUANGDONG_DISTRICTS: dict[str, list[str]] = {
    "广州市": ["荔湾区", "越秀区", "海珠区", "天河区", "白云区"],
    "深圳市": ["罗湖区", "福田区", "南山区", "宝安区"],
    "佛山市": ["禅城区", "南海区", "顺德区"],
    "珠海市": ["香洲区", "斗门区", "金湾区"],
    "惠州市": ["惠城区", "惠阳区", "博罗县"],
}

# Administrative division codes (GB/T 2260) of the districts above, so that a unit's USCC names
# the district of its address.
_DISTRICT_CODES: dict[str, str] = {
    "荔湾区": "440103",
    "越秀区": "440104",
    "海珠区": "440105",
    "天河区": "440106",
    "白云区": "440111",
    "罗湖区": "440303",
    "福田区": "440304",
    "南山区": "440305",
    "宝安区": "440306",
    "禅城区": "440604",
    "南海区": "440605",
    "顺德区": "440606",
    "香洲区": "440402",
    "斗门区": "440403",
    "金湾区": "440404",
    "惠城区": "441302",
    "惠阳区": "441303",
    "博罗县": "441322",
}

# Region codes for resident IDs. stdnum accepts a county code only for birth years in which the
# county existed, and its table starts most Guangdong districts in the 1980s; 曲江县 (until 2004)
# and 番禺县 (until 1992) cover the earlier birth years.
_RESIDENT_REGION_CODES: tuple[str, ...] = (
    "440103",
    "440104",
    "440106",
    "440111",
    "440303",
    "440305",
    "440402",
    "441302",
    "440221",
    "440126",
)

PROVINCE = "广东省"

# GB 32100: the 31 characters a USCC may use (no I, O, S, V, Z) and the weights of positions 1–17.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# "9" = registered by market regulation (工商), "1" = enterprise.
_USCC_ENTERPRISE_PREFIX = "91"

# GB 11714 weights of the eight body characters of an organisation code.
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# Body characters are restricted to those a USCC may also carry, so every org code generated
# here can be embedded in a USCC.
_ORG_CODE_BODY_CHARS = _USCC_ALPHABET
_ORG_CODE_CHECK_CHARS = "0123456789X"

# GB 11643 weights of the first 17 digits, and the check character for each remainder mod 11.
_RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RESIDENT_ID_CHECK_CHARS = "10X98765432"

# Impossible month/day pairs for resident_id_with_bad_birth_date().
_IMPOSSIBLE_MONTH_DAYS = ("1301", "0230", "0431", "0000")


@dataclass(frozen=True)
class Unit:
    """A legal-person unit with everything the two registration forms ask for."""

    name: str
    uscc: str
    province: str
    city: str
    district: str
    address_detail: str
    legal_rep_name: str
    legal_rep_id: str
    phone: str


@dataclass(frozen=True)
class Person:
    """A natural person: the legal representative or the unit's handler."""

    name: str
    resident_id: str
    phone: str


# --- Check-character arithmetic (for generation only) -------------------------------------------


def _org_code_check_char(body: str) -> str:
    # Letters count as 10–35 (A=10); ord("A") - 55 == 10.
    values = [int(char) if char.isdigit() else ord(char) - 55 for char in body]
    check = 11 - sum(value * weight for value, weight in zip(values, _ORG_CODE_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _uscc_check_char(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(char) * weight for char, weight in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def _resident_id_check_char(first17: str) -> str:
    total = sum(int(char) * weight for char, weight in zip(first17, _RESIDENT_ID_WEIGHTS, strict=True))
    return _RESIDENT_ID_CHECK_CHARS[total % 11]


def _is_valid_resident_id(value: str) -> bool:
    # stdnum raises KeyError instead of answering False for some unknown region codes.
    try:
        return stdnum_ric.is_valid(value)
    except KeyError:
        return False


def _replace_last(value: str, alphabet: str, rng: random.Random) -> str:
    """``value`` with its last character swapped for a different one from ``alphabet``."""
    wrong = rng.choice([char for char in alphabet if char != value[-1]])
    return value[:-1] + wrong


# Only the providers the builder uses, in zh_CN: a Faker with all of them loads some thirty
# provider modules per builder (≈ 20 ms per scenario); the values are the same either way.
FAKER_PROVIDERS = (
    "faker.providers.person",
    "faker.providers.company",
    "faker.providers.address",
    "faker.providers.phone_number",
)


class DataBuilder:
    """Builds seeded test data; the same seed gives the same sequence of values.

    Values that must be unique (unit names, accounts, usernames) carry a per-builder counter, so
    they never repeat within one builder, plus random characters, so builders with different
    seeds are unlikely to collide.
    """

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._random = random.Random(seed)
        self._counter = 0

    @functools.cached_property
    def _fake(self) -> Faker:
        # Imported and built when a value first needs it (≈ 50 ms of start-up otherwise, paid
        # by runs whose first scenarios build no data); seeded alike, so the values are the same.
        from faker import Faker

        fake = Faker("zh_CN", providers=list(FAKER_PROVIDERS))
        fake.seed_instance(self.seed)
        return fake

    def _next_number(self) -> int:
        self._counter += 1
        return self._counter

    def _random_chars(self, alphabet: str, count: int) -> str:
        return "".join(self._random.choice(alphabet) for _ in range(count))

    # --- Organisation code and USCC --------------------------------------------------------------

    def _org_code_body(self) -> str:
        return self._random_chars(_ORG_CODE_BODY_CHARS, 8)

    def org_code(self) -> str:
        """A valid nine-character 组织机构代码 (GB 11714), without the dash."""
        body = self._org_code_body()
        return body + _org_code_check_char(body)

    def org_code_with_bad_check_char(self) -> str:
        """An organisation code whose ninth (check) character is wrong; length and charset are fine."""
        return _replace_last(self.org_code(), _ORG_CODE_CHECK_CHARS, self._random)

    def _uscc_from(self, region_code: str, org_code: str) -> str:
        first17 = _USCC_ENTERPRISE_PREFIX + region_code + org_code
        return first17 + _uscc_check_char(first17)

    def _uscc_for_region(self, region_code: str) -> str:
        value = self._uscc_from(region_code, self.org_code())
        if not stdnum_uscc.is_valid(value):
            raise AssertionError(f"generated USCC rejected by stdnum: {value}")
        return value

    def _random_district_code(self) -> str:
        return self._random.choice(sorted(_DISTRICT_CODES.values()))

    def uscc(self) -> str:
        """A valid 统一社会信用代码 of a Guangdong enterprise (prefix 91), with a valid org code."""
        return self._uscc_for_region(self._random_district_code())

    def uscc_with_bad_check_char(self) -> str:
        """A USCC whose 18th (GB 32100 check) character is wrong; the embedded org code is valid."""
        return _replace_last(self.uscc(), _USCC_ALPHABET, self._random)

    def uscc_with_bad_org_code(self) -> str:
        """A USCC whose embedded org code has a wrong check character, and nothing else wrong.

        The outer GB 32100 check character is computed over the broken org code, so stdnum accepts
        the value; only the GB 11714 check of characters 9–17 refuses it.
        """
        bad_org_code = self.org_code_with_bad_check_char()
        return self._uscc_from(self._random_district_code(), bad_org_code)

    def uscc_wrong_length(self) -> str:
        """A valid USCC with its last character cut off: 17 characters."""
        return self.uscc()[:-1]

    # --- Resident ID ------------------------------------------------------------------------------

    def _birth_date(self, birth_year_range: tuple[int, int]) -> datetime.date:
        first_year, last_year = birth_year_range
        start = datetime.date(first_year, 1, 1)
        span_days = (datetime.date(last_year, 12, 31) - start).days
        return start + datetime.timedelta(days=self._random.randint(0, span_days))

    def _resident_id_from(self, region_code: str, birth_digits: str) -> str:
        sequence = f"{self._random.randint(0, 999):03d}"
        first17 = region_code + birth_digits + sequence
        return first17 + _resident_id_check_char(first17)

    def resident_id(self, birth_year_range: tuple[int, int] = (1960, 2000)) -> str:
        """A valid 18-digit 居民身份证号码 of someone born in Guangdong within the given years.

        Region codes are tried in random order until stdnum accepts one for the birth year (see
        _RESIDENT_REGION_CODES); raises ValueError if none fits.
        """
        birth_digits = self._birth_date(birth_year_range).strftime("%Y%m%d")
        region_codes = list(_RESIDENT_REGION_CODES)
        self._random.shuffle(region_codes)
        for region_code in region_codes:
            value = self._resident_id_from(region_code, birth_digits)
            if _is_valid_resident_id(value):
                return value
        raise ValueError(f"no known Guangdong region code fits birth date {birth_digits}")

    def resident_id_with_bad_check_digit(self) -> str:
        """A resident ID whose 18th (check) character is wrong; region and birth date are real."""
        return _replace_last(self.resident_id(), _RESIDENT_ID_CHECK_CHARS, self._random)

    def resident_id_with_bad_birth_date(self) -> str:
        """A resident ID with an impossible birth date (e.g. month 13, 30 February).

        Region, year and sequence number come from a valid ID and the check digit is recomputed,
        so only the date is wrong.
        """
        valid = self.resident_id()
        month_day = self._random.choice(_IMPOSSIBLE_MONTH_DAYS)
        first17 = valid[:10] + month_day + valid[14:17]
        return first17 + _resident_id_check_char(first17)

    # --- People and units -------------------------------------------------------------------------

    def phone(self) -> str:
        """An 11-digit mainland mobile number (Faker's zh_CN prefixes are all 13x–18x)."""
        return self._fake.phone_number()

    def person(self) -> Person:
        """A natural person with a valid resident ID and mobile number."""
        return Person(name=self._fake.name(), resident_id=self.resident_id(), phone=self.phone())

    def _unit_name(self) -> str:
        # Faker's company() repeats quickly; a number between prefix and suffix keeps it unique
        # while still reading like a company name.
        tag = f"{self._random.randint(100, 999)}{self._next_number()}"
        return f"{self._fake.company_prefix()}{tag}{self._fake.company_suffix()}"

    def _address_detail(self) -> str:
        return f"{self._fake.street_name()}{self._random.randint(1, 999)}号"

    def unit(self) -> Unit:
        """A Guangdong unit with a unique name, a USCC of its district and a legal representative."""
        city = self._random.choice(sorted(GUANGDONG_DISTRICTS))
        district = self._random.choice(GUANGDONG_DISTRICTS[city])
        legal_rep = self.person()
        return Unit(
            name=self._unit_name(),
            uscc=self._uscc_for_region(_DISTRICT_CODES[district]),
            province=PROVINCE,
            city=city,
            district=district,
            address_detail=self._address_detail(),
            legal_rep_name=legal_rep.name,
            legal_rep_id=legal_rep.resident_id,
            phone=legal_rep.phone,
        )

    # --- Accounts and passwords -------------------------------------------------------------------

    def gdzwfw_account(self) -> str:
        """A unique GD-IdP 法人登录账号: letters then digits, so always two kinds, 6–20 long."""
        letters = self._random_chars(string.ascii_lowercase, 6)
        return f"gd{letters}{self._next_number()}"

    def hrss_username(self) -> str:
        """A unique HRSS 用户名: starts with a letter, letters/digits/underscore, 5–20 long."""
        letters = self._random_chars(string.ascii_lowercase, 6)
        return f"hr{letters}_{self._next_number()}"

    def strong_password(self) -> str:
        """A 12-character password valid for GD-IdP and for HRSS at any keyboard-run limit ≥ 1.

        Letters (alternating upper and lower case) alternate with digits. No keyboard sequence
        holds both a letter and a digit, so the longest keyboard run is 1; upper, lower and digits
        give the three kinds both portals ask for.
        """
        chars: list[str] = []
        for position in range(6):
            case = string.ascii_uppercase if position % 2 == 0 else string.ascii_lowercase
            chars.append(self._random.choice(case))
            chars.append(self._random.choice(string.digits))
        return "".join(chars)

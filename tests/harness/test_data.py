"""Unit tests of harness.data: every builder's output is accepted (or, for the invalid variants,
refused) both by python-stdnum and by the mock's own rules, and a seed replays the same data.

These tests may import mock_sites; only the harness runtime code must not.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime
from pathlib import Path

import pytest
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc

from harness import data as harness_data
from harness.data import GUANGDONG_DISTRICTS, DataBuilder, Person, Unit
from mock_sites import rules

SEEDS = range(8)


def _stdnum_accepts_resident_id(value: str) -> bool:
    # stdnum raises KeyError for some unknown region codes instead of answering False.
    try:
        return stdnum_ric.is_valid(value)
    except KeyError:
        return False


@pytest.fixture(params=SEEDS, ids=lambda seed: f"seed-{seed}")
def builder(request: pytest.FixtureRequest) -> DataBuilder:
    """A DataBuilder for each of several seeds, so each check sees many generated values."""
    return DataBuilder(request.param)


# --- Valid values -------------------------------------------------------------------------------


def test_uscc_is_valid(builder: DataBuilder) -> None:
    value = builder.uscc()
    assert stdnum_uscc.is_valid(value)
    assert rules.check_uscc(value) is None
    assert value.startswith("9144")


def test_org_code_is_valid(builder: DataBuilder) -> None:
    value = builder.org_code()
    assert len(value) == 9
    assert rules.is_valid_org_code(value)
    assert rules.check_org_code(value) is None


def test_resident_id_is_valid(builder: DataBuilder) -> None:
    value = builder.resident_id()
    assert _stdnum_accepts_resident_id(value)
    assert rules.check_resident_id(value) is None
    assert value.startswith("44")
    assert 1960 <= int(value[6:10]) <= 2000


@pytest.mark.parametrize("years", [(1960, 1965), (1990, 1990), (2001, 2005)], ids=str)
def test_resident_id_respects_birth_year_range(years: tuple[int, int]) -> None:
    builder = DataBuilder(7)
    for _ in range(5):
        value = builder.resident_id(birth_year_range=years)
        assert years[0] <= int(value[6:10]) <= years[1]
        assert rules.check_resident_id(value) is None


def test_strong_password_is_valid_for_both_portals(builder: DataBuilder) -> None:
    value = builder.strong_password()
    assert rules.check_gdidp_password(value) is None
    assert rules.check_hrss_password(value, 2) is None
    assert rules.longest_keyboard_run(value) <= 2
    assert 8 <= len(value) <= 20


def test_gdzwfw_account_is_valid(builder: DataBuilder) -> None:
    assert rules.check_gdidp_account(builder.gdzwfw_account()) is None


def test_hrss_username_is_valid(builder: DataBuilder) -> None:
    assert rules.check_hrss_username(builder.hrss_username()) is None


def test_person_is_valid(builder: DataBuilder) -> None:
    person = builder.person()
    assert isinstance(person, Person)
    assert person.name
    assert rules.check_resident_id(person.resident_id) is None
    assert rules.check_phone(person.phone) is None


def test_unit_is_valid(builder: DataBuilder) -> None:
    unit = builder.unit()
    assert unit.province == "广东省"
    assert unit.district in GUANGDONG_DISTRICTS[unit.city]
    assert unit.name.strip() and unit.address_detail.strip() and unit.legal_rep_name.strip()
    assert stdnum_uscc.is_valid(unit.uscc)
    assert _stdnum_accepts_resident_id(unit.legal_rep_id)
    assert rules.check_uscc(unit.uscc) is None
    assert rules.check_resident_id(unit.legal_rep_id) is None
    assert rules.check_phone(unit.phone) is None


def test_unit_fills_a_valid_gdidp_registration_form(builder: DataBuilder) -> None:
    unit = builder.unit()
    password = builder.strong_password()
    form = {
        "account": builder.gdzwfw_account(),
        "password": password,
        "password_confirm": password,
        "unit_name": unit.name,
        "uscc": unit.uscc,
        "province": unit.province,
        "city": unit.city,
        "district": unit.district,
        "address_detail": unit.address_detail,
        "legal_rep_name": unit.legal_rep_name,
        "legal_rep_id": unit.legal_rep_id,
        "phone": unit.phone,
        "agreed": "on",
    }
    assert rules.validate_gdidp_legal_registration(form) == {}


@pytest.mark.parametrize("limit", [3, 4])
def test_unit_fills_a_valid_hrss_registration_form(limit: int) -> None:
    builder = DataBuilder(11)
    unit = builder.unit()
    password = builder.strong_password()
    form = {
        "cert_type": "uscc",
        "cert_no": unit.uscc,
        "unit_name": unit.name,
        "location": f"{unit.province}{unit.city}{unit.district}",
        "address_detail": unit.address_detail,
        "legal_rep_name": unit.legal_rep_name,
        "legal_rep_id": unit.legal_rep_id,
        "legal_rep_phone": unit.phone,
        "username": builder.hrss_username(),
        "password": password,
        "password_confirm": password,
        "sms_code": "123456",
    }
    assert rules.validate_hrss_unit_registration(form, limit) == {}


def test_unit_is_frozen() -> None:
    unit = DataBuilder(0).unit()
    assert isinstance(unit, Unit)
    with pytest.raises(dataclasses.FrozenInstanceError):
        unit.name = "改名"  # type: ignore[misc]


def test_guangdong_districts_table_is_usable_for_cascading_selects() -> None:
    assert len(GUANGDONG_DISTRICTS) >= 5
    assert all(len(districts) >= 3 for districts in GUANGDONG_DISTRICTS.values())
    assert "天河区" in GUANGDONG_DISTRICTS["广州市"]


# --- Invalid variants ---------------------------------------------------------------------------


def test_uscc_with_bad_check_char_is_refused(builder: DataBuilder) -> None:
    value = builder.uscc_with_bad_check_char()
    assert len(value) == 18
    assert not stdnum_uscc.is_valid(value)
    assert rules.check_uscc(value) == "统一社会信用代码校验位不正确"


def test_uscc_with_bad_org_code_is_refused_only_for_the_org_code(builder: DataBuilder) -> None:
    value = builder.uscc_with_bad_org_code()
    # stdnum checks only the GB 32100 check character, which is right here.
    assert stdnum_uscc.is_valid(value)
    assert not rules.is_valid_org_code(value[8:17])
    assert rules.check_uscc(value) == "统一社会信用代码中的组织机构代码不正确"


def test_uscc_wrong_length_is_refused(builder: DataBuilder) -> None:
    value = builder.uscc_wrong_length()
    assert len(value) != 18
    assert not stdnum_uscc.is_valid(value)
    assert rules.check_uscc(value) == "统一社会信用代码应为18位"


def test_org_code_with_bad_check_char_is_refused(builder: DataBuilder) -> None:
    value = builder.org_code_with_bad_check_char()
    assert len(value) == 9
    assert not rules.is_valid_org_code(value)
    assert rules.check_org_code(value) == "组织机构代码校验位不正确"


def test_resident_id_with_bad_check_digit_is_refused(builder: DataBuilder) -> None:
    value = builder.resident_id_with_bad_check_digit()
    assert len(value) == 18
    assert not _stdnum_accepts_resident_id(value)
    assert rules.check_resident_id(value) == "身份证号码校验位不正确"


def test_resident_id_with_bad_birth_date_is_refused_only_for_the_date(builder: DataBuilder) -> None:
    value = builder.resident_id_with_bad_birth_date()
    assert len(value) == 18
    # The check digit is right, so stdnum fails on the date and the rules name the date.
    assert value[-1] == stdnum_ric.calc_check_digit(value)
    assert not _stdnum_accepts_resident_id(value)
    assert rules.check_resident_id(value) == "身份证号码中的出生日期不正确"
    with pytest.raises(ValueError):
        datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


# --- Replay and uniqueness ----------------------------------------------------------------------


def _sample(builder: DataBuilder) -> list[object]:
    return [
        builder.unit(),
        builder.person(),
        builder.uscc(),
        builder.org_code(),
        builder.resident_id(),
        builder.gdzwfw_account(),
        builder.hrss_username(),
        builder.strong_password(),
        builder.uscc_with_bad_org_code(),
        builder.resident_id_with_bad_birth_date(),
    ]


def test_same_seed_replays_the_same_data() -> None:
    assert _sample(DataBuilder(42)) == _sample(DataBuilder(42))


def test_different_seeds_give_different_data() -> None:
    assert _sample(DataBuilder(1)) != _sample(DataBuilder(2))


def test_seed_is_exposed() -> None:
    assert DataBuilder(1234).seed == 1234


def test_units_are_unique_per_call() -> None:
    builder = DataBuilder(3)
    units = [builder.unit() for _ in range(50)]
    assert len({unit.name for unit in units}) == 50
    assert len({unit.uscc for unit in units}) == 50


def test_accounts_and_usernames_are_unique_per_call() -> None:
    builder = DataBuilder(3)
    accounts = [builder.gdzwfw_account() for _ in range(100)]
    usernames = [builder.hrss_username() for _ in range(100)]
    assert len(set(accounts)) == 100
    assert len(set(usernames)) == 100


def _imported_modules(path: str) -> set[str]:
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_harness_data_does_not_import_mock_sites() -> None:
    """The harness reaches the mock only through the browser and HTTP."""
    imported = _imported_modules(harness_data.__file__)
    assert not any(name.split(".")[0] == "mock_sites" for name in imported)

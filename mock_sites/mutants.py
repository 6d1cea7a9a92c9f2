"""Rule mutants: the mock breaking one rule of the guide on purpose, to prove a scenario notices."""

# Each mutant names the guide ID whose rule it breaks and says what it breaks. The code that
# enforces a rule asks `is_on(name)` at the rule's single place; nothing else changes. At most
# one mutant is on at a time, and only when asked for: the app setting `MUTANT` (a start option,
# `python -m mock_sites --mutant NAME`, or the pytest session's `--mock-mutant NAME`) or the
# control API (`GET /__mock__/mutants`, `POST /__mock__/mutant {"name": NAME | null}`). A normal
# run never sets either, so every check returns False.
#
# `make mutants` (harness.run.mutants) switches each on in turn and runs the scenarios tagged with
# its guide ID: some scenario must fail (the mutant is killed); one that survives shows a check
# that is missing or too weak.

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from flask import Blueprint, Flask, current_app, has_app_context, jsonify
from werkzeug.exceptions import BadRequest


@dataclass(frozen=True)
class Mutant:
    """One rule broken on purpose: its name, the guide ID that states the rule, what breaks."""

    name: str
    guide_id: str
    breaks: str


REGISTRY: tuple[Mutant, ...] = (
    Mutant("wrong_password_logs_in", "A1.2", "法人账号密码登录时密码填错也能登录"),
    Mutant("account_of_one_kind_accepted", "A1.4", "法人登录账号只含一种字符（如全是字母）也通过"),
    Mutant("uscc_check_char_ignored", "A1.5", "统一社会信用代码校验位错误也通过"),
    Mutant("failed_face_adds_applicant", "A1.6", "人脸识别未通过，页面仍添加申请人实名信息"),
    Mutant("refused_registration_creates_account", "A1.7", "注册被拒绝时仍创建法人账号（建了一半）"),
    Mutant("licence_without_scope_logs_in", "A1.8", "电子营业执照没有授权政务服务网事项也能登录"),
    Mutant("logout_keeps_session", "A2.1", "退出登录后仍保持登录"),
    Mutant("verify_page_overstates_level", "A2.2", "实名核验页把三级 (原L1) 的账号说成四级 (原L2)"),
    Mutant("edit_accepts_bad_legal_rep_id", "A2.3", "修改信息时接受无效的法定代表人证件号码"),
    Mutant("wrong_pin_verifies", "A2.6", "网银证书 PIN 码错误也核验通过"),
    Mutant("other_units_licence_verifies", "A2.7", "另一个单位的电子营业执照也核验通过"),
    Mutant("person_below_level_two_accepted", "A3.4", "一级实名的个人账号也能作为单位所属实名人员"),
    Mutant("keyboard_run_unchecked", "A3.5", "人社密码不检查键盘连续字符"),
    Mutant("level_three_enters_hrss", "A3.6", "可信等级三级的法人账号也能经省统一身份认证进入人社平台"),
    Mutant("failed_person_face_upgrades", "B1.1", "个人实名认证人脸识别未通过，实名等级仍升为二级"),
    Mutant("short_username_accepted", "B1.2", "人社用户名只有4位也通过"),
    Mutant("sub_account_below_level_two", "B1.3", "一级实名的个人账号也能添加为子账号"),
    Mutant("declined_binding_binds", "B1.4", "经办人拒绝绑定申请后单位仍与经办人绑定"),
    Mutant("unbound_unit_selectable", "B1.5", "未与经办人绑定的单位也能勾选申请单位授权码"),
    Mutant("rejection_without_reason", "B1.6", "不填写原因也能审核不通过"),
    Mutant("authcode_works_twice", "B1.7", "已使用的单位授权码可以再次使用"),
    Mutant("wrong_person_password_logs_in", "B2.1", "个人登录时密码填错也能登录"),
    Mutant("pending_unit_listed", "B2.2", "绑定单位弹窗也列出尚待确认绑定的单位"),
    Mutant("confirmation_stored_twice", "C1", "重复确认稳岗返还信息时再次保存（覆盖确认时间，提示确认成功）"),
    Mutant("another_units_rebate_shown", "C1", "稳岗返还信息确认页显示另一个单位的返还信息"),
    Mutant("rebate_refuses_every_unit", "C2", "稳岗返还信息确认拒绝所有单位"),
    Mutant("unit_password_login_confirms", "C2", "单位账号密码登录也能办理稳岗返还信息确认"),
)
MUTANTS: dict[str, Mutant] = {mutant.name: mutant for mutant in REGISTRY}

SETTING = "MUTANT"

control_bp = Blueprint("mutants", __name__, url_prefix="/__mock__")


def is_on(name: str) -> bool:
    """Whether the running portal breaks the rule `name` on purpose (never in a normal run)."""
    if name not in MUTANTS:
        raise KeyError(f"未登记的变异体：{name}")
    return has_app_context() and current_app.config.get(SETTING) == name


def check_setting(app: Flask) -> None:
    """Refuses to start a portal with a mutant that is not in the registry."""
    name = app.config.get(SETTING)
    if name is not None and name not in MUTANTS:
        raise ValueError(f"未知的变异体：{name}（可选：{', '.join(MUTANTS)}）")


@control_bp.get("/mutants")
def list_mutants() -> Any:
    """Every mutant of the registry and the one that is on (null: none)."""
    return jsonify(mutants=[asdict(mutant) for mutant in REGISTRY], active=current_app.config.get(SETTING))


@control_bp.post("/mutant")
def switch_mutant() -> Any:
    """Switches one mutant on ({"name": NAME}) or all off ({"name": null})."""
    from mock_sites.web import json_body  # web imports the portals' blueprints, not this module

    name = json_body(optional={"name": str}).get("name")
    if name is not None and name not in MUTANTS:
        raise BadRequest(f"未知的变异体：{name}")
    current_app.config[SETTING] = name
    return jsonify(active=name)

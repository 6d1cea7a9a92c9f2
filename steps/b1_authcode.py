"""Steps of the 单位授权码 (guide B1.5 申请单位授权码, B1.6 经办机构审核, B1.7 授权码实名):
「实名认证」 in the platform, the materials a handler uploads, the agency's back office and the
code from the approval SMS."""

# A pending application and the agency's approval are preconditions from the provider (seeded on
# the mock; on staging the reviewer helper the environment declares approves, and a pending
# application cannot be prepared, so B1.6 is skipped there). What the page shows is checked on
# the page (an application 审核中, 授权码实名 未完成); the stored materials' digests and the SMS
# purposes are read back (「数据回查」) where the provider can.

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import FilePayload, expect
from pytest_bdd import given, parsers, then, when

from harness.data import Unit
from harness.preconditions import MyUnit, Preconditions
from pages.hrss.backoffice_page import BackofficePage
from pages.hrss.platform_home_page import PlatformHomePage
from pages.hrss.realname_page import RealnamePage
from steps.common import can_read_back
from steps.hrss_common import Handler

# Leading bytes that make a file what its name says (or, for 「文本」, not).
MATERIAL_CONTENTS = {
    "PDF": b"%PDF-1.4\n",
    "PNG": b"\x89PNG\r\n\x1a\n",
    "JPEG": b"\xff\xd8\xff\xe0",
    "Word文档": b"PK\x03\x04",
    "文本": b"plain text, not a scan\n",
}
KIND_BY_EXTENSION = {"pdf": "PDF", "png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "docx": "Word文档"}
MIME_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
SIZE_UNITS = {"MB": 1024 * 1024, "KB": 1024, "字节": 1}


def _size(text: str) -> int:
    """「20KB」, 「5MB」, 「5MB+1字节」, 「0字节」 → bytes."""
    total = 0
    for number, unit in re.findall(r"(\d+)(MB|KB|字节)", text):
        total += int(number) * SIZE_UNITS[unit]
    return total


def material(name: str, size: str = "20KB", kind: str | None = None) -> FilePayload:
    """A file called `name` of `size` whose content is `kind` (by default what its name says)."""
    extension = name.rsplit(".", 1)[-1].lower()
    head = MATERIAL_CONTENTS[kind or KIND_BY_EXTENSION[extension]]
    length = _size(size)
    body = (head + b"\n" + b"0123456789abcdef" * (length // 16 + 1))[:length]
    return {"name": name, "mimeType": MIME_TYPES.get(extension, "application/octet-stream"), "buffer": body}


def _sha256(payload: FilePayload) -> str:
    return hashlib.sha256(payload["buffer"]).hexdigest()


# --- Applications as preconditions --------------------------------------------------------------


@given(parsers.parse("经办人已为该单位提交单位授权码申请，材料为「{name}」"), target_fixture="submitted_material")
def seed_application(preconditions: Preconditions, scenario_unit: MyUnit, handler: Handler, name: str) -> FilePayload:
    """A pending application with one material; returns the file as the handler uploaded it."""
    payload = material(name)
    preconditions.authcode_application(handler, scenario_unit, payload)
    return payload


@given("经办机构已审核通过经办人为该单位提交的单位授权码申请")
def seed_approved_application(
    request: pytest.FixtureRequest, preconditions: Preconditions, unit_needs: dict, handler_needs: dict
) -> None:
    """Approved as the back office does it: the 授权码 is in the handler's SMS. The approval
    changes the pair for good, so the unit and the handler are ones to use up."""
    unit_needs["changes_state"] = handler_needs["changes_state"] = True
    preconditions.reviewer_approves(request.getfixturevalue("handler"), request.getfixturevalue("scenario_unit"))


# --- 实名认证: 申请单位授权码 ------------------------------------------------------------------------------


@when(parsers.parse("我在页面右上角打开「实名认证」并选择「{function}」"))
def open_realname_function(realname: RealnamePage, function: str) -> None:
    realname.open_from_header()
    realname.open_function(function)


@when("我在页面右上角打开「实名认证」")
def open_realname(realname: RealnamePage) -> None:
    realname.open_from_header()


def _query_value(query_type: str, unit: MyUnit) -> str:
    if query_type == "单位管理码":
        assert unit.hrss is not None and unit.hrss.manager_code, "该单位没有单位管理码"
        return unit.hrss.manager_code
    return unit.unit.uscc if query_type == "统一社会信用代码" else unit.unit.uscc[8:17]


@when(parsers.parse("我按「{query_type}」查询该单位"))
def query_unit(realname: RealnamePage, scenario_unit: MyUnit, query_type: str) -> None:
    realname.query_unit(query_type, _query_value(query_type, scenario_unit))


@when("我按「组织机构代码」查询该单位，但在第九位前加上“-”")
def query_org_code_with_dash(realname: RealnamePage, unit: Unit) -> None:
    org_code = unit.uscc[8:17]
    realname.query_unit("组织机构代码", f"{org_code[:8]}-{org_code[8]}")


@when(parsers.parse("我按「{query_type}」查询未绑定的单位"))
def query_unbound_unit(realname: RealnamePage, other_unit_data: MyUnit, query_type: str) -> None:
    realname.query_unit(query_type, _query_value(query_type, other_unit_data))


@when(parsers.parse("我勾选该单位并上传材料「{names}」"), target_fixture="uploaded")
def tick_and_upload(realname: RealnamePage, unit: Unit, names: str) -> list[FilePayload]:
    files = [material(name) for name in names.split("、")]
    realname.tick_unit(unit.name)
    realname.upload_materials(files)
    return files


@when(parsers.parse("我勾选该单位并上传大小为「{size}」、内容为「{kind}」的材料「{name}」"), target_fixture="uploaded")
def tick_and_upload_one(realname: RealnamePage, unit: Unit, size: str, kind: str, name: str) -> list[FilePayload]:
    files = [material(name, size, kind)]
    realname.tick_unit(unit.name)
    realname.upload_materials(files)
    return files


@when("我提交申请")
def submit_application(realname: RealnamePage) -> None:
    realname.submit_application()


@then(parsers.parse("实名认证提示「{message}」"))
def realname_notice(realname: RealnamePage, message: str) -> None:
    realname.told(message)


@then(parsers.parse("我对该单位的申请状态为「{status}」"))
def application_status(realname: RealnamePage, unit: Unit, status: str) -> None:
    expect(realname.application_row(unit.name)).to_contain_text(status)


@then(parsers.parse("我看到对该单位的申请未通过审核，原因为「{reason}」"))
def application_rejected(realname: RealnamePage, unit: Unit, reason: str) -> None:
    expect(realname.application_row(unit.name).get_by_role("cell")).to_contain_text(
        ["审核不通过", f"不通过原因：{reason}"]
    )


@then("人社保存了该申请及上传的材料，文件名和 SHA-256 与上传的一致")
def application_stored(
    realname: RealnamePage, preconditions: Preconditions, handler: Handler, unit: Unit, uploaded: list[FilePayload]
) -> None:
    """「实名认证」 lists the one application for the unit; where the provider can read HRSS
    back (数据回查), the stored files are also compared with the uploaded ones. No page shows the
    files to the handler: on staging they are compared where the reviewer downloads them (B1.6)."""
    realname.open_from_header()
    expect(realname.application_rows(unit.name)).to_have_count(1)
    if can_read_back(preconditions, "人社保存的材料文件名和 SHA-256 与上传的一致"):
        [application] = preconditions.authcode_applications(handler.login_name)
        assert application["cert_nos"] == [unit.uscc] and application["status"] == "pending"
        stored = [(item["original_name"], item["sha256"], item["stored"]) for item in application["materials"]]
        assert stored == [(payload["name"], _sha256(payload), True) for payload in uploaded]


@then("人社没有保存任何单位授权码申请")
def no_application(realname: RealnamePage, unit: Unit) -> None:
    """As 「实名认证」 shows it, opened afresh: no application names the unit."""
    realname.open_from_header()
    expect(realname.application_rows(unit.name)).to_have_count(0)


@then("申请页面说明查询号码中组织机构代码省略“-”")
def org_code_hint(realname: RealnamePage) -> None:
    expect(realname.org_code_hint).to_be_visible()


@then("申请页面说明线下申请途径")
def offline_route_note(realname: RealnamePage) -> None:
    expect(realname.page.get_by_text(re.compile(r"预约社保服务窗口线下申请单位授权码"))).to_be_visible()


@then(parsers.parse("查询号码旁提示「{message}」"))
def query_message(realname: RealnamePage, message: str) -> None:
    expect(realname.query_message).to_contain_text([message])


@then(parsers.parse("查询结果中该单位的状态为「{status}」，不能勾选"))
def unbound_result(realname: RealnamePage, other_unit_data: MyUnit, status: str) -> None:
    name = other_unit_data.unit.name
    expect(realname.result_status(name).or_(realname.tick_box(name))).to_have_text([status])


@then(parsers.parse("申请页面提示「{message}」"))
def apply_message(realname: RealnamePage, message: str) -> None:
    realname.told(re.compile(re.escape(message)))


@then(parsers.parse("相关材料旁提示「{message}」"))
def materials_message(realname: RealnamePage, message: str) -> None:
    expect(realname.materials_message).to_contain_text([message])


# --- The agency's back office ------------------------------------------------------------------


@when("我以社保经办机构审核人员的身份打开该单位的待审核申请")
def open_pending_application(backoffice: BackofficePage, unit: Unit) -> None:
    backoffice.open()
    backoffice.open_application_of(unit.name)


@then(parsers.parse("我看到申请的经办人、单位和材料「{name}」"))
def application_shown(backoffice: BackofficePage, handler: Handler, unit: Unit, name: str) -> None:
    expect(backoffice.details).to_contain_text([handler.name, handler.login_name, handler.id_number, unit.name, name])


@then(parsers.parse("我下载的材料「{name}」与经办人上传的一致"))
def material_downloads(backoffice: BackofficePage, submitted_material: FilePayload, name: str) -> None:
    download = backoffice.download_material(name)
    assert download.suggested_filename == name
    assert hashlib.sha256(Path(download.path()).read_bytes()).hexdigest() == _sha256(submitted_material)


@when("我审核通过该申请")
def approve(backoffice: BackofficePage) -> None:
    backoffice.approve()


@when(parsers.parse("我以「{reason}」为由审核不通过"))
def reject(backoffice: BackofficePage, reason: str) -> None:
    backoffice.reject(reason)


@when("我不填写原因就审核不通过")
def reject_without_reason(backoffice: BackofficePage) -> None:
    backoffice.reject("")


@then(parsers.parse("审核页提示「{message}」"))
def backoffice_notice(backoffice: BackofficePage, message: str) -> None:
    backoffice.told(message)


@then(parsers.parse("审核页提示错误「{message}」"))
def backoffice_error(backoffice: BackofficePage, message: str) -> None:
    backoffice.told(message)


@then("经办人的手机收到含该单位授权码的短信")
def authcode_sms_sent(preconditions: Preconditions, handler: Handler, scenario_unit: MyUnit) -> None:
    """The code in the SMS is the one HRSS issued for the application (数据回查)."""
    [application] = preconditions.authcode_applications(handler.login_name)
    [issued] = application["codes"]
    assert preconditions.authcode_from_sms(handler, scenario_unit) == issued["code"]


@then(parsers.parse("经办人的手机收到审核不通过的短信，写明原因「{reason}」"))
def rejection_sms_sent(preconditions: Preconditions, handler: Handler, reason: str) -> None:
    text = preconditions.sms_text(handler.phone, "hrss")
    assert f"原因：{reason}" in text, f"经办人最新的短信没有写明原因：{text}"


@then("该申请仍为「审核中」，经办人没有收到审核短信")
def still_pending(backoffice: BackofficePage, preconditions: Preconditions, handler: Handler) -> None:
    """The page keeps the status; which SMS went out is read back (数据回查)."""
    expect(backoffice.status).to_have_text("审核状态：审核中")
    purposes = {message["purpose"] for message in preconditions.sms_messages(handler.phone, "hrss")}
    assert not purposes & {"hrss_authcode_approved", "hrss_authcode_rejected"}


# --- 授权码实名 -----------------------------------------------------------------------------------------


@when("我输入短信中的单位授权码并确认授权", target_fixture="used_code")
def enter_code_from_sms(
    realname: RealnamePage, preconditions: Preconditions, handler: Handler, scenario_unit: MyUnit
) -> str:
    code = preconditions.authcode_from_sms(handler, scenario_unit)
    realname.enter_authcode(code)
    return code


@when("我再次输入同一单位授权码并确认授权")
def enter_code_again(realname: RealnamePage, used_code: str) -> None:
    realname.enter_authcode(used_code)


@when(parsers.parse("我输入「{case}」并确认授权"))
def enter_code_case(
    realname: RealnamePage, preconditions: Preconditions, handler: Handler, scenario_unit: MyUnit, case: str
) -> None:
    entries: dict[str, Callable[[], str]] = {
        "与短信中不同的授权码": lambda: (
            f"{(int(preconditions.authcode_from_sms(handler, scenario_unit)) + 1) % 10**8:08d}"
        ),
        "空白的授权码": lambda: "",
    }
    realname.enter_authcode(entries[case]())


@then("授权码实名提示成功，可以为该单位办理业务")
def authcode_done(realname: RealnamePage, unit: Unit) -> None:
    realname.told(f"授权码实名成功，您已可以为「{unit.name}」办理业务")


@then(parsers.parse("该单位的授权码实名状态为「{state}」"))
def authcode_state(realname: RealnamePage, state: str) -> None:
    expect(realname.authcode_state).to_contain_text(f"授权码实名：{state}")


@then(parsers.parse("单位授权码旁提示「{message}」"))
def authcode_message(realname: RealnamePage, message: str) -> None:
    expect(realname.authcode_message).to_contain_text([message])


@then("人社记录经办人尚未完成该单位的授权码实名")
def authcode_not_done(realname: RealnamePage) -> None:
    """As 「实名认证」 shows it for the unit, opened afresh."""
    realname.open_from_header()
    expect(realname.authcode_state).to_contain_text("授权码实名：未完成")


@when("我回到人社网上服务平台首页")
def back_to_platform_home(platform_home: PlatformHomePage) -> None:
    platform_home.open()

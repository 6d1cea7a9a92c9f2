"""Out-of-band steps, simulated: WeChat codes to scan and certificate sessions with the CA helper."""

# A page shows a ticket: a WeChat code (face recognition of the applicant, electronic business
# licence) or a certificate session (the 「CA助手」 on the user's computer with a 网银证书 or CA证书).
# What the phone or the local program does is simulated through the control API or the console
# page at `/__mock__/`:
#
# - `scan(ticket, …)` — the phone scans a code: face recognition with a name and resident ID, or
#   the e-licence mini program's 「确认登录」 with a licence (统一社会信用代码 and authorised scope).
#   The answer is what the phone would show: done, or failed with a message.
# - `set_certificate(ticket, …)` — the state of the computer: CA helper installed or not, which
#   unit's certificate is inserted, and its PIN.
#
# The page then redeems the ticket (the user clicks 「我已扫码」 or 「数字证书核验」, or the page
# polls). A ticket belongs to the browser that was shown it, and for verifications to the account.

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from typing import TypeGuard

from mock_sites import db, mutants, rules
from mock_sites.web import now_text

# The e-licence must be authorised for this matter (guide A2.7).
ELICENCE_SCOPE = "电子政务-市场监管-政务服务网"

CODE_KINDS = ("face", "elicence")
CERT_KINDS = ("bank_cert", "ca_cert")
CERT_NAMES = {"bank_cert": "网银证书", "ca_cert": "CA证书"}

FACE_CODE_EXPIRED = "小程序码已失效，请扫描页面上最新的小程序码"
CODE_EXPIRED = "二维码已失效，请刷新页面后重新扫描"
CODE_ALREADY_SCANNED = "该二维码已扫描，请勿重复扫码"
FACE_NOT_PASSED = "人脸识别未通过，请重新扫码"
ELICENCE_SCOPE_MISSING = f"该电子营业执照未授权“{ELICENCE_SCOPE}”事项，请在电子营业执照小程序中授权后重新扫码"
ELICENCE_OTHER_UNIT = "扫码的电子营业执照与当前账号的单位不一致，核验失败"
NOT_SCANNED_YET = "尚未扫码，请使用微信扫描二维码"

HELPER_MISSING = "未检测到数字证书客户端（CA助手），请先下载安装CA助手"
PIN_EMPTY = "请输入PIN码"
PIN_WRONG = "PIN码错误，数字证书核验失败"


class TicketError(ValueError):
    """The control API was called with something the simulated device cannot do."""


@dataclass(frozen=True)
class ScanResult:
    """What the phone shows after a scan."""

    ticket: str
    kind: str
    status: str  # done | failed
    message: str

    def as_json(self) -> dict:
        return {"ticket": self.ticket, "kind": self.kind, "status": self.status, "message": self.message}


def new_ticket(kind: str, owner: str, account_id: int | None = None) -> str:
    """Issues a ticket for a page; returns its id (shown as 「二维码编号」 etc.)."""
    ticket_id = secrets.token_hex(4).upper()
    db.execute(
        "INSERT INTO ticket (id, kind, account_id, owner, created_at) VALUES (?, ?, ?, ?, ?)",
        (ticket_id, kind, account_id, owner, now_text()),
    )
    return ticket_id


def get(ticket_id: str | None) -> sqlite3.Row | None:
    """The ticket, or None."""
    if not ticket_id:
        return None
    return db.query_one("SELECT * FROM ticket WHERE id = ?", (ticket_id,))


def existing(ticket_id: str) -> sqlite3.Row:
    """A ticket the caller knows is there: one it has just issued, or one checked before."""
    ticket = get(ticket_id)
    assert ticket is not None, f"no ticket {ticket_id}"
    return ticket


def payload(ticket: sqlite3.Row) -> dict:
    """What the scan or the certificate carried."""
    return json.loads(ticket["payload"])


def set_status(ticket_id: str, status: str, message: str | None = None) -> None:
    """Moves a ticket on (used once redeemed, replaced once a newer code is shown)."""
    db.execute("UPDATE ticket SET status = ?, message = ? WHERE id = ?", (status, message, ticket_id))


def usable(ticket: sqlite3.Row | None, kind: str, owner: str, account_id: int | None = None) -> TypeGuard[sqlite3.Row]:
    """True for a ticket of this kind that this browser (and account) may still redeem."""
    return (
        ticket is not None
        and ticket["kind"] == kind
        and ticket["owner"] == owner
        and ticket["account_id"] == account_id
        and ticket["status"] in ("pending", "done", "failed")
    )


def pending(kind: str | None = None) -> list[sqlite3.Row]:
    """Tickets still waiting for the phone or the computer, newest first (console page)."""
    sql = (
        "SELECT ticket.*, legal_account.unit_name, legal_account.uscc FROM ticket LEFT JOIN legal_account "
        "ON legal_account.id = ticket.account_id WHERE status = 'pending'"
    )
    params: tuple = ()
    if kind:
        sql += " AND kind = ?"
        params = (kind,)
    return db.query_all(sql + " ORDER BY ticket.rowid DESC LIMIT 50", params)


def as_json(ticket: sqlite3.Row) -> dict:
    """A ticket for the control API."""
    return {
        "ticket": ticket["id"],
        "kind": ticket["kind"],
        "account_id": ticket["account_id"],
        "status": ticket["status"],
        "message": ticket["message"],
        "payload": payload(ticket),
        "created_at": ticket["created_at"],
    }


# --- The phone ----------------------------------------------------------------------------------


def scan(ticket_id: str, body: dict) -> ScanResult | None:
    """The phone scans a code. None for an unknown ticket; TicketError for a body that does not
    fit the code's kind. A refusal about the content fails the ticket with a message, so the
    page can tell the user; face recognition may simply be tried again."""
    ticket = get(ticket_id)
    if ticket is None:
        return None
    kind = ticket["kind"]
    if kind not in CODE_KINDS:
        raise TicketError(f"{ticket_id} 不是二维码（{kind}）")
    if ticket["status"] == "replaced" or ticket["status"] == "used":
        return ScanResult(ticket_id, kind, "failed", FACE_CODE_EXPIRED if kind == "face" else CODE_EXPIRED)
    if ticket["status"] != "pending":
        return ScanResult(ticket_id, kind, "failed", CODE_ALREADY_SCANNED)
    if kind == "face":
        return _scan_face(ticket, body)
    return _scan_elicence(ticket, body)


def _scan_face(ticket: sqlite3.Row, body: dict) -> ScanResult:
    name = str(body.get("name", "")).strip()
    resident_id = str(body.get("resident_id", "")).strip()
    if not name:
        raise TicketError("人脸识别需要 name（申请人姓名）")
    problem = rules.check_resident_id(resident_id)
    if problem:
        raise TicketError(f"resident_id: {problem}")
    failed = body.get("passed", True) is False
    if failed and not mutants.is_on("failed_face_adds_applicant"):
        # Face does not match the ID photo: the code stays valid for another try.
        return ScanResult(ticket["id"], "face", "failed", FACE_NOT_PASSED)
    db.execute(
        "UPDATE ticket SET status = 'done', payload = ? WHERE id = ?",
        (json.dumps({"name": name, "resident_id": resident_id}, ensure_ascii=False), ticket["id"]),
    )
    if failed:  # the mutant: the phone says no, the page adds the applicant all the same
        return ScanResult(ticket["id"], "face", "failed", FACE_NOT_PASSED)
    return ScanResult(ticket["id"], "face", "done", "人脸识别通过，已添加实名信息")


def _scan_elicence(ticket: sqlite3.Row, body: dict) -> ScanResult:
    uscc = str(body.get("uscc", "")).strip()
    problem = rules.check_uscc(uscc)
    if problem:
        raise TicketError(f"uscc: {problem}")
    licence = {
        "uscc": uscc,
        "unit_name": str(body.get("unit_name") or "").strip(),
        "legal_rep_name": str(body.get("legal_rep_name") or "").strip(),
        "scope": str(body.get("scope", ELICENCE_SCOPE)).strip(),
    }
    message = None
    if licence["scope"] != ELICENCE_SCOPE and not mutants.is_on("licence_without_scope_logs_in"):
        message = ELICENCE_SCOPE_MISSING
    elif ticket["account_id"] is not None:
        account = db.query_one("SELECT uscc FROM legal_account WHERE id = ?", (ticket["account_id"],))
        if account is None or (account["uscc"] != uscc and not mutants.is_on("other_units_licence_verifies")):
            message = ELICENCE_OTHER_UNIT
    elif not licence["unit_name"]:
        raise TicketError("首次用电子营业执照登录需要 unit_name（单位名称）")
    status = "failed" if message else "done"
    db.execute(
        "UPDATE ticket SET status = ?, message = ?, payload = ? WHERE id = ?",
        (status, message, json.dumps(licence, ensure_ascii=False), ticket["id"]),
    )
    return ScanResult(ticket["id"], "elicence", status, message or "确认登录成功")


# --- The computer with the CA helper -------------------------------------------------------------


def set_certificate(ticket_id: str, body: dict) -> dict | None:
    """Sets what the CA helper sees on the computer of a certificate session: installed or not,
    a certificate inserted or not, whose (`uscc`, by default the account's) and its `pin`."""
    ticket = get(ticket_id)
    if ticket is None:
        return None
    if ticket["kind"] not in CERT_KINDS:
        raise TicketError(f"{ticket_id} 不是证书会话（{ticket['kind']}）")
    state = payload(ticket)
    state["helper_installed"] = bool(body.get("helper_installed", True))
    state["certificate_inserted"] = bool(body.get("certificate_inserted", True))
    if "pin" in body:
        state["pin"] = str(body["pin"])
    uscc = body.get("uscc")
    if uscc is None and ticket["account_id"] is not None:
        account = db.query_one("SELECT uscc FROM legal_account WHERE id = ?", (ticket["account_id"],))
        assert account is not None  # a ticket's account is not deleted
        uscc = account["uscc"]
    if uscc is not None:
        state["uscc"] = str(uscc)
    if state["certificate_inserted"] and not (state.get("pin") and state.get("uscc")):
        raise TicketError("插入证书需要 pin 和 uscc（证书所属单位的统一社会信用代码）")
    db.execute("UPDATE ticket SET payload = ? WHERE id = ?", (json.dumps(state, ensure_ascii=False), ticket_id))
    return as_json(existing(ticket_id))


def helper_installed(ticket: sqlite3.Row) -> bool:
    """Whether the CA helper answers on the computer of this certificate session."""
    return bool(payload(ticket).get("helper_installed"))


def certificate_problem(ticket: sqlite3.Row, pin: str, expected_uscc: str | None) -> str | None:
    """Why the certificate check with `pin` fails, or None when it passes. `expected_uscc` is
    the unit the certificate must belong to (None: any unit, as at login)."""
    state = payload(ticket)
    name = CERT_NAMES[ticket["kind"]]
    if not state.get("helper_installed"):
        return HELPER_MISSING
    if not state.get("certificate_inserted"):
        return (
            f"未检测到{name}，请启动网银客户端并插入{name}"
            if ticket["kind"] == "bank_cert"
            else f"未检测到{name}，请插入{name}"
        )
    if not pin:
        return PIN_EMPTY
    if pin != state.get("pin") and not mutants.is_on("wrong_pin_verifies"):
        return PIN_WRONG
    if expected_uscc is not None and state.get("uscc") != expected_uscc:
        return f"{name}与当前账号的单位不一致，数字证书核验失败"
    return None

"""Steps that are about the browser as a whole rather than one portal."""

from __future__ import annotations

import re

import allure
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then

from harness.preconditions import READ_BACK, Preconditions, skip_reason
from harness.target.portals import PortalUrls


def can_read_back(preconditions: Preconditions, unchecked: str) -> bool:
    """Whether the provider can read the portal back (数据回查) for the part of a sentence no page
    shows. Where it cannot, the report says which part stayed unchecked, in the form of a
    capability skip (「需要：数据回查…」), instead of the step passing as if it had checked it."""
    if preconditions.has(READ_BACK):
        return True
    note = f"未核对：{unchecked}（{skip_reason([READ_BACK])}）"
    with allure.step(note):
        allure.attach(note, name="未核对的部分", attachment_type=allure.attachment_type.TEXT)
    return False


@then(parsers.parse("浏览器来到{portal}的页面"))
def browser_is_on_portal(page: Page, portal_urls: PortalUrls, portal: str) -> None:
    """Checks which origin the browser is on, by the portal's name in the guide."""
    bases = {"广东省统一身份认证平台": portal_urls.gdzwfw, "广东人社统一认证": portal_urls.hrss}
    expect(page).to_have_url(re.compile("^" + re.escape(bases[portal]) + "/"))

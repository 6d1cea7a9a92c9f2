"""Steps that are about the browser as a whole rather than one portal."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then

from harness.portals import PortalUrls


@then(parsers.parse("浏览器来到{portal}的页面"))
def browser_is_on_portal(page: Page, portal_urls: PortalUrls, portal: str) -> None:
    """Checks which origin the browser is on, by the portal's name in the guide."""
    bases = {"广东省统一身份认证平台": portal_urls.gdzwfw, "广东人社统一认证": portal_urls.hrss}
    expect(page).to_have_url(re.compile("^" + re.escape(bases[portal]) + "/"))

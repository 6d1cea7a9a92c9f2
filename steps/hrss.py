"""Steps on the HRSS portal (广东人社统一认证 and the platform behind it), guide parts 一 (三), 二, C."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from pytest_bdd import given, when

from harness.portals import PortalUrls
from pages.hrss.login_page import HrssLoginPage


@pytest.fixture
def hrss_login(page: Page, portal_urls: PortalUrls) -> HrssLoginPage:
    """The HRSS login page object on this scenario's page."""
    return HrssLoginPage(page, portal_urls.hrss)


@given("我打开广东人社统一认证的登录页")
def open_hrss_login(hrss_login: HrssLoginPage) -> None:
    hrss_login.open()


@when("我选择「单位登录」并以「省统一身份认证」方式登录")
def choose_unit_gdidp_login(hrss_login: HrssLoginPage) -> None:
    hrss_login.choose_unit_login()
    hrss_login.choose_gdidp_method()

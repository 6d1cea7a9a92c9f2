"""Page-object members and the locator overrides of a profile, on a real browser: what the
override check reads from the source is what the page objects hold, and an override replaces
the member wherever it is used."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from harness.target.portals import PageTable, page_paths
from pages.base import members_of, page_classes
from pages.gdzwfw.login_page import GdzwfwLoginPage
from pages.hrss.login_page import HrssLoginPage
from pages.hrss.person_login_page import PersonLoginPage

BASE = "http://portal.test"

# A login form no helper reads: no label, no placeholder, a hidden copy in the other pane.
FORM = """<!doctype html><html><body>
<div class="pane" style="display:none"><input class="user" name="hidden-copy"></div>
<div class="pane"><div class="row"><span class="ico"></span><input class="user" name="visible"></div></div>
<div class="row"><input class="name" name="hrss-user"><input class="person" name="person-user"></div>
</body></html>"""


def test_the_members_read_from_the_source_are_the_locators_each_page_object_holds(page: Page) -> None:
    for name, cls in page_classes().items():
        built = cls(page, BASE, PageTable(page_paths()))
        held = [attribute for attribute, value in vars(built).items() if isinstance(value, Locator)]
        assert set(members_of(cls)) == set(held), name


def test_an_override_replaces_the_member_by_the_visible_element_it_selects(page: Page) -> None:
    page.set_content(FORM)
    login = GdzwfwLoginPage(page, BASE, PageTable(page_paths(), {"GdzwfwLoginPage.account": "css=input.user"}))
    login.account.fill("example_legal_a")
    expect(page.locator("input[name=visible]")).to_have_value("example_legal_a")
    expect(page.locator("input[name=hidden-copy]")).to_have_value("")


def test_an_override_of_a_base_class_applies_to_subclasses_and_the_most_specific_wins(page: Page) -> None:
    page.set_content(FORM)
    overrides = {
        "HrssLoginPage.username": "css=input.name",
        "PersonLoginPage.login_name": "css=input.person",
        "HrssLoginPage.login_button": "css=.ico",
    }
    hrss = HrssLoginPage(page, BASE, PageTable(page_paths(), overrides))
    person = PersonLoginPage(
        page, BASE, PageTable(page_paths(), {**overrides, "PersonLoginPage.username": "css=input.person"})
    )
    hrss.username.fill("unit")
    expect(page.locator("input[name=hrss-user]")).to_have_value("unit")
    person.username.fill("person")
    expect(page.locator("input[name=person-user]")).to_have_value("person")
    expect(page.locator("input[name=hrss-user]")).to_have_value("unit")


def test_without_overrides_the_members_are_the_page_object_s_own(page: Page) -> None:
    page.set_content(FORM)
    for paths in (None, page_paths(), PageTable(page_paths())):
        login = GdzwfwLoginPage(page, BASE, paths)
        expect(login.account).to_have_count(0)  # no label, no placeholder: the helpers see nothing


def test_the_table_is_told_of_every_page_object_built_with_it(page: Page) -> None:
    built: list[object] = []
    table = PageTable(page_paths(), watch=built.append)
    login, hrss = GdzwfwLoginPage(page, BASE, table), HrssLoginPage(page, BASE, table)
    assert built == [login, hrss]

"""Locators of GD-IdP's page objects for what the helpers of `pages.base` do not see yet: fields
known by placeholder or the text before them, drop-downs over read-only inputs, tabs and steps
marked current by a class, messages and dialogs without a role, help links opening a new tab."""

# A page built from in-house components (the lookalike rendition, and the real platform as
# shared/evidence shows it) draws them so. Each locator here is combined with the helper's own
# through `Locator.or_`, so the accessible markup keeps its way in; a helper that learns to see
# the same thing makes the piece here unnecessary.

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, Response

from pages.base import Scope

# What a form control is, for telling one field's row from a form.
CONTROLS = "input[not(@type='hidden')] | .//select | .//textarea | .//img"
# What marks the current tab or step when the page says it by a class alone.
MARKED_CURRENT = "[class*=active], [class*=current], [class*=process], [class*=selected]"


def _literal(text: str) -> str:
    # An XPath 1.0 string literal (the guide's texts hold no apostrophes, some hold quotes).
    return f"'{text}'" if "'" not in text else f'"{text}"'


def _reads(text: str) -> str:
    """An XPath predicate: one of the element's own text nodes reads `text` (a leading * of a
    required field and a trailing ：/: aside)."""
    names = " or ".join(
        f"normalize-space(.)={_literal(variant)}"
        for variant in (text, f"{text}：", f"{text}:", f"*{text}", f"* {text}")
    )
    return f"text()[{names}]"


def field_after_text(scope: Scope, label: str) -> Locator:
    """The visible field that follows the text `label` (a label not bound to its input)."""
    return scope.locator(f"xpath=.//*[{_reads(label)}]/following::input[not(@type='hidden')][1]").filter(visible=True)


def nth_field_after_text(scope: Scope, label: str, number: int) -> Locator:
    """The `number`-th field after the text `label`: one of several drop-downs of one row
    (证件地址: 省, 市, 区)."""
    return scope.locator(f"xpath=.//*[{_reads(label)}]/following::input[not(@type='hidden')][{number}]").filter(
        visible=True
    )


def message_beside(control: Locator) -> Locator:
    """The texts shown after a field in its row (the largest part of the page that holds this
    one control), leaving out buttons and links: its hint or error."""
    row = control.locator(f"xpath=ancestor::*[count(.//{CONTROLS}) = 1][last()]")
    after = control.locator(
        "xpath=following::*[not(*)][normalize-space(.) != ''][not(ancestor-or-self::button)][not(ancestor-or-self::a)]"
    )
    return after.and_(row.locator("xpath=.//*")).filter(visible=True)


def said(scope: Scope, text: str | re.Pattern[str]) -> Locator:
    """A message by its words wherever it shows (a toast without a role, a line in a dialog)."""
    return (
        scope.get_by_text(text, exact=True).filter(visible=True)
        if isinstance(text, str)
        else scope.get_by_text(text).filter(visible=True)
    )


def innermost_with(scope: Scope, first: str, last: str) -> Locator:
    """The smallest part of the page that shows both texts: a menu or a bar of steps by its
    first and last entries."""
    both = f".//text()[normalize-space(.)={_literal(first)}] and .//text()[normalize-space(.)={_literal(last)}]"
    return scope.locator(f"xpath=.//*[{both}][not(*[{both}])]")


def marked_current(items: Locator) -> Locator:
    """What the page marks as current with a class (active, current …) among `items`: the item
    itself, or the entry that holds it (a tab's name in a span of the marked tab)."""
    marked = items.page.locator(MARKED_CURRENT)
    return items.and_(marked).or_(marked.filter(has=items))


def titled(scope: Scope, title: str) -> Locator:
    """A part of the page by its title (its first child reads it; more than the title has
    words) that is no accessible dialog's inner part: a dialog drawn in place without a role."""
    return scope.locator(
        f"xpath=.//*[*[1][normalize-space(.)={_literal(title)}] and count(*[normalize-space(.) != '']) > 1]"
        "[not(ancestor-or-self::*[@role='dialog' or @role='alertdialog'])]"
    ).filter(visible=True)


def titled_parts(scope: Locator) -> Locator:
    """The titles of the parts inside `scope` (each part's first child, a text of its own)."""
    return scope.locator("xpath=.//*[count(*) > 1]/*[1][not(*)][normalize-space(.) != '']")


def follow_link(locator: Locator) -> None:
    """Clicks a link and follows it: one that opens a new tab is read in this page instead (the
    person switches to the tab; the scenario goes on with what it shows), and the tab is closed."""
    page = locator.page
    if (locator.get_attribute("target") or "") == "_blank":
        with page.context.expect_page() as opened:
            locator.click()
        tab = opened.value
        tab.wait_for_load_state("domcontentloaded")
        address = tab.url
        tab.close()
        page.goto(address)
        return
    before = page.url
    locator.click()
    page.wait_for_url(lambda url: url != before)
    page.wait_for_load_state()


def answered(page: Page, act: Callable[[], None]) -> Response:
    """Does `act` (a click that sends a form) and waits until the portal has answered it, on a
    page that answers in place as on one that loads another page; returns the answer."""
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        act()
    return answer.value


def leaves(answer: Response) -> bool:
    """Whether the portal's answer sends the browser elsewhere: a redirect, or a script's answer
    that names the address to go to."""
    if 300 <= answer.status < 400:
        return True
    if "json" not in (answer.headers.get("content-type") or ""):
        return False
    try:
        body = answer.json()
    except ValueError:
        return False
    except PlaywrightError:
        # The page went elsewhere before its answer could be read: it left.
        return True
    return isinstance(body, dict) and bool(body.get("redirect"))

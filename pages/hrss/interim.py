"""What HRSS page objects add to the helpers of `pages.base` for pages drawn the way the real
portal's are (the lookalike rendition: in-house `div`s and `span`s, placeholders only, toasts,
jQuery EasyUI): each function is a helper's result `.or_()` the same thing found by what a
person sees. They go once the helpers in `pages.base` see these shapes themselves.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator

from pages.base import Scope, clickable, exact_text, field, message, selected_tab, tab

# Class tokens that mark the current one of a row of siblings (a tab, a login method).
CURRENT_MARKS = ":is([class~=active], [class~=current], [class~=selected], [class~=this], [class~=checked])"


def by_text(scope: Scope, text: str) -> Locator:
    """The visible element whose whole text reads `text`, whatever its tag."""
    return scope.get_by_text(exact_text(text)).filter(visible=True)


def clickable_text(scope: Scope, text: str) -> Locator:
    """What a person clicks by its text: a helper's button or link, else any element reading it
    that is not inside a link or button (that one is found already: an EasyUI `a.l-btn` holds
    its text in a `span`)."""
    outside_links = by_text(scope, text).locator("xpath=self::*[not(ancestor::a or ancestor::button)]")
    return clickable(scope, text).or_(outside_links).filter(visible=True)


def tab_named(scope: Scope, name: str) -> Locator:
    """A tab by its name (the helper sees in-house and jQuery EasyUI tabs too)."""
    return tab(scope, name)


def current(scope: Scope) -> Locator:
    """The tab or item the page marks as current: a helper's selected tab, else any element with
    a class token that means current."""
    return selected_tab(scope).or_(scope.locator(CURRENT_MARKS)).filter(visible=True)


def entry(scope: Scope, label: str) -> Locator:
    """A form field by its label, else by its placeholder (which names it: 「请输入登录账号」)."""
    return field(scope, label).or_(scope.get_by_placeholder(label)).filter(visible=True)


def shown_message(scope: Scope, text: str | re.Pattern[str]) -> Locator:
    """A message by its text wherever it shows: a helper's alert or toast, else any element
    that reads it (a toast without a role, a messager window's text)."""
    by_own_text = scope.get_by_text(exact_text(text) if isinstance(text, str) else text)
    # A page may show one message twice (beside the field and as a toast): either is it.
    return message(scope, text).or_(by_own_text).filter(visible=True).first


def any_message(scope: Scope) -> Locator:
    """Whatever message the page shows now (an alert, a toast, a jQuery EasyUI messager's text)."""
    return message(scope)

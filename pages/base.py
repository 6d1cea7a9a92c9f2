"""Base of every page object, and the locator helpers that find things the way a person does.

Page objects
------------
A page object takes the Playwright page, its portal's base URL and (optionally) the
environment's table of page paths. (Playwright's own `base_url` holds one origin, and the
guide's path crosses two.) Paths stay relative.

Paths per environment
---------------------
Only the paths the guide prints are fixed in code: a page object whose entry is one of them
sets `PATH` (e.g. HRSS `/isso/login.html`, `/isso/twoWaysToRegister.html?showIndex=1`). Every
other page is reached by clicking from such a page, or its entry is configured per environment:
the page object names its entry with `PATH_NAME` (``"<portal>.<page>"``, e.g. ``"gdzwfw.login"``)
and `open()` looks that name up in the environment's `[<env>.paths]` table of
`harness/environments.toml`. The `[mock.paths]` table holds the bundled mock's paths and is the
default for every other profile, so a staging whose paths differ adds only the names that
differ::

    [staging.paths]
    "gdzwfw.login" = "/pscp/sso/login"

`harness.portals.page_paths(env)` reads the table; the suite hands it to page objects through
`PortalUrls.paths` (fixture `portal_urls`): ``MyPage(page, portal_urls.hrss, portal_urls.paths)``.
Without a table a page object uses the mock's defaults.

Locator helpers
---------------
Pages we did not write rarely bind labels or give roles: Element-UI and layui draw tabs as
`div`s and `li`s, buttons as `<a>`s, checkboxes and selects over hidden inputs, messages
without a role. The helpers below keep the person's view (a label's text, a button's text, a
tab's name, the message beside a field) and widen the net in this one place, combining the
accessible way (role + name, bound label) with the shapes of the frameworks through
`Locator.or_` and `filter(visible=True)`. Every helper takes a `scope` (the page, or a
locator such as a dialog) and works on three renditions of a page: classic accessible markup,
Element-UI and layui.

- `field(scope, label)`: the input, select or textarea of a form row, by the row's label text
  (a bound `<label for>`; else Element's `.el-form-item__label` or layui's `.layui-form-label`
  of the row; a trailing ：/: and a leading * are ignored).
- `field_message(scope, label)`: the hint or error shown in that field's row;
  `field_messages(scope)`: all of them (has the form been refused?).
- `clickable(scope, text)`: a button, link, tab or link-like `<a>` by its text.
- `tab(scope, name)` / `selected_tab(scope)`: a tab by its name; the tab the page shows as
  selected (aria-selected, Element's `.is-active`, layui's `.layui-this`).
- `tick(scope, text)` / `checked_box(scope, text)`: ticks a checkbox by clicking what a person
  clicks (the native box, Element's drawn box, layui's drawn box) and confirms the state; the
  checkbox as long as it is ticked. `checkbox(scope, text)`: the box a person sees, ticked or not.
- `choose(scope, label, option)` / `open_choices(scope, label)`: picks a dropdown choice (native
  `<select>`, Element `el-select`, layui select); opens the dropdown and returns its choices.
- `chosen_option(scope, label)`: the choice a native or layui dropdown holds, as text.
- `choose_radio(scope, text)`: picks a radio button by its text, however it is drawn.
- `message(scope, text=None)`: a message or toast shown on the page (role alert/status,
  `.el-message`, `.el-message-box`, a layui `layer.msg`).
- `dialog(scope, title)`: a dialog by its title (role dialog/alertdialog, `.el-dialog`,
  `.el-message-box`, a `layui-layer` box with `.layui-layer-title`).
- `block(scope, title)`: a part of the page by its title (a region or table named by it, or the
  element whose first child reads it: a section's heading, a layui card's header, a caption).
- `progress_steps(scope)` / `current_step(scope)`: a wizard's progress bar and the step it
  shows as current (aria-current, Element's `el-steps`, layui).
- `click_to_leave(locator)`: clicks what takes the browser to another page and waits for it
  (where leaving is the point: a menu entry, a link to another portal).
- `shows(locator)`: waits until the next view shows what identifies it, instead of waiting
  for a navigation (a view may change in place or through a page load).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import textwrap
from collections.abc import Mapping
from typing import ClassVar

from playwright.sync_api import Locator, Page, expect

from harness.portals import PageTable, page_paths

Scope = Page | Locator

# What a form control is: the real inputs and the framework's inputs in front of hidden ones.
CONTROLS = "input:not([type=hidden]), select, textarea"
# A form row's message: classic alerts and errors, Element's error, layui's aux text.
ROW_MESSAGES = "[role=alert], .error, .el-form-item__error, .layui-form-mid, .layui-form-danger-tips"
# The row of a classic form: what accessible markup groups a label, its control and its message in.
CLASSIC_ROW = (
    "xpath=ancestor::*[self::div or self::p or self::li or self::fieldset]"
    "[@role='group' or contains(concat(' ', normalize-space(@class), ' '), ' field ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' form-group ')][1]"
)


def _escaped(text: str) -> str:
    # Playwright writes a pattern into its selector between slashes: a bare / would end it.
    return re.escape(text).replace("/", r"\/")


def label_text(text: str) -> re.Pattern[str]:
    """A label's text as pages print it: optionally a leading * (required) and a trailing ：/:."""
    return re.compile(rf"^\s*\*?\s*{_escaped(text)}\s*[：:]?\s*$")


def exact_text(text: str) -> re.Pattern[str]:
    """The whole text of an element, ignoring surrounding white space."""
    return re.compile(rf"^\s*{_escaped(text)}\s*$")


def _page_of(scope: Scope) -> Page:
    return scope if isinstance(scope, Page) else scope.page


# ---------------------------------------------------------------- fields


def _element_row(scope: Scope, label: str) -> Locator:
    # A row is named by its label, or (an agreement row has none) by the checkbox it holds.
    page = _page_of(scope)
    named_by = page.locator(".el-form-item__label").filter(has_text=label_text(label))
    ticked_by = page.locator(".el-checkbox__label").filter(has_text=label_text(label))
    return scope.locator(".el-form-item").filter(has=named_by.or_(ticked_by))


def _layui_row(scope: Scope, label: str) -> Locator:
    return scope.locator(".layui-form-item, .layui-inline").filter(
        has=_page_of(scope).locator(".layui-form-label").filter(has_text=label_text(label))
    )


def field(scope: Scope, label: str) -> Locator:
    """The visible control of the form row whose label reads `label`."""
    bound = scope.get_by_label(label_text(label))
    element = _element_row(scope, label).locator(".el-form-item__content .el-input__inner, .el-form-item__content .el-textarea__inner")
    layui = _layui_row(scope, label).locator(".layui-input-block, .layui-input-inline").locator(CONTROLS)
    return bound.or_(element).or_(layui).filter(visible=True)


def field_message(scope: Scope, label: str) -> Locator:
    """The hint or error shown in the form row of the field labelled `label`."""
    classic = scope.get_by_label(label_text(label)).locator(CLASSIC_ROW).locator("[role=alert], .error")
    element = _element_row(scope, label).locator(".el-form-item__error")
    layui = _layui_row(scope, label).locator(ROW_MESSAGES)
    return classic.or_(element).or_(layui).filter(visible=True)


def field_messages(scope: Scope) -> Locator:
    """Every hint or error shown in a form's rows: whether a submitted form was refused."""
    return scope.locator(f"form :is({ROW_MESSAGES}), .el-form-item__error, .layui-form-item :is({ROW_MESSAGES})").filter(visible=True)


# ---------------------------------------------------------------- buttons, links, tabs


def clickable(scope: Scope, text: str) -> Locator:
    """What a person clicks by its text: a button, a link, a tab, an `<a>` without href or a
    layui `<a class="layui-btn">`."""
    name = exact_text(text)
    by_role = (
        scope.get_by_role("button", name=name)
        .or_(scope.get_by_role("link", name=name))
        .or_(scope.get_by_role("tab", name=name))
        .or_(scope.get_by_role("menuitem", name=name))
    )
    drawn = scope.locator("a:not([href]), .layui-btn, .layui-tab-title > li, .el-dropdown-menu__item").filter(has_text=name)
    return by_role.or_(drawn).filter(visible=True)


def tab(scope: Scope, name: str) -> Locator:
    """A tab by its name: role=tab (classic, Element's `el-tabs`) or a layui `li`."""
    return scope.get_by_role("tab", name=exact_text(name)).or_(scope.locator(".layui-tab-title > li").filter(has_text=exact_text(name)))


def selected_tab(scope: Scope) -> Locator:
    """The tab the page shows as selected, however it says so."""
    return (
        scope.get_by_role("tab", selected=True)
        .or_(scope.locator(".el-tabs__item.is-active"))
        .or_(scope.locator(".layui-tab-title > li.layui-this"))
        .filter(visible=True)
    )


# ---------------------------------------------------------------- checkboxes, radios, dropdowns


def checked_box(scope: Scope, text: str) -> Locator:
    """The checkbox labelled `text`, only while it is ticked (a native or Element input, or a
    layui drawn box)."""
    return scope.get_by_role("checkbox", name=text, checked=True).or_(
        scope.locator(".layui-form-checkbox.layui-form-checked").filter(has_text=text)
    )


def checkbox(scope: Scope, text: str) -> Locator:
    """The checkbox labelled `text` as a person sees it, ticked or not (a native or Element
    input, or a layui drawn box)."""
    drawn = scope.locator(".el-checkbox, .layui-form-checkbox").filter(has_text=text)
    return scope.get_by_role("checkbox", name=text).or_(drawn).filter(visible=True)


def tick(scope: Scope, text: str) -> None:
    """Ticks the checkbox labelled `text` by clicking the box a person sees (not the label,
    whose text may hold links), then confirms that it is ticked."""
    ticked = checked_box(scope, text)
    if ticked.count():
        return
    drawn = scope.locator(".el-checkbox, .layui-form-checkbox").filter(has_text=text).locator(".el-checkbox__inner, i")
    scope.get_by_role("checkbox", name=text).or_(drawn).filter(visible=True).click()
    expect(ticked).to_have_count(1)


def choose_radio(scope: Scope, text: str) -> None:
    """Picks the radio button `text`, however it is drawn, and confirms the choice."""
    native = scope.get_by_role("radio", name=text)
    drawn = scope.locator(".el-radio, .layui-form-radio").filter(has_text=text)
    drawn.or_(native).filter(visible=True).first.click()
    expect(native.and_(scope.get_by_role("radio", checked=True)).or_(scope.locator(".layui-form-radioed").filter(has_text=text))).to_have_count(1)


_SHAPE_OF_CONTROL = """control => {
    if (control.tagName === 'SELECT') return 'native';
    const element = control.closest('.el-select');
    if (element) return element.querySelector('.el-select__caret.is-reverse') ? 'element open' : 'element';
    const layui = control.closest('.layui-form-select');
    if (layui) return layui.classList.contains('layui-form-selected') ? 'layui open' : 'layui';
    return 'other';
}"""


def open_choices(scope: Scope, label: str) -> Locator:
    """The choices of the dropdown labelled `label`, as a person sees them: a native select's
    options; a drawn dropdown (Element, layui) is opened first, unless it already is."""
    control = field(scope, label)
    shape = control.evaluate(_SHAPE_OF_CONTROL)
    if shape == "native":
        return control.locator("option")
    if not shape.endswith(" open"):
        control.click()
    if shape.startswith("element"):
        # Element moves the open dropdown to <body>; only one is open at a time.
        return _page_of(scope).locator(".el-select-dropdown").filter(visible=True).locator(".el-select-dropdown__item")
    return control.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' layui-form-select ')][1]").locator("dl > dd")


def choose(scope: Scope, label: str, option: str) -> None:
    """Picks `option` in the dropdown labelled `label` and confirms the choice is shown."""
    control = field(scope, label)
    if control.evaluate(_SHAPE_OF_CONTROL) == "native":
        control.select_option(label=option)
        return
    open_choices(scope, label).filter(has_text=exact_text(option)).click()
    # Choosing the empty first option (「请选择」) shows it as the placeholder (layui) or as the
    # choice (Element): either way the person sees 「请选择」.
    shown = option
    if option == control.get_attribute("placeholder"):
        shown = re.compile(rf"^({_escaped(option)})?$")
    expect(control).to_have_value(shown)


def chosen_option(scope: Scope, label: str) -> Locator:
    """The choice the dropdown labelled `label` holds, as an element whose text reads it: a
    native select's selected option, or the option a layui select marks as chosen. (Element
    shows its choice only as its input's value: read `field(...)` with `to_have_value`.)"""
    native = scope.get_by_label(label_text(label)).locator("option:checked")
    layui = _layui_row(scope, label).locator(".layui-form-select dl > dd.layui-this")
    return native.or_(layui)


# ---------------------------------------------------------------- messages and dialogs


def message(scope: Scope, text: str | re.Pattern[str] | None = None) -> Locator:
    """A message the page shows: an alert or status (classic, Element's `$message`), Element's
    message box text, or a layui `layer.msg`; with `text`, only the one that reads it."""
    found = (
        scope.get_by_role("alert")
        .or_(scope.get_by_role("status"))
        .or_(scope.locator(".el-message, .el-message-box__message"))
        .or_(scope.locator(".layui-layer-msg .layui-layer-content, .layui-layer-dialog .layui-layer-content"))
    ).filter(visible=True)
    if text is None:
        return found
    return found.filter(has_text=exact_text(text) if isinstance(text, str) else text)


def dialog(scope: Scope, title: str | re.Pattern[str]) -> Locator:
    """A dialog by its title: role dialog/alertdialog named by it, Element's `el-dialog` or
    message box, or a layui `layer` box whose title bar reads it."""
    name = exact_text(title) if isinstance(title, str) else title
    page = _page_of(scope)
    return (
        scope.get_by_role("dialog", name=name)
        .or_(scope.get_by_role("alertdialog", name=name))
        .or_(scope.locator(".el-dialog, .el-message-box__wrapper").filter(has=page.locator(".el-dialog__title, .el-message-box__title").filter(has_text=name)))
        .or_(scope.locator(".layui-layer").filter(has=page.locator(".layui-layer-title").filter(has_text=name)))
    ).filter(visible=True)


def block(scope: Scope, title: str) -> Locator:
    """A part of the page by its title: a region or table named by it, or the element whose
    first child reads it (a section's heading, a layui card's header, a table's caption)."""
    name = exact_text(title)
    quote = "'" if "'" not in title else '"'
    # More than one child: the part itself, not the header that only wraps the title.
    # A list is not titled by its first item.
    titled = scope.locator(f"xpath=.//*[*[1][not(self::li or self::option)][normalize-space(.)={quote}{title}{quote}] and count(*) > 1]")
    return scope.get_by_role("region", name=name).or_(scope.get_by_role("table", name=name)).or_(titled)


def progress_steps(scope: Scope) -> Locator:
    """The steps of a wizard's progress bar, in order (a list's items, Element's `el-steps`,
    layui's timeline)."""
    return scope.locator("ol[aria-label] > li, .el-steps > .el-step, .layui-timeline > .layui-timeline-item").filter(visible=True)


def current_step(scope: Scope) -> Locator:
    """The step a wizard's progress bar shows as the current one (aria-current, Element's
    `is-process`, layui's `layui-this`)."""
    return (
        scope.locator("[aria-current=step]")
        .or_(scope.locator(".el-step").filter(has=_page_of(scope).locator(".el-step__title.is-process")))
        .or_(scope.locator(".layui-timeline-item.layui-this"))
        .filter(visible=True)
    )


def shows(locator: Locator) -> None:
    """Waits until the next view shows `locator` (a heading, a text, a field), whether the
    view changed in place or by loading a page."""
    expect(locator.first).to_be_visible()


# ---------------------------------------------------------------- page objects


class PortalPage:
    """A page on one portal: at the guide's fixed `PATH`, or at the environment's path named
    `PATH_NAME` (see the module docstring).

    Locator overrides: where no helper can see a member on some environment, its profile may
    name it, ``"GdzwfwLoginPage.account" = "css=input.user"`` in `[<env>.locators]` (a
    Playwright selector, possibly in the user's own profile file). The page object's own
    locator is then replaced, as it is assigned, by the visible elements the selector matches,
    so what `__init__` builds from the member and every method that uses it see the override.
    An override named after a base class applies to its subclasses; the most specific wins.
    Every page object tells its table it was built (`PageTable.built`: the page probe).
    """

    PATH: ClassVar[str] = "/"
    PATH_NAME: ClassVar[str | None] = None

    def __init__(self, page: Page, base_url: str, paths: Mapping[str, str] | None = None) -> None:
        self._overrides: Mapping[str, str] = paths.locators if isinstance(paths, PageTable) else {}
        self.page = page
        self.base_url = base_url.rstrip("/")
        self._paths = paths
        if isinstance(paths, PageTable):
            paths.built(self)

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, Locator):
            selector = self._override_of(name)
            if selector is not None:
                value = self.page.locator(selector).filter(visible=True)
        super().__setattr__(name, value)

    def _override_of(self, member: str) -> str | None:
        overrides = self.__dict__.get("_overrides") or {}
        for cls in type(self).__mro__:
            selector = overrides.get(f"{cls.__name__}.{member}")
            if selector is not None:
                return selector
        return None

    @property
    def path(self) -> str:
        """The page's path on its portal in this environment."""
        return self.PATH if self.PATH_NAME is None else self.path_named(self.PATH_NAME)

    def path_named(self, name: str) -> str:
        """The path this environment gives the page entry `name` ("<portal>.<page>")."""
        paths = self._paths if self._paths is not None else page_paths()  # the mock's table when the suite gave none
        if name not in paths:
            raise KeyError(f"环境没有配置页面路径「{name}」（harness/environments.toml 的 [<环境>.paths]）")
        return paths[name]

    @property
    def url(self) -> str:
        """The page's absolute address on its portal."""
        return f"{self.base_url}{self.path}"

    def open(self) -> None:
        """Navigates straight to the page."""
        self.page.goto(self.url)


# ---------------------------------------------------------------- page objects and their members


def page_classes() -> dict[str, type[PortalPage]]:
    """Every page object class of the package by name (its modules imported first)."""
    import pages

    for module in pkgutil.walk_packages(pages.__path__, "pages."):
        importlib.import_module(module.name)
    found: dict[str, type[PortalPage]] = {}
    waiting = list(PortalPage.__subclasses__())
    while waiting:
        cls = waiting.pop()
        if cls.__module__.startswith("pages."):
            found[cls.__name__] = cls
        waiting += cls.__subclasses__()
    return dict(sorted(found.items()))


def members_of(cls: type[PortalPage], inherited: bool = True) -> list[str]:
    """The public attributes a page object class's `__init__` (and its bases', unless not
    `inherited`) assigns: its members, which are Locators by the house style
    (`tests/test_page_members.py` checks it on real pages). Read from the source, so that a
    profile's overrides are checked before any browser starts."""
    names: dict[str, None] = {}
    for klass in reversed(cls.__mro__ if inherited else (cls,)):
        if not issubclass(klass, PortalPage) or klass is PortalPage or "__init__" not in vars(klass):
            continue
        tree = ast.parse(textwrap.dedent(inspect.getsource(klass.__init__)))
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self" and not target.attr.startswith("_"):
                    names[target.attr] = None
    return list(names)


def check_locator_overrides(overrides: Mapping[str, str]) -> str | None:
    """What is wrong with an environment's locator overrides (an unknown page object class or
    member), in one message; None when each names a member."""
    if not overrides:
        return None
    classes = page_classes()
    problems = []
    for key in overrides:
        class_name, _, member = key.partition(".")
        if class_name not in classes:
            problems.append(f"「{key}」：没有页面对象类 {class_name}（有：{'、'.join(classes)}）")
        elif member not in members_of(classes[class_name]):
            problems.append(f"「{key}」：{class_name} 没有成员 {member}（有：{'、'.join(members_of(classes[class_name]))}）")
    return "；".join(problems) or None


def click_to_leave(locator: Locator) -> None:
    """Clicks something that takes the browser to another page (a link, or a script that moves
    on once the server has answered) and waits until that page has loaded, so that what
    follows sees the new page and not one being swapped out."""
    page = locator.page
    before = page.url
    locator.click()
    page.wait_for_url(lambda url: url != before)
    page.wait_for_load_state()


def click_and_load(locator: Locator) -> None:
    """Clicks something that leaves the page (a real navigation is the point: another portal,
    a help page) and waits for the page it loads."""
    locator.click()
    locator.page.wait_for_load_state()

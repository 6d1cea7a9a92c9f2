"""Base of every page object, and the locator helpers that find things the way a person does."""

# Page objects
# ------------
# A page object takes the Playwright page, its portal's base URL and (optionally) the
# environment's table of page paths. (Playwright's own `base_url` holds one origin, and the
# guide's path crosses two.) Paths stay relative.
#
# Paths per environment
# ---------------------
# Only the paths the guide prints are fixed in code: a page object whose entry is one of them
# sets `PATH` (e.g. HRSS `/isso/login.html`, `/isso/twoWaysToRegister.html?showIndex=1`). Every
# other page is reached by clicking from such a page, or its entry is configured per environment:
# the page object names its entry with `PATH_NAME` (``"<portal>.<page>"``, e.g. ``"gdzwfw.login"``)
# and `open()` looks that name up in the environment's `[<env>.paths]` table of
# `harness/target/environments.toml`. The `[mock.paths]` table holds the bundled mock's paths and is the
# default for every other profile, so a staging whose paths differ adds only the names that
# differ::
#
#     [staging.paths]
#     "gdzwfw.login" = "/pscp/sso/login"
#
# `harness.portals.page_paths(env)` reads the table; the suite hands it to page objects through
# `PortalUrls.paths` (fixture `portal_urls`): ``MyPage(page, portal_urls.hrss, portal_urls.paths)``.
# Without a table a page object uses the mock's defaults.
#
# Locator helpers
# ---------------
# Pages we did not write rarely bind labels or give roles: libraries draw tabs, steps and menus
# as `div`s, `span`s and `li`s marked current by a class, buttons as `<a>`s or `div`s,
# checkboxes and selects over hidden inputs, messages as toasts without a role; in-house pages
# (the real GD-IdP's `gd-` components) give inputs only a placeholder; hidden panes keep
# duplicates of the visible controls. The helpers keep the person's cues and read them in one
# small selector engine (`seen=`, registered by `register_selector_engine`; the suite's and the
# tests' session fixture `selector_engine` does it): "current" is an ARIA state, else a class
# token that means it in any library (`is-active`, `ant-tabs-tab-active`, `layui-this`,
# `tabs-selected`, `gd-tabs-nav-active`, `is-process` …), else the one sibling drawn
# differently; library class names appear only as fallbacks. Every helper takes a `scope`
# (the page, or a locator such as a dialog) and finds only what is shown. tests/
# test_locator_libraries.py runs each on Element UI, Element Plus, Ant Design Vue, View Design,
# layui, jQuery EasyUI, Bootstrap 5 and an in-house page.
#
# - `field(scope, label)`: the control a person fills: bound label / aria-label; else the
#   nearest control after the row's label text (a leading * and trailing ：/: ignored); else a
#   placeholder reading the label (or 请输入<label>); else the control just after the text.
# - `field_message(scope, label)` / `field_messages(scope)`: the hint or error shown for that
#   field (in its row, named by aria-describedby, or a tip floating beside it); all of them.
# - `clickable(scope, text)`: by its text whatever its tag (button, `<a>` with or without
#   href, a `div`/`span`/`li` drawn clickable), the element that carries the text.
# - `tab(scope, name)` / `selected_tab(scope)`: a tab by its name; the tab shown as selected.
# - `progress_steps(scope)` / `current_step(scope)`: a progress bar's steps and its current one.
# - `current_menu_item(scope)`: the menu or navigation item marked as current.
# - `message(scope, text=None)`: a message shown (alert, status, toast, notification); with
#   `text` also a field's hint or a dialog's text that reads it.
# - `told(scope, text)`: asserts the page says `text` in a message, one shown now or a toast
#   that showed and has gone already (recorded by `MESSAGE_LOG_SCRIPT`, which every context runs).
# - `dialog(scope, title)`: a visible overlaying box whose title bar reads `title`.
# - `block(scope, title)`: a part of the page by its title (a region or table named by it, or
#   the element whose first child reads it).
# - `image(scope, name)`: an image by alt / title / aria-label, else beside a text or a
#   placeholder-only input that reads `name` (a QR code's caption, a captcha).
# - `tick`, `checkbox`, `checked_box`, `choose_radio`: click the box a person sees and confirm
#   the state by what the library marks (checked, aria-checked, `is-checked`, `layui-form-checked` …).
# - `choose`, `open_choices`, `chosen_option`: native and drawn dropdowns (open the box or its
#   arrow, click the option, confirm what the box shows).
# - `follow_new_tab(locator)`: clicks a link that opens a new tab and returns that tab's page.
# - `click_to_leave(locator)`: clicks what takes the browser to another page and waits for it
#   (where leaving is the point: a menu entry, a link to another portal).
# - `shows(locator)`: waits until the next view shows what identifies it, instead of waiting
#   for a navigation (a view may change in place or through a page load).

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import re
import textwrap
from collections.abc import Callable, Mapping
from typing import ClassVar

from playwright.sync_api import Error, Locator, Page, Playwright, Response, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from harness.target.portals import PageTable, page_paths

Scope = Page | Locator
Text = str | re.Pattern[str]

# The name under which `register_selector_engine` teaches Playwright the engine below.
ENGINE = "seen"

# What a person reads off a page, in one small selector engine: the parts that need the
# rendered page (is it shown, what is drawn differently, which text comes just before a box)
# and the priorities between cues ("a label, else a placeholder, else the text before").
# Its words are patterns over every library's class tokens (`is-active`, `ant-tabs-tab-active`,
# `layui-this`, `gd-tabs-nav-active` all say "active"/"this"), not one library's names.
ENGINE_SCRIPT = r"""(() => {
  // The body of a `seen=` selector is JSON: [kind, matcher]; a matcher is
  // {t: text, m: "exact" | "label" | "contains"} or {re: source, f: flags} or null.
  const squeeze = (s) => (s || "").replace(/\s+/g, "");
  const matcherOf = (spec) => {
    if (!spec) return () => true;
    if (spec.re !== undefined) {
      const re = new RegExp(spec.re, spec.f);
      return (s) => re.test((s || "").replace(/\s+/g, " ").trim());
    }
    const want = squeeze(spec.t);
    const match =
      spec.m === "contains" ? (s) => squeeze(s).includes(want)
      : spec.m === "label" ? (s) => squeeze(s).replace(/^\*/, "").replace(/[：:]$/, "") === want
      : (s) => squeeze(s) === want;
    // A text node can only be part of a match if it holds the text or a piece of it.
    match.part = (data) => {
      const piece = squeeze(data);
      return piece.includes(want) || want.includes(piece) || (spec.m === "label" && /^[*：:]+$/.test(piece));
    };
    return match;
  };
  const words = (el) => (typeof el.className === "string" ? el.className : "").toLowerCase().split(/[\s_-]+/);
  const hasWord = (el, re) => words(el).some((w) => re.test(w));
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility === "visible";
  };
  const text = (el) => el.textContent || "";
  // A document between two pages may have no element yet: search the document itself then.
  const within = (root) => (root.nodeType === 9 ? root.documentElement || root : root);
  const all = (root, css) => [...within(root).querySelectorAll(css)];
  const up = (el, levels) => {
    const chain = [];
    for (let at = el; at && chain.length <= levels; at = at.parentElement) chain.push(at);
    return chain;
  };
  const innermost = (els) => els.filter((el) => !els.some((other) => other !== el && el.contains(other)));
  const unique = (els) => [...new Set(els)];
  const NOT_TEXT = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "OPTION"]);

  // The innermost elements whose whole text matches (a text may be split by a * in a span).
  const holders = (root, match) => {
    const found = [];
    const walker = document.createTreeWalker(within(root), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const skipped = !node.data.trim() || !node.parentElement || NOT_TEXT.has(node.parentElement.tagName);
      if (skipped || (match.part && !match.part(node.data))) continue;
      const hit = up(node.parentElement, 2).find((el) => match(text(el)));
      if (hit) found.push(hit);
    }
    return innermost(unique(found));
  };

  // ------------------------------------------------------------ fields
  const CONTROL =
    "input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=reset]):not([type=image])," +
    "select, textarea, [role=combobox], [role=textbox], [contenteditable=true], [class*=select]";
  const NATIVE = CONTROL.replace(", [class*=select]", "");
  // A drawn select box (iView's selection, Ant's selector) is a control when it holds the input.
  const isControl = (el) =>
    el.matches(NATIVE) || (hasWord(el, /^(selection|selector)$/) && !!el.querySelector("input"));
  const controls = (root) => all(root, CONTROL).filter((el) => isControl(el) && visible(el));
  const follows = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  const labelsOf = (control) => [
    ...[...(control.labels || [])].map(text),
    ...(control.getAttribute("aria-labelledby") || "")
      .split(/\s+/)
      .map((id) => document.getElementById(id))
      .filter(Boolean)
      .map(text),
    control.getAttribute("aria-label") || "",
  ];
  const controlAfter = (label, root) => {
    for (const box of up(label, 4)) {
      const inBox = controls(box).filter((c) => c !== label);
      if (inBox.some((c) => !follows(label, c) && !label.contains(c))) return null; // past the row
      const next = inBox.find((c) => follows(label, c) || label.contains(c));
      if (next) return next;
      if (box === within(root)) return null;
    }
    return null;
  };
  const textBefore = (control) => {
    if (!document.body) return [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    walker.currentNode = control;
    for (let node = walker.previousNode(); node; node = walker.previousNode()) {
      const parent = node.parentElement;
      if (!node.data.trim() || !parent || NOT_TEXT.has(parent.tagName) || !visible(parent)) continue;
      return up(parent, 2);
    }
    return [];
  };
  const PROMPT = /^(请输入|请选择|请填写)/;
  const fieldOf = (root, match) => {
    const shown = controls(root);
    const stages = [
      () => shown.filter((c) => labelsOf(c).some(match)),
      () => holders(root, match).filter((l) => visible(l) && !isControl(l)).map((l) => controlAfter(l, root)),
      () =>
        shown.filter(
          (c) =>
            c.placeholder !== undefined &&
            (match(c.placeholder) || match(squeeze(c.placeholder).replace(PROMPT, "")))
        ),
      () => shown.filter((c) => textBefore(c).some((el) => match(text(el)))),
    ];
    for (const stage of stages) {
      const found = unique(stage().filter(Boolean));
      if (found.length) return found;
    }
    return [];
  };

  // ------------------------------------------------------------ messages
  const FIELD_NOTE =
    /^(error|errors|err|invalid|explain|tip|tips|tooltip|hint|help|feedback|mid|danger|warning|warn|extra|message|msg)$/;
  const NOTE = /^(__NOTE_WORDS__)$/;
  const LIBRARY_NOTES = "__LIBRARY_NOTES__";
  const noteLike = (el, re) =>
    el.matches("[role=alert], [role=status]") || hasWord(el, re) || el.matches(LIBRARY_NOTES);
  // What shows: innerText leaves out what is hidden inside (a closed toast in its container).
  const shownText = (el) => (el.innerText === undefined ? el.textContent : el.innerText) || "";
  const withText = (el) => visible(el) && !!shownText(el).trim();
  // "Loading…" is the page at work, not its answer (jQuery EasyUI's `datagrid-mask-msg`
  // 「正在处理，请稍待。。。」 over a table, a spinner's caption).
  const busy = (el) =>
    el.matches("[aria-busy=true], [aria-busy=true] *") ||
    up(el, 3).some((at) => hasWord(at, /^(mask|loading|spin|spinner|busy)$/));
  // A row of buttons is no message, whatever its class says (jQuery EasyUI's `messager-button`
  // under the `messager-body` that reads the message).
  const onlyControls = (el) => {
    const words = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent.trim()) words.push(node.parentElement);
    }
    const CONTROL = "a, button, [role=button], [role=link]";
    return words.length > 0 && words.every((at) => at.closest(CONTROL) && el.contains(at.closest(CONTROL)));
  };
  const rowOf = (control) => {
    let row = control;
    for (const box of up(control, 4).slice(1)) {
      const other = (c) =>
        c !== control && !c.contains(control) && !control.contains(c) && !c.matches("[type=checkbox], [type=radio]");
      if (controls(box).some(other)) break;
      row = box;
    }
    return row;
  };
  // Beside: level with the control and at most 40px off, or above / below it as near.
  const near = (a, b) => {
    const [p, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
    const gapX = Math.max(p.left - q.right, q.left - p.right);
    const gapY = Math.max(p.top - q.bottom, q.top - p.bottom);
    return (gapX <= 40 && gapY < 0) || (gapY <= 40 && gapX < 0);
  };
  // A field may show a standing hint and an error at once: the error is the message.
  const ERROR_NOTE = /^(error|errors|err|invalid|danger|warning|warn|explain|feedback)$/;
  const errorsFirst = (notes) => {
    const errors = notes.filter((el) => el.matches("[role=alert]") || hasWord(el, ERROR_NOTE));
    return errors.length ? errors : notes;
  };
  const floatingTips = () =>
    all(document, "body > *, body > * > *, body > * > * > *").filter(
      (el) => hasWord(el, /^(tip|tips|tooltip)$/) && withText(el)
    );
  const notesOf = (control) => {
    const described = (control.getAttribute("aria-describedby") + " " + control.getAttribute("aria-errormessage"))
      .split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean);
    const row = rowOf(control);
    const inRow = [...row.querySelectorAll("*")].filter((el) => noteLike(el, FIELD_NOTE) && !el.contains(control));
    // A tip a library floats beside the field lives near <body>, not in another field's row.
    const floating = floatingTips().filter((el) => near(el, control));
    return errorsFirst(innermost(unique([...described, ...inRow, ...floating]).filter(withText)));
  };
  // What a field's message is about: its control; else an element named by aria-label (a
  // code image), a checkbox by its text, or the label itself (its row holds the message).
  const subjectsOf = (root, match) => {
    const fields = fieldOf(root, match);
    if (fields.length) return fields;
    const named = all(root, "[aria-label], [aria-labelledby]").filter((el) => visible(el) && labelsOf(el).some(match));
    if (named.length) return named;
    const labels = holders(root, match).filter(visible);
    const ticks = labels.map((l) => boxOf(l, "checkbox", root) || boxOf(l, "radio", root)).filter(Boolean);
    return ticks.length ? unique(ticks) : labels;
  };
  const overlaid = (el) =>
    up(el, 10).some(
      (at) =>
        at.matches("[role=dialog], [role=alertdialog], [aria-modal=true]") || getComputedStyle(at).position === "fixed"
    );

  // ------------------------------------------------------------ what is current
  // Strongest first: libraries that mark a hovered item "active" (Ant's menu) mark the chosen one "selected".
  const CURRENT = [/^(selected|current|this)$/, /^(active|process|cur)$/, /^(checked|on)$/, /^(finish|finished|done)$/];
  const ARIA_CURRENT = "[aria-selected=true], [aria-current]:not([aria-current=false]), [aria-checked=true]";
  const rankOf = (item) => {
    const inside = [item, ...item.querySelectorAll("*")].filter((el) => up(el, 3).includes(item));
    return Math.min(...inside.map(ownRank));
  };
  const ownRank = (el) => {
    if (el.matches(ARIA_CURRENT)) return 0;
    const rank = CURRENT.findIndex((re) => hasWord(el, re));
    return rank < 0 ? Infinity : rank + 1;
  };
  const strongest = (els) => {
    const ranks = els.map(ownRank);
    return els.filter((_, i) => ranks[i] === Math.min(...ranks));
  };
  const look = (el) => {
    const s = getComputedStyle(el);
    return [s.color, s.backgroundColor, s.fontWeight, s.borderBottomColor, s.borderBottomWidth, s.opacity].join("|");
  };
  const ownText = (el) => [...el.childNodes].some((node) => node.nodeType === 3 && node.data.trim());
  const lookOf = (item) =>
    [item, ...item.querySelectorAll("*")]
      .filter((el) => ownText(el) && visible(el))
      .slice(0, 4)
      .map(look)
      .join("/");
  const drawnApart = (items) => {
    if (items.length < 3) return [];
    const looks = items.map(lookOf);
    const apart = items.filter((_, i) => looks.filter((l) => l === looks[i]).length === 1);
    return apart.length === 1 ? apart : [];
  };
  const currentOf = (items) => {
    const ranks = items.map(rankOf);
    const best = Math.min(...ranks);
    if (best === Infinity) return drawnApart(items);
    const marked = items.filter((_, i) => ranks[i] === best);
    return best === CURRENT.length ? marked.slice(-1) : marked;
  };
  // An item of a bar: the element that holds the name, widened to the element of the bar.
  const itemOf = (el) => {
    let item = el;
    while (
      item.parentElement &&
      [...item.parentElement.children].filter(withText).length === 1 &&
      up(el, 4).includes(item.parentElement)
    )
      item = item.parentElement;
    return item;
  };
  const itemsOf = (bar) => {
    let at = bar;
    while ([...at.children].filter(withText).length === 1) at = [...at.children].find(withText);
    return [...at.children].filter(withText);
  };
  // The element a person names the item by: role=tab where given, else the widest element with the same text.
  const named = (el) => {
    const same = up(el, 3).filter((at) => squeeze(text(at)) === squeeze(text(el)));
    const inside = [el, ...el.querySelectorAll("[role=tab], [role=menuitem]")].filter(
      (at) => squeeze(text(at)) === squeeze(text(el))
    );
    return [...same, ...inside].find((at) => at.matches("[role=tab], [role=menuitem]")) || same[same.length - 1];
  };
  const TAB = /^(tab|tabs|tablist)$/;
  const inBar = (el, re, roles) => up(el, 5).some((at) => at.matches(roles) || hasWord(at, re));
  const PANE = /^(pane|tabpane|panel|panels|content|body)$/;
  const inPane = (el) =>
    up(el, 8).some((at) => at.matches("[role=tabpanel]") || (hasWord(at, TAB) && hasWord(at, PANE)));
  const inTabs = (el) => inBar(el, TAB, "[role=tablist], [role=tab]") && !inPane(el);
  const STEPS = /^(steps|timeline|wizard|stepbar)$/;
  const NUMBERED = /^\s*(\d+|[一二三四五六七八九十]+)\s*[.、．:：)]?\s*\S/;
  const stepBars = (root) => {
    const marked = all(root, "[class], ol[aria-label]").filter(
      (el) => el.matches("ol[aria-label]") || hasWord(el, STEPS)
    );
    const bars = marked.filter((el) => !marked.some((other) => other !== el && other.contains(el)) && visible(el));
    if (bars.length) return bars;
    return all(root, "*").filter((el) => {
      const items = [...el.children].filter(withText);
      return items.length >= 2 && items.every((item) => NUMBERED.test(text(item)));
    });
  };
  const MENU = /^(menu|menubar|nav|navbar|sidebar|sidenav|sidemenu)$/;
  const inMenu = (el) => inBar(el, MENU, "nav, [role=navigation], [role=menu], [role=menubar]");

  // ------------------------------------------------------------ boxes, choices, dialogs, images
  const boxOf = (el, kind, root) => {
    const input = `input[type=${kind}], [role=${kind}]`;
    const label = el.closest("label[for]");
    const bound = label && document.getElementById(label.htmlFor);
    if (bound && bound.matches(input)) return bound;
    const drawn = new RegExp(`(^|[-_])${kind === "radio" ? "radio" : "(checkbox|check)"}$`, "i");
    const chain = up(el, 3);
    const inRoot = chain.slice(0, chain.indexOf(within(root)) + 1 || chain.length);
    return inRoot.find(
      (at, level) =>
        at.matches(input) ||
        (level <= 1 && at.querySelectorAll(input).length === 1) ||
        (typeof at.className === "string" && at.className.split(/\s+/).some((token) => drawn.test(token)))
    );
  };
  // The nearest box: a table row holding a checkbox is not the checkbox.
  const boxes = (root, kind, match) =>
    innermost(unique(holders(root, match).filter(visible).map((el) => boxOf(el, kind, root)).filter(Boolean)));
  const ticked = (box, kind) => {
    const inputs = [box, ...box.querySelectorAll(`input[type=${kind}]`)].filter((el) =>
      el.matches(`input[type=${kind}]`)
    );
    if (inputs.length && inputs.some((el) => el.checked)) return true;
    return [box, ...box.querySelectorAll("*")].some(
      (el) => el.matches(ARIA_CURRENT) || hasWord(el, /^(checked|radioed)$/)
    );
  };
  const drawnBox = (box) => {
    if (box.matches("input") && visible(box)) return box;
    const small = [...box.querySelectorAll("*")].find((el) => {
      const r = el.getBoundingClientRect();
      return visible(el) && !text(el).trim() && r.width >= 8 && r.width <= 32 && r.height >= 8 && r.height <= 32;
    });
    return small || box;
  };
  const POPUP = /^(dropdown|popper|popup|options|listbox|anim|select|combo|picker)$/;
  const choicesIn = (root) =>
    innermost(
      all(document, "[role=option], li, dd, [class*=item], [class*=option]").filter(
        (el) =>
          withText(el) &&
          (el.matches("[role=option], dd, li") || hasWord(el, /^(item|option)$/)) &&
          !hasWord(el, /^selection$/) &&
          !up(el, 3).slice(1).some((at) => hasWord(at, /^(selection|selector)$/)) &&
          up(el, 4).slice(1).some((at) => hasWord(at, POPUP) || at.matches("[role=listbox], dl"))
      )
    ).map((el) => up(el, 3).find((at) => at.matches("[role=option], li, dd") || hasWord(at, /^(item|option)$/)) || el);
  // The widest box around the control that is still its own (a library nests select in select).
  const selectBoxOf = (control) => {
    const own = up(control, 4).filter((at) =>
      controls(at).every((c) => c === control || c.contains(control) || control.contains(c))
    );
    return own.filter((at) => hasWord(at, /^(select|combo|combobox)$/)).pop() || control.parentElement;
  };
  const chosenIn = (control) => {
    if (control.tagName === "SELECT") return [...control.selectedOptions];
    const box = selectBoxOf(control);
    const shown = [...box.querySelectorAll("*")].filter(
      (el) =>
        withText(el) &&
        hasWord(el, /^(selected|selection|value|item)$/) &&
        !hasWord(el, /^transparent$/) &&
        !(hasWord(el, /^placeholder$/) && !hasWord(el, /^(selected|item)$/)) &&
        !el.matches("[role=option], li, dd")
    );
    if (shown.length) return innermost(shown).slice(0, 1);
    const marked = [...box.querySelectorAll("[role=option], li, dd")].filter(
      (el) => el.matches("[aria-selected=true]") || hasWord(el, /^(selected|this|checked)$/)
    );
    return marked.length ? marked.slice(0, 1) : [control];
  };
  const DIALOG = /^(dialog|modal|layer|window|popup|drawer|messager)$/;
  const dialogOf = (title) => {
    const top = title.getBoundingClientRect().top;
    const found = up(title, 8).slice(1).find((at) => {
      const box = at.getBoundingClientRect();
      const overlay =
        at.matches("[role=dialog], [role=alertdialog]") ||
        ["fixed", "absolute"].includes(getComputedStyle(at).position) ||
        hasWord(at, DIALOG);
      return overlay && squeeze(text(at)) !== squeeze(text(title)) && top - box.top < 80;
    });
    return found && (up(found, 4).find((at) => at.matches("[role=dialog], [role=alertdialog]")) || found);
  };
  const imageNear = (anchor) => {
    for (const box of up(anchor, 3).slice(1)) {
      const images = [...box.querySelectorAll("img, canvas")].filter(visible);
      if (images.length) return images[0];
    }
    return null;
  };

  const KINDS = {
    field: (root, match) => fieldOf(root, match),
    "field-note": (root, match) => unique(subjectsOf(root, match).flatMap(notesOf)),
    "field-notes": (root) => {
      const inRow = (el) => up(el, 3).slice(1).some((at) => !at.matches("body, html") && controls(at).length);
      const inRows = all(root, "*").filter((el) => noteLike(el, FIELD_NOTE) && withText(el) && inRow(el));
      const shown = controls(root);
      const tips = floatingTips().filter((tip) => shown.some((c) => near(tip, c)));
      return errorsFirst(innermost(unique([...inRows, ...tips])));
    },
    message: (root, match) => {
      const notes = all(root, "[class], [role]").filter(
        (el) => noteLike(el, NOTE) && withText(el) && !onlyControls(el) && !busy(el)
      );
      if (!match.given) return innermost(notes);
      const anywhere = () => all(root, "[class]").filter((el) => hasWord(el, FIELD_NOTE) && withText(el));
      const over = () => holders(root, match).filter((el) => visible(el) && overlaid(el));
      // A toast and a field's hint may say the same: the person reads one message.
      for (const stage of [() => notes, anywhere, over]) {
        const found = innermost(stage().filter((el) => match(shownText(el))));
        if (found.length) return found;
      }
      return [];
    },
    clickable: (root, match) =>
      unique(
        holders(root, match).filter(visible).map((el) => {
          const same = up(el, 3).filter((at) => squeeze(text(at)) === squeeze(text(el)));
          const control = same.find((at) =>
            at.matches(
              "a, button, summary, [role=button], [role=link], [role=tab], [role=menuitem], [role=option], " +
                "input, [onclick]"
            )
          );
          const pointer = same.filter((at) => getComputedStyle(at).cursor === "pointer");
          return control || pointer[pointer.length - 1] || (hasWord(el, /^(btn|button|link)$/) ? el : null);
        })
      ).filter(Boolean),
    tab: (root, match) => unique(holders(root, match).filter(visible).map(named)).filter((el) => {
      const item = itemOf(el);
      // A row of items one of which is current is a tab bar, unless it is a menu or navigation.
      const row =
        item.parentElement && !inMenu(el) && currentOf([...item.parentElement.children].filter(withText)).length === 1;
      return inTabs(el) || row;
    }),
    "selected-tab": (root) => {
      const marked = all(root, "*").filter((el) => ownRank(el) <= 3 && withText(el) && inTabs(el));
      if (marked.length) return unique(strongest(marked).map((el) => named(itemOf(el))));
      const bars = all(root, "[role=tablist], [class*=tab]").filter(
        (el) => el.matches("[role=tablist]") || hasWord(el, TAB)
      );
      const apart = unique(bars.flatMap((bar) => drawnApart(itemsOf(bar))).map(named));
      if (apart.length) return apart;
      // No word says tab (HRSS's bundled login: 单位登录 / 个人登录 as `div`s, one `current`): the
      // one item marked current in a row of items outside any menu, as the tab kind reads a bar.
      const marks = all(root, "*").filter((el) => ownRank(el) <= 3 && withText(el) && !inMenu(el));
      const rows = unique(marks.map((el) => itemOf(el).parentElement).filter(Boolean));
      return unique(rows.flatMap((row) => {
        const items = [...row.children].filter(withText);
        const current = items.length >= 2 ? currentOf(items) : [];
        return current.length === 1 ? current.map(named) : [];
      }));
    },
    steps: (root) => stepBars(root).flatMap(itemsOf),
    "current-step": (root) => stepBars(root).flatMap((bar) => currentOf(itemsOf(bar))),
    "current-menu-item": (root) => {
      const marked = all(root, "*").filter(
        (el) => withText(el) && !inTabs(el) && inMenu(el) && ownRank(el) <= 2
      );
      return innermost(unique(strongest(marked).map((el) => named(itemOf(el)))));
    },
    checkbox: (root, match) => boxes(root, "checkbox", match),
    "checked-box": (root, match) => boxes(root, "checkbox", match).filter((box) => ticked(box, "checkbox")),
    "checkbox-box": (root, match) => boxes(root, "checkbox", match).map(drawnBox),
    radio: (root, match) => boxes(root, "radio", match),
    "checked-radio": (root, match) => boxes(root, "radio", match).filter((box) => ticked(box, "radio")),
    "radio-box": (root, match) => boxes(root, "radio", match).map(drawnBox),
    choices: () => choicesIn(document).filter(visible),
    "select-box": (root, match) => fieldOf(root, match).slice(0, 1).map(selectBoxOf),
    chosen: (root, match) => fieldOf(root, match).slice(0, 1).flatMap(chosenIn),
    dialog: (root, match) =>
      unique(
        holders(root, match)
          .filter((el) => visible(el) && !el.closest("a, button, [role=button], [role=link]"))
          .map(dialogOf)
          .filter(Boolean)
      ),
    image: (root, match) => {
      const byText = holders(root, match).filter(visible);
      const byPlaceholder = controls(root).filter((c) => c.placeholder && match(c.placeholder));
      return unique([...byText, ...byPlaceholder].map(imageNear).filter(Boolean));
    },
  };
  return {
    queryAll(root, body) {
      const [kind, spec] = JSON.parse(body);
      const match = matcherOf(spec);
      match.given = !!spec;
      return KINDS[kind](root, match);
    },
  };
})()"""

# What a class word or role says a message is, for the engine and the recorder alike.
NOTE_WORDS = "message|messager|msg|toast|notice|notification|notify|alert|snackbar"
# Where a library gives its message text no word of its own (a fallback, not the rule).
LIBRARY_NOTES = ".layui-layer-dialog .layui-layer-content, .el-message-box__message"
ENGINE_SCRIPT = ENGINE_SCRIPT.replace("__NOTE_WORDS__", NOTE_WORDS).replace("__LIBRARY_NOTES__", LIBRARY_NOTES)

# The messages a document has shown, in the order they showed (`told` reads them). A toast goes
# after a few seconds (layer.msg 3 s, Element's $message 3 s by default) and a busy machine may
# come to read the page later than that; a person who looked at the screen read it all the same.
# Every context of the suite runs this before the page's own scripts (the root conftest's
# `new_context`): what is added, re-classed or re-worded inside a message-like element is read,
# once it is laid out and visible, a few times until it shows or is gone.
MESSAGE_LOG_SCRIPT = r"""(() => {
  if (window.__shownMessages) return;
  const log = [];
  Object.defineProperty(window, "__shownMessages", { value: log });
  const NOTE = /^(__NOTE_WORDS__)$/;
  const MARKED = "[role=alert], [role=status], __LIBRARY_NOTES__";
  const noteLike = (el) =>
    el.matches(MARKED) ||
    (typeof el.className === "string" && el.className.toLowerCase().split(/[\s_-]+/).some((w) => NOTE.test(w)));
  const pending = new Map();  // element -> when it was last changed
  let queued = false;
  const read = () => {
    queued = false;
    const now = Date.now();
    for (const [el, since] of pending) {
      const box = el.isConnected ? el.getBoundingClientRect() : null;
      const shown = box && box.width > 0 && box.height > 0 && getComputedStyle(el).visibility === "visible";
      const said = shown ? (el.innerText || "").trim() : "";
      if (said && !log.includes(said)) log.push(said);
      // Not laid out yet (an entering animation, a style still loading): look again a little later.
      if (said || !el.isConnected || now - since > 3000) pending.delete(el);
    }
    if (pending.size) queue(100);
  };
  const queue = (ms) => {
    if (!queued) { queued = true; setTimeout(read, ms); }
  };
  const consider = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    if (!el) return;
    const now = Date.now();
    for (let at = el; at; at = at.parentElement) if (noteLike(at)) pending.set(at, now);
    if (node.nodeType === 1) {
      for (const inner of el.querySelectorAll("[class], [role]")) if (noteLike(inner)) pending.set(inner, now);
    }
  };
  new MutationObserver((records) => {
    for (const record of records) {
      consider(record.target);
      for (const added of record.addedNodes) consider(added);
    }
    // Read at once: a check may remove or replace a message before any timer of the page runs.
    if (pending.size) read();
  }).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ["class", "style", "hidden"],
  });
})()""".replace("__NOTE_WORDS__", NOTE_WORDS).replace("__LIBRARY_NOTES__", LIBRARY_NOTES)


def register_selector_engine(playwright: Playwright) -> None:
    """Teaches Playwright the `seen=` selectors the helpers use; once per Playwright
    instance (the suite's and the tests' session fixture `selector_engine` calls it)."""
    try:
        playwright.selectors.register(ENGINE, ENGINE_SCRIPT, content_script=True)
    except Error as error:
        if "already registered" not in str(error):
            raise


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


def _matcher(text: Text | None, how: str = "exact") -> dict[str, str] | None:
    """A text read `how` (exact, label, contains) or a pattern searched, as the scripts read it."""
    if isinstance(text, re.Pattern):
        return {"re": text.pattern, "f": "i" if text.flags & re.IGNORECASE else ""}
    return None if text is None else {"t": text, "m": how}


def _seen(scope: Scope, kind: str, text: Text | None = None, how: str = "exact") -> Locator:
    """The engine's `kind` of element in `scope`, for a text read `how` (exact, label,
    contains) or a pattern searched in it."""
    return scope.locator(f"{ENGINE}={json.dumps([kind, _matcher(text, how)], ensure_ascii=False)}")


# ---------------------------------------------------------------- fields


def field(scope: Scope, label: str) -> Locator:
    """The visible control a person fills for `label`: bound by a label or aria-label; else
    the nearest control after the row's label text; else the one whose placeholder reads it
    (「账号」, 「请输入账号」); else the one just after (or below) that text."""
    return _seen(scope, "field", label, "label").filter(visible=True)


def field_message(scope: Scope, label: str) -> Locator:
    """The hint or error shown for the field `label`: in its row (Element's error, Ant's
    explain, layui's aux text, Bootstrap's feedback, an alert), named by aria-describedby,
    or a tip floating beside it."""
    return _seen(scope, "field-note", label, "label").filter(visible=True)


def field_messages(scope: Scope) -> Locator:
    """Every hint or error shown in a form's rows: whether a submitted form was refused."""
    return _seen(scope, "field-notes").filter(visible=True)


# ---------------------------------------------------------------- buttons, links, tabs, images


def clickable(scope: Scope, text: str) -> Locator:
    """What a person clicks by its text, whatever its tag: a button or link (with or
    without href), a tab or menu item, a `div`/`span`/`li` drawn as clickable (pointer)."""
    name = exact_text(text)
    by_role = (
        scope.get_by_role("button", name=name)
        .or_(scope.get_by_role("link", name=name))
        .or_(scope.get_by_role("tab", name=name))
        .or_(scope.get_by_role("menuitem", name=name))
    )
    return by_role.or_(_seen(scope, "clickable", text)).filter(visible=True)


def tab(scope: Scope, name: str) -> Locator:
    """A tab by its name, whatever its tag: role=tab, or an item of a tab bar (a bar whose
    classes say tab, or a row of items one of which is marked current)."""
    return scope.get_by_role("tab", name=exact_text(name)).or_(_seen(scope, "tab", name)).filter(visible=True)


def selected_tab(scope: Scope) -> Locator:
    """The tab the page shows as selected: aria-selected, else a class token meaning
    active / selected / current / this, else the one tab drawn differently."""
    return _seen(scope, "selected-tab").filter(visible=True)


def current_menu_item(scope: Scope) -> Locator:
    """The menu or navigation item the page marks as the current one (aria-current, or a
    class token meaning active / selected / current / this)."""
    return _seen(scope, "current-menu-item").filter(visible=True)


def title(scope: Scope, text: str) -> Locator:
    """A page's or a part's title as a person reads it: a heading that says `text`, else the
    visible text that reads it outside links and buttons (a banner, an app's header bar; not the
    logo link that may say the same)."""
    shown = scope.get_by_text(exact_text(text)).and_(scope.locator(":not(a, a *, button, button *)"))
    return scope.get_by_role("heading", name=text, exact=True).or_(shown).filter(visible=True)


def image(scope: Scope, name: str) -> Locator:
    """An image by its name: alt, title or aria-label; else the image beside a text that
    reads it (a QR code's caption) or beside an input whose placeholder does (a captcha)."""
    named = (
        scope.get_by_role("img", name=name)
        .or_(scope.get_by_alt_text(name))
        .or_(scope.locator("img").and_(scope.get_by_title(name)))
    )
    return named.or_(_seen(scope, "image", name, "contains")).filter(visible=True)


def follow_new_tab(locator: Locator) -> Page:
    """Clicks a link that opens a new tab and returns that tab once its page has loaded."""
    with locator.page.context.expect_page() as opened:
        locator.click()
    page = opened.value
    page.wait_for_load_state()
    return page


# ---------------------------------------------------------------- checkboxes, radios, dropdowns


def checkbox(scope: Scope, text: str) -> Locator:
    """The checkbox whose text reads `text`, as a person sees it, ticked or not: a native
    box, or the box a library draws over a hidden input."""
    return _seen(scope, "checkbox", text, "contains").filter(visible=True)


def checked_box(scope: Scope, text: str) -> Locator:
    """The checkbox `text`, only while it is ticked (checked, aria-checked, or a class
    token the library uses for it: is-checked, layui-form-checked …)."""
    return _seen(scope, "checked-box", text, "contains")


# Resolves once the parts of the page that hold an element have stopped moving (a tab pane
# sliding in, a dialog opening); endless animations (a spinner) are not waited for.
SETTLE_SCRIPT = """el => {
  const moving = [];
  for (let at = el; at; at = at.parentElement) moving.push(...at.getAnimations());
  const ends = moving.filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity);
  return Promise.all(ends.map((a) => a.finished.catch(() => null))).then(() => true);
}"""


def click_when_still(locator: Locator) -> None:
    """Clicks `locator` once it and what holds it have stopped moving, as a person waits for a
    form to slide in: a click whose target moves between press and release lands on neither
    place, so a box is focused but not ticked (View Design's animated tabs, under load)."""
    locator.evaluate(SETTLE_SCRIPT)
    locator.click()


def tick(scope: Scope, text: str) -> None:
    """Ticks the checkbox `text` by clicking the box a person sees (not the label, whose
    text may hold links), then confirms that it is ticked."""
    ticked = checked_box(scope, text)
    if ticked.count():
        return
    click_when_still(_seen(scope, "checkbox-box", text, "contains").filter(visible=True))
    expect(ticked).to_have_count(1)


def choose_radio(scope: Scope, text: str) -> None:
    """Picks the radio button `text`, however it is drawn, and confirms the choice."""
    click_when_still(_seen(scope, "radio-box", text, "contains").filter(visible=True).first)
    expect(_seen(scope, "checked-radio", text, "contains")).to_have_count(1)


def _choices(scope: Scope) -> Locator:
    # Libraries move an open dropdown to <body>; only one is open at a time.
    return _seen(_page_of(scope), "choices").filter(visible=True)


def open_choices(scope: Scope, label: str) -> Locator:
    """The choices of the dropdown labelled `label`, as a person sees them: a native
    select's options; a drawn dropdown is opened first (its box, else its arrow)."""
    control = field(scope, label)
    if control.evaluate("control => control.tagName") == "SELECT":
        return control.locator("option")
    choices = _choices(scope)
    if choices.count():
        return choices
    box = _seen(scope, "select-box", label, "label")
    box.click()
    try:
        choices.first.wait_for(timeout=2_000)
    except PlaywrightTimeoutError:
        # An editable combo box (EasyUI) opens from its arrow, not from its text.
        box.locator("[class*=arrow], [class*=caret], [class*=suffix]").filter(visible=True).first.click()
    return choices


def chosen_option(scope: Scope, label: str) -> Locator:
    """What the dropdown labelled `label` shows as chosen: a native select's option, the
    chosen text a drawn dropdown shows (or the option it marks as chosen); where a library
    shows the choice only as its input's value (Element, EasyUI), that input."""
    return _seen(scope, "chosen", label, "label")


def choose(scope: Scope, label: str, option: str) -> None:
    """Picks `option` in the dropdown labelled `label` and confirms the choice is shown."""
    control = field(scope, label)
    if control.evaluate("control => control.tagName") == "SELECT":
        control.select_option(label=option)
        return
    open_choices(scope, label).filter(has_text=exact_text(option)).click()
    chosen = chosen_option(scope, label)
    # Choosing the empty first option (「请选择」) shows it as the placeholder (layui) or as the
    # choice (Element): either way the person sees 「请选择」.
    shown: Text = exact_text(option)
    if option == control.get_attribute("placeholder"):
        shown = re.compile(rf"^\s*({_escaped(option)})?\s*$")
    if chosen.evaluate("chosen => chosen.tagName") == "INPUT":
        expect(chosen).to_have_value(shown)
    else:
        expect(chosen).to_have_text(shown)


# ---------------------------------------------------------------- messages and dialogs


def message(scope: Scope, text: Text | None = None) -> Locator:
    """A message the page shows: an alert or status, a toast or notification (with or
    without a role); with `text`, also a field's hint or a dialog's text that reads it
    (a str is the whole text, a pattern is searched), while it shows."""
    return _seen(scope, "message", text).filter(visible=True)


def told(scope: Scope, text: Text, timeout: float | None = None) -> None:
    """Asserts that the page says `text` in a message: one that shows now or within the
    expect timeout (or `timeout` ms), or a toast that has shown on this document and gone
    already (as `MESSAGE_LOG_SCRIPT` recorded it; a str is the whole text, a pattern is searched).
    The record is the page's, whatever `scope`, and lasts as long as the document: a message
    an earlier step raised on the same document counts too."""
    page = _page_of(scope)
    if _was_shown(page, text):
        return
    try:
        expect(message(scope, text).first).to_be_visible(timeout=timeout)
    except AssertionError:
        if not _was_shown(page, text):
            raise


def _was_shown(page: Page, text: Text) -> bool:
    spec = _matcher(text)
    for frame in page.frames:
        try:
            if frame.evaluate(
                """(spec) => (window.__shownMessages || []).some((said) => spec.re !== undefined
                    ? new RegExp(spec.re, spec.f).test(said.replace(/\\s+/g, " "))
                    : said.replace(/\\s+/g, "") === spec.t.replace(/\\s+/g, ""))""",
                spec,
            ):
                return True
        except Error:  # a frame that went away while being read has nothing to say
            continue
    return False


def dialog(scope: Scope, title: Text) -> Locator:
    """A visible box overlaying the page whose title bar reads `title` (role dialog named
    by it, or a fixed / absolute / dialog-classed box with the title at its top)."""
    name = exact_text(title) if isinstance(title, str) else title
    by_role = scope.get_by_role("dialog", name=name).or_(scope.get_by_role("alertdialog", name=name))
    return by_role.or_(_seen(scope, "dialog", title)).filter(visible=True)


def block(scope: Scope, title: str) -> Locator:
    """A part of the page by its title: a region or table named by it, or the element whose
    first child reads it (a section's heading, a layui card's header, a table's caption)."""
    name = exact_text(title)
    quote = "'" if "'" not in title else '"'
    # More than one child: the part itself, not the header that only wraps the title.
    # A list is not titled by its first item.
    titled = scope.locator(
        f"xpath=.//*[*[1][not(self::li or self::option)][normalize-space(.)={quote}{title}{quote}] and count(*) > 1]"
    )
    return scope.get_by_role("region", name=name).or_(scope.get_by_role("table", name=name)).or_(titled)


def progress_steps(scope: Scope) -> Locator:
    """The steps of a wizard's progress bar, in order: the items of a bar whose classes say
    steps / timeline, of an `ol` named by aria-label, or of a row of numbered items."""
    return _seen(scope, "steps").filter(visible=True)


def current_step(scope: Scope) -> Locator:
    """The step the progress bar shows as current: aria-current, else a class token meaning
    current / active / process (finished steps only when all are), else the one drawn
    differently."""
    return _seen(scope, "current-step").filter(visible=True)


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
            raise KeyError(f"环境没有配置页面路径「{name}」（harness/target/environments.toml 的 [<环境>.paths]）")
        return paths[name]

    @property
    def url(self) -> str:
        """The page's absolute address on its portal."""
        return f"{self.base_url}{self.path}"

    def open(self) -> None:
        """Navigates straight to the page."""
        self.page.goto(self.url)

    def told(self, text: Text) -> None:
        """Asserts that the page says `text` in a message, shown now or a toast already gone."""
        told(self.page, text)


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
    (`tests/pages/test_page_members.py` checks it on real pages). Read from the source, so that a
    profile's overrides are checked before any browser starts."""
    names: dict[str, None] = {}
    for klass in reversed(cls.__mro__ if inherited else (cls,)):
        if not issubclass(klass, PortalPage) or klass is PortalPage or "__init__" not in vars(klass):
            continue
        tree = ast.parse(textwrap.dedent(inspect.getsource(klass.__init__)))
        for node in ast.walk(tree):
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                    and not target.attr.startswith("_")
                ):
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
            problems.append(
                f"「{key}」：{class_name} 没有成员 {member}（有：{'、'.join(members_of(classes[class_name]))}）"
            )
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


# ---------------------------------------------------------------- by place, where nothing names it
# A few things a page may show with nothing that names them: the second and third drop-down of one
# row (证件地址: 省, 市, 区), a message in a row whose field has no label of its own (a picture, a
# drawn box), the titles of the parts of a block. They are read by their place after a text.

# What a form control is, for telling one field's row from a form.
CONTROLS = "input[not(@type='hidden')] | .//select | .//textarea | .//img"


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


def titled_parts(scope: Locator) -> Locator:
    """The titles of the parts inside `scope` (each part's first child, a text of its own)."""
    return scope.locator("xpath=.//*[count(*) > 1]/*[1][not(*)][normalize-space(.) != '']")


# ---------------------------------------------------------------- following links and answers


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
    except Error:
        # The page went elsewhere before its answer could be read: it left.
        return True
    return isinstance(body, dict) and bool(body.get("redirect"))

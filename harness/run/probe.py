"""Page probe: which page-object members a target's pages show, and what resembles the missing."""

#     python -m harness.cli.probe [--env NAME] [--mock-ui classic|spa|lookalike] [--environments FILE] [-- PYTEST ARGS]
#     make probe-pages ENV=staging
#
# The first thing to run on a new staging. It prints, per page object and member (each Locator
# attribute): found (how many visible), or not found with the elements that resemble what the
# member looks for (tag, classes, text; elements whose text, placeholder, title or alt holds a
# cue of the member's selector, such as 「账号」 or 「个人登录」), then a summary line; the exit
# code is non-zero when any member is not found. A profile's `[<env>.locators]` overrides are
# what it then needs (docs/预发布环境.md).
#
# How the pages are reached: the probe runs the scenarios and records members while they run. A
# member counts as found when it is visible before or after any step of any scenario (before: once
# the step's page objects are built, so a step that fills and sends a form still shows it). A
# member belongs to the class that assigns it: an inherited member found through any subclass is
# found. This way
# the probe needs no navigation of its own: pages behind a login are reached through the
# scenarios' preconditions (the mock's control API; on staging, the account pool), and members
# shown only after an action (a tab, the 账号密码 method, a dialog) are looked for once a
# scenario has taken that action, through the same page-object methods. The alternative, page
# objects declaring their views for the probe, would be a second description of how each view is
# brought up, kept in step with the steps by hand. What the probe cannot see is a member no
# scenario ever shows: it reports that as not found too ("no scenario showed this page"), which
# on the mock means a member the suite does not use.
#
# Read-only: on any target but the bundled mock it runs only the scenarios not marked
# `@destructive` (those create or change accounts); on the mock, whose state lives only as long
# as the run, it runs them all. Pages only destructive scenarios show are then reported as not
# reached. Candidates are gathered while the page object's page is showing (some member of it
# is visible), from the last such step.
#
# The pytest hooks (harness/run/plugin.py, active with `--probe-record DIR`) are told of every page
# object built (`harness.target.portals.PageTable.watch`, wired in harness/target/plugin.py) and writes what it saw
# to DIR, one file per session (pytest-xdist workers each write their own); the command merges
# them and prints the report.

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator

REPO = Path(__file__).resolve().parents[2]
RECORD_DIR = REPO / "reports" / "probe"
RECORD_KEY = pytest.StashKey["Recorder"]()
MAX_CANDIDATES = 5

# A cue is a run of Chinese text in a member's selector: what a person reads on the page.
CUE = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff（）()/·]*[\u3400-\u9fff]")
SELECTOR_OF = re.compile(r"selector='(.*)'>$", re.S)

# Visible or hidden elements whose own text or naming attributes hold one of the cues; the
# element that holds the text itself, not its ancestors. A short cue (「登录」) is in many texts:
# the visible ones first, those that read it exactly before those that contain it.
FIND_CANDIDATES = """([cues, limit]) => {
  const shown = el => {
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    if (['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'].includes(el.tagName)) continue;
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join(' ')
      .replace(/\\s+/g, ' ').trim();
    const named = ['placeholder', 'title', 'alt', 'aria-label'].map(a => el.getAttribute(a) || '').join(' ');
    if (!cues.some(cue => own.includes(cue) || named.includes(cue))) continue;
    found.push({
      tag: el.tagName.toLowerCase(),
      classes: typeof el.className === 'string' ? el.className.trim().replace(/\\s+/g, ' ') : '',
      text: own.slice(0, 40),
      placeholder: el.getAttribute('placeholder') || '',
      title: el.getAttribute('title') || el.getAttribute('alt') || el.getAttribute('aria-label') || '',
      role: el.getAttribute('role') || '',
      visible: shown(el),
      exact: cues.some(cue => own === cue || named.trim() === cue),
    });
  }
  // What a person sees first, then what reads the cue exactly, then the shortest text.
  found.sort((a, b) => (b.visible - a.visible) || (b.exact - a.exact) || (a.text.length - b.text.length));
  return found.slice(0, limit).map(({exact, ...element}) => element);
}"""


# The chosen item of a closed dropdown is hidden, and a person reads it all the same: a native
# select shows its chosen option, a drawn one (layui, Element) its chosen item's text in its box.
CHOSEN_AND_SHOWN = """elements => elements.filter(element => {
  const shown = el => { const box = el.getBoundingClientRect(); return box.width > 0 && box.height > 0; };
  const select = element.closest('select');
  if (select) return shown(select);
  const text = (element.textContent || '').trim();
  for (let box = element.parentElement, depth = 0; text && box && depth < 4; box = box.parentElement, depth++) {
    const inputs = Array.from(box.querySelectorAll('input'));
    if (inputs.some(input => input.value.trim() === text && shown(input))) return true;
  }
  return false;
}).length"""


def shown_count(locator: Locator) -> int:
    """How many of the member's elements a person sees now."""
    count = locator.filter(visible=True).count()
    if count == 0 and locator.count():
        count = locator.evaluate_all(CHOSEN_AND_SHOWN)
    return count


def cues_of(locator: Locator) -> list[str]:
    """The Chinese texts a member's selector looks for (its name, label, placeholder or text)."""
    match = SELECTOR_OF.search(repr(locator))
    selector = match.group(1) if match else ""
    return list(dict.fromkeys(CUE.findall(selector)))


@dataclass
class Recorder:
    """What one pytest session saw of the page objects its scenarios built."""

    catalogue: dict[str, list[str]] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    candidates: dict[str, dict[str, Any]] = field(default_factory=dict)
    reached: set[str] = field(default_factory=set)
    live: list[Any] = field(default_factory=list)
    declared: bool = False

    def built(self, page_object: Any) -> None:
        """A page object was built (PageTable.watch): look at it after each step from now on."""
        self.live.append(page_object)

    def look(self) -> None:
        """Records the members each live page object's page shows now."""
        for page_object in self.live:
            try:
                if not page_object.page.is_closed():
                    self._look_at(page_object)
            except PlaywrightError:
                continue  # the page was being replaced: the next step looks again

    def _look_at(self, page_object: Any) -> None:
        members = {
            self._key(page_object, member): value
            for member, value in vars(page_object).items()
            if isinstance(value, Locator) and not member.startswith("_")
        }
        for key in members:
            name, member = key.split(".", 1)
            self.catalogue[name] = list(dict.fromkeys([*self.catalogue.get(name, []), member]))
        missing = {key: value for key, value in members.items() if key not in self.found}
        showing = False
        for key, locator in missing.items():
            count = shown_count(locator)
            if count:
                self.found[key] = count
                showing = True
        showing = showing or any(shown_count(members[key]) for key in members if key not in missing)
        if not showing:
            return
        self.reached |= {key.split(".", 1)[0] for key in members}
        for key, locator in missing.items():
            if key not in self.found:
                self.candidates[key] = {
                    "url": page_object.page.url,
                    "cues": cues_of(locator),
                    "elements": self._resembling(locator),
                }

    def _key(self, page_object: Any, member: str) -> str:
        # A member is the class's that assigns it (declared by conftest.py): an inherited member
        # found through any subclass is found.
        for cls in type(page_object).__mro__:
            if member in self.catalogue.get(cls.__name__, ()) and self.declared:
                return f"{cls.__name__}.{member}"
        return f"{type(page_object).__name__}.{member}"

    @staticmethod
    def _resembling(locator: Locator) -> list[dict[str, Any]]:
        cues = cues_of(locator)
        return locator.page.evaluate(FIND_CANDIDATES, [cues, MAX_CANDIDATES]) if cues else []

    def forget_pages(self) -> None:
        """The scenario ended: its page objects go with its browser context."""
        self.live.clear()

    def as_json(self) -> dict[str, Any]:
        """What the session saw, for the command to merge."""
        return {
            "catalogue": self.catalogue,
            "found": self.found,
            "candidates": self.candidates,
            "reached": sorted(self.reached),
        }


# ---------------------------------------------------------------- pytest plugin


def recorder(config: pytest.Config) -> Recorder | None:
    """The session's recorder when the probe runs, else None."""
    if not config.getoption("--probe-record", default=None):
        return None
    if RECORD_KEY not in config.stash:
        config.stash[RECORD_KEY] = Recorder()
    return config.stash[RECORD_KEY]


def declare(config: pytest.Config, catalogue: Mapping[str, list[str]]) -> None:
    """Every page object class and its members (from conftest.py, which may import pages): so
    that a page no scenario showed is reported too."""
    record = recorder(config)
    if record is not None:
        record.catalogue.update({name: list(members) for name, members in catalogue.items()})
        record.declared = True


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class Outcome:
    """The merged record of every session of a probe run."""

    catalogue: dict[str, list[str]]
    found: dict[str, int]
    candidates: dict[str, dict[str, Any]]
    reached: set[str]

    @property
    def total(self) -> int:
        """How many members the page objects have."""
        return sum(len(members) for members in self.catalogue.values())

    @property
    def missing(self) -> list[str]:
        """`Class.member` of every member not found."""
        return [
            f"{name}.{member}"
            for name, members in self.catalogue.items()
            for member in members
            if f"{name}.{member}" not in self.found
        ]


def merge(folder: Path) -> Outcome:
    """The records of all sessions in `folder` as one."""
    catalogue: dict[str, list[str]] = {}
    found: dict[str, int] = {}
    candidates: dict[str, dict[str, Any]] = {}
    reached: set[str] = set()
    for path in sorted(folder.glob("probe-*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        for name, members in record["catalogue"].items():
            catalogue[name] = list(dict.fromkeys([*catalogue.get(name, []), *members]))
        for key, count in record["found"].items():
            found[key] = max(count, found.get(key, 0))
        candidates.update(record["candidates"])
        reached |= set(record["reached"])
    return Outcome(dict(sorted(catalogue.items())), found, candidates, reached)


def describe(element: Mapping[str, Any]) -> str:
    """An element as a QA engineer writes a selector for it: <tag class="…" role="…"> 「text」."""
    shown = {
        "class": element.get("classes"),
        "role": element.get("role"),
        "placeholder": element.get("placeholder"),
        "title": element.get("title"),
    }
    attributes = "".join(f' {name}="{value}"' for name, value in shown.items() if value)
    text = f" 「{element['text']}」" if element.get("text") else ""
    hidden = "" if element.get("visible") else "（隐藏）"
    return f"<{element['tag']}{attributes}>{text}{hidden}"


def report_lines(outcome: Outcome) -> list[str]:
    """The printed report: each page object, each member, then the summary line."""
    lines = []
    for name, members in outcome.catalogue.items():
        if not members:
            continue  # a class that only adds behaviour to its base's members
        lines.append(f"{name}{'' if name in outcome.reached else '（运行的场景没有显示过此页面）'}")
        width = max((len(member) for member in members), default=0)
        for member in members:
            key = f"{name}.{member}"
            if key in outcome.found:
                lines.append(f"  ✓ {member:<{width}}  找到（{outcome.found[key]} 个可见）")
                continue
            seen = outcome.candidates.get(key)
            if seen is None:
                lines.append(f"  ✗ {member:<{width}}  未找到（没有场景显示它的页面）")
                continue
            cues = "、".join(f"「{cue}」" for cue in seen["cues"]) or "（选择器中没有可读的文字）"
            lines.append(f"  ✗ {member:<{width}}  未找到；页面 {seen['url']}，线索 {cues}，相近的元素：")
            lines += [f"      {describe(element)}" for element in seen["elements"]] or [
                "      （页面上没有含这些文字的元素）"
            ]
    found = outcome.total - len(outcome.missing)
    lines.append(f"页面对象成员：找到 {found} / {outcome.total}，未找到 {len(outcome.missing)}")
    return lines


def probe_command(
    env: str | None, ui: str, environments: str | None, folder: Path, read_only: bool, extra: list[str]
) -> list[str]:
    """The pytest run whose scenarios the probe watches."""
    command = [sys.executable, "-m", "pytest", "features", f"--probe-record={folder}", f"--mock-ui={ui}", "-q"]
    if env:
        command.append(f"--env={env}")
    if environments:
        command.append(f"--environments={environments}")
    if read_only:
        command += ["-m", "not destructive"]
    return [*command, *extra]


def main(argv: list[str] | None = None) -> int:
    """Command line: runs the scenarios with the recorder, prints the report; 1 when a member
    is not found, pytest's code when the run could not start."""
    parser = argparse.ArgumentParser(
        prog="python -m harness.cli.probe", description="页面探测：逐个页面对象成员报告找到与否（只读）"
    )
    parser.add_argument("--env", default=os.environ.get("HARNESS_ENV"), help="目标环境（默认 mock）")
    parser.add_argument(
        "--mock-ui", default=os.environ.get("MOCK_UI", "classic"), choices=("classic", "spa", "lookalike")
    )
    parser.add_argument(
        "--environments", default=None, metavar="FILE", help="自己的环境配置文件（同 pytest --environments）"
    )
    parser.add_argument("--out", type=Path, default=RECORD_DIR, help="记录目录（先清空）")
    parser.add_argument(
        "pytest_args", nargs=argparse.REMAINDER, help="-- 之后的参数交给 pytest（如 -n 2、--feature-path A1）"
    )
    args = parser.parse_args(argv)
    extra = args.pytest_args[1:] if args.pytest_args[:1] == ["--"] else args.pytest_args
    folder = args.out.resolve()
    for stale in folder.glob("probe-*.json"):
        stale.unlink()
    read_only = (args.env or "mock") != "mock"
    environ = {**os.environ, "A11Y": os.environ.get("A11Y", "off")}  # the audit is not what the probe is for
    status = subprocess.call(
        probe_command(args.env, args.mock_ui, args.environments, folder, read_only, extra), cwd=REPO, env=environ
    )
    if status not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) or not any(folder.glob("probe-*.json")):
        # Stopped before the scenarios ran (a usage error, a failed preflight, nothing selected):
        # pytest has said why; a table of members "not found" would only hide it.
        print(f"页面探测没有完成：pytest 退出码 {status}", file=sys.stderr)
        return status or 2
    outcome = merge(folder)
    where = f"环境 {args.env or 'mock'}（界面 {args.mock_ui}）" + ("，只运行非破坏性场景" if read_only else "")
    print(f"\n== 页面探测：{where}")
    print("\n".join(report_lines(outcome)))
    return 1 if outcome.missing else 0

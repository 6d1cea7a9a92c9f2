"""The guide-step catalogue (`harness/guide/catalog.toml`) as Python objects."""

# The catalogue is the one list of requirement IDs (A1.1 … C2) with the guide's headings, its
# captions and, for steps that show a page, which scenario provides the step's screenshot. The
# traceability table, the regenerated guide and the sign-off file all read it; adding a scenario
# for a step is a change to the catalogue's data, never to code.

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

CATALOG_FILE = Path(__file__).with_name("catalog.toml")

GUIDE_ID = re.compile(r"^[A-C][0-9](\.[0-9]+)?$")
TARGET_KINDS = ("role", "label", "text", "pattern", "placeholder", "testid", "css")
LAST_STEP = "last"
# Gherkin step keywords of `# language: zh-CN`; a catalogue may quote a step with its keyword.
STEP_KEYWORDS = re.compile(r"^(假如|假设|假定|当|那么|而且|并且|同时|但是)\s*")

# Where the generated reports sit inside reports/, for links between them.
REPORT_FILES = {
    "allure": "allure-report/index.html",
    "guide": "guide/index.html",
    "signoff": "signoff.html",
    "traceability": "traceability.html",
}


class CatalogError(ValueError):
    """The catalogue file is malformed; the message names the entry and the problem."""


@dataclass(frozen=True)
class Target:
    """An element on a page, described the way page objects find elements."""

    kind: str
    value: str
    name: str | None = None
    exact: bool = False

    def locate(self, page: Page) -> Locator:
        """The Playwright locator for this target (may match no, one or several elements)."""
        if self.kind == "role":
            return page.get_by_role(self.value, name=self.name, exact=self.exact)  # type: ignore[arg-type]
        if self.kind == "label":
            return page.get_by_label(self.value, exact=self.exact)
        if self.kind == "text":
            return page.get_by_text(self.value, exact=self.exact)
        if self.kind == "pattern":
            return page.get_by_text(re.compile(self.value))
        if self.kind == "placeholder":
            return page.get_by_placeholder(self.value, exact=self.exact)
        if self.kind == "testid":
            return page.get_by_test_id(self.value)
        return page.locator(self.value)

    def describe(self) -> str:
        """A short human-readable form, for notes in the reports."""
        if self.kind == "role":
            return f"{self.value}「{self.name}」" if self.name else self.value
        return f"{self.kind}「{self.value}」"


@dataclass(frozen=True)
class ShotSpec:
    """Which scenario step provides a guide step's screenshot, and how it is dressed."""

    scenario: str
    moment: Literal["after", "before"]
    step: str
    feature: str | None = None
    outline: tuple[Target, ...] = ()
    mask: tuple[Target, ...] = ()
    full_page: bool | None = None
    # Of a scenario outline: the example row that gives the shot (1 = the first row of its table).
    # Only that row shoots, so the picture does not depend on which row a worker ran first.
    example: int = 1

    def describe(self) -> str:
        """「scenario」 之后/之前 「step」, for the reports."""
        where = "最后一步" if self.step == LAST_STEP else f"「{self.step}」"
        row = f"（例子第 {self.example} 行）" if self.example != 1 else ""
        return f"场景「{self.scenario}」{row}{where}{'之前' if self.moment == 'before' else '之后'}"


@dataclass(frozen=True)
class GuideStep:
    """One step of the guide: a requirement with its ID."""

    id: str
    title: str
    heading: str
    caption: str
    part_key: str
    section_key: str
    page: bool = True
    shot: ShotSpec | None = None

    @property
    def marker(self) -> str:
        """The pytest marker / Gherkin tag (without @) that names this step."""
        return f"guide-{self.id}"


@dataclass(frozen=True)
class Section:
    """（一）… : a section of a part, with its steps in the guide's order."""

    key: str
    heading: str
    steps: tuple[GuideStep, ...]


@dataclass(frozen=True)
class Link:
    """An address the guide prints for the reader (登录地址 …), with its label."""

    text: str
    url: str


@dataclass(frozen=True)
class Part:
    """一、… : a part of the guide."""

    key: str
    heading: str
    intro: str
    sections: tuple[Section, ...]
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class ShotSettings:
    """Capture settings shared by every guide screenshot."""

    width: int = 1280
    height: int = 800
    device_scale_factor: int = 2
    full_page: bool = True
    mask_color: str = "#9E9E9E"
    outline_style: str = "outline: 3px solid #E60012 !important; outline-offset: 2px !important;"
    mask: tuple[Target, ...] = ()
    style: str = ""


@dataclass(frozen=True)
class Catalog:
    """The whole catalogue, in the guide's order."""

    parts: tuple[Part, ...]
    shots: ShotSettings = field(default_factory=ShotSettings)
    title: str = "失业保险稳岗返还注册登录 操作指引（省网厅渠道）"
    intro: str = ""

    @property
    def steps(self) -> list[GuideStep]:
        """Every step, in the guide's order."""
        return [step for part in self.parts for section in part.sections for step in section.steps]

    @property
    def ids(self) -> list[str]:
        """Every guide ID, in the guide's order."""
        return [step.id for step in self.steps]

    def step(self, guide_id: str) -> GuideStep:
        """The step with this ID (KeyError when there is none)."""
        for step in self.steps:
            if step.id == guide_id:
                return step
        raise KeyError(guide_id)

    def order(self, guide_ids: Iterable[str]) -> list[str]:
        """`guide_ids` sorted in the guide's order; unknown IDs last, alphabetically."""
        position = {guide_id: index for index, guide_id in enumerate(self.ids)}
        return sorted(set(guide_ids), key=lambda guide_id: (position.get(guide_id, len(position)), guide_id))


def _check_keys(where: str, table: dict[str, Any], allowed: set[str], required: set[str]) -> None:
    # Unknown keys are refused: a typo ("scenaro") would otherwise silently drop a shot.
    unknown = set(table) - allowed
    if unknown:
        raise CatalogError(f"{where}: 未知的键 {', '.join(sorted(unknown))}（可用：{', '.join(sorted(allowed))}）")
    missing = sorted(key for key in required if not str(table.get(key, "")).strip())
    if missing:
        raise CatalogError(f"{where}: 缺少 {', '.join(missing)}")


def parse_target(where: str, table: Any) -> Target:
    """One target table: exactly one of the TARGET_KINDS, plus `name`/`exact` where they apply."""
    if not isinstance(table, dict):
        raise CatalogError(f'{where}: 目标应为表，如 {{ role = "link", name = "立即注册" }}')
    _check_keys(where, table, {*TARGET_KINDS, "name", "exact"}, set())
    kinds = [kind for kind in TARGET_KINDS if kind in table]
    if len(kinds) != 1:
        raise CatalogError(f"{where}: 目标须恰有一个 {'/'.join(TARGET_KINDS)}，现为 {kinds or '无'}")
    kind = kinds[0]
    if "name" in table and kind != "role":
        raise CatalogError(f"{where}: name 只用于 role 目标")
    if kind == "pattern":
        try:
            re.compile(table[kind])
        except re.error as error:
            raise CatalogError(f"{where}: 正则表达式无效：{error}") from None
    return Target(kind=kind, value=str(table[kind]), name=table.get("name"), exact=bool(table.get("exact", False)))


def _targets(where: str, value: Any) -> tuple[Target, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(parse_target(f"{where}[{index}]", item) for index, item in enumerate(items))


def parse_shot(where: str, table: dict[str, Any]) -> ShotSpec:
    """A step's `shot` table."""
    _check_keys(
        where,
        table,
        {"scenario", "feature", "example", "after", "before", "outline", "mask", "full_page"},
        {"scenario"},
    )
    if "after" in table and "before" in table:
        raise CatalogError(f"{where}: after 与 before 只能给一个")
    moment: Literal["after", "before"] = "before" if "before" in table else "after"
    step = str(table.get(moment, LAST_STEP)).strip()
    if moment == "before" and step == LAST_STEP:
        raise CatalogError(f"{where}: before 需要步骤文字")
    step = STEP_KEYWORDS.sub("", step)
    full_page = table.get("full_page")
    example = table.get("example", 1)
    if not isinstance(example, int) or isinstance(example, bool) or example < 1:
        raise CatalogError(f"{where}: example 是例子表的行号（从 1 起），不是 {example!r}")
    return ShotSpec(
        scenario=str(table["scenario"]).strip(),
        moment=moment,
        step=step,
        feature=table.get("feature"),
        outline=_targets(f"{where}.outline", table["outline"]) if "outline" in table else (),
        mask=_targets(f"{where}.mask", table["mask"]) if "mask" in table else (),
        full_page=None if full_page is None else bool(full_page),
        example=example,
    )


def parse_settings(table: dict[str, Any]) -> ShotSettings:
    """The `[shots]` table."""
    _check_keys(
        "[shots]",
        table,
        {"viewport", "device_scale_factor", "full_page", "mask_color", "outline_style", "mask", "style"},
        set(),
    )
    defaults = ShotSettings()
    viewport = table.get("viewport", {})
    return ShotSettings(
        width=int(viewport.get("width", defaults.width)),
        height=int(viewport.get("height", defaults.height)),
        device_scale_factor=int(table.get("device_scale_factor", defaults.device_scale_factor)),
        full_page=bool(table.get("full_page", defaults.full_page)),
        mask_color=str(table.get("mask_color", defaults.mask_color)),
        outline_style=str(table.get("outline_style", defaults.outline_style)),
        mask=_targets("[shots].mask", table["mask"]) if "mask" in table else (),
        style=str(table.get("style", "")),
    )


def parse_catalog(data: dict[str, Any]) -> Catalog:
    """Builds and checks a catalogue from the TOML's data; CatalogError names the first problem."""
    _check_keys("目录", data, {"guide", "shots", "part"}, set())
    guide = data.get("guide", {})
    _check_keys("[guide]", guide, {"title", "intro"}, set())
    parts = []
    seen: set[str] = set()
    for part_index, part_table in enumerate(data.get("part", [])):
        part_where = f"part[{part_index}]"
        _check_keys(part_where, part_table, {"key", "heading", "intro", "links", "section"}, {"key", "heading"})
        links = []
        for link_index, link_table in enumerate(part_table.get("links", [])):
            _check_keys(f"{part_where}.links[{link_index}]", link_table, {"text", "url"}, {"text", "url"})
            links.append(Link(text=str(link_table["text"]), url=str(link_table["url"])))
        sections = []
        for section_index, section_table in enumerate(part_table.get("section", [])):
            section_where = f"{part_where}.section[{section_index}]"
            _check_keys(section_where, section_table, {"key", "heading", "step"}, {"key"})
            steps = []
            for step_table in section_table.get("step", []):
                step_where = f"{section_where} 步骤 {step_table.get('id', '?')}"
                _check_keys(
                    step_where,
                    step_table,
                    {"id", "title", "heading", "caption", "page", "shot"},
                    {"id", "title", "heading", "caption"},
                )
                guide_id = str(step_table["id"])
                if not GUIDE_ID.match(guide_id):
                    raise CatalogError(f"{step_where}: 指引编号格式应如 A1.4 或 C2")
                if not guide_id.startswith(part_table["key"]):
                    raise CatalogError(f"{step_where}: 编号不属于部分 {part_table['key']}")
                if guide_id in seen:
                    raise CatalogError(f"{step_where}: 编号重复")
                seen.add(guide_id)
                page = bool(step_table.get("page", True))
                shot = parse_shot(f"{step_where}.shot", step_table["shot"]) if "shot" in step_table else None
                if shot and not page:
                    raise CatalogError(f"{step_where}: page = false 的步骤不能有 shot")
                steps.append(
                    GuideStep(
                        id=guide_id,
                        title=step_table["title"],
                        heading=step_table["heading"],
                        caption=step_table["caption"],
                        part_key=part_table["key"],
                        section_key=section_table["key"],
                        page=page,
                        shot=shot,
                    )
                )
            sections.append(
                Section(key=section_table["key"], heading=section_table.get("heading", ""), steps=tuple(steps))
            )
        parts.append(
            Part(
                key=part_table["key"],
                heading=part_table["heading"],
                intro=part_table.get("intro", ""),
                sections=tuple(sections),
                links=tuple(links),
            )
        )
    if not seen:
        raise CatalogError("目录中没有任何步骤")
    defaults = Catalog(parts=())
    return Catalog(
        parts=tuple(parts),
        shots=parse_settings(data.get("shots", {})),
        title=str(guide.get("title", defaults.title)),
        intro=str(guide.get("intro", "")),
    )


def load_catalog(path: Path = CATALOG_FILE) -> Catalog:
    """Reads and checks the catalogue file."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{path}: {error}") from None
    return parse_catalog(data)


def allure_links(guide_ids: Iterable[str], reports_url: str | None) -> list[pytest.MarkDecorator]:
    """Allure link markers from a scenario's report entry to its guide step's picture, its
    traceability row and its sign-off entry, for reports published at `reports_url` (the web
    address of the reports/ folder). The Allure 3 report shows only http(s) links as links, so
    without such an address (reports opened from file://) there are none; the other reports
    link to the Allure report with relative links instead."""
    if not reports_url:
        return []
    if not re.match(r"^https?://", reports_url):
        raise ValueError(f"报告地址须以 http:// 或 https:// 开头：{reports_url}")
    base = reports_url.rstrip("/")
    links = []
    for guide_id in guide_ids:
        for key, name in (("guide", "操作指引截图"), ("traceability", "追溯表"), ("signoff", "验收签字")):
            links.append(
                pytest.mark.allure_link(
                    f"{base}/{REPORT_FILES[key]}#{guide_id}", name=f"{name} {guide_id}", link_type="link"
                )
            )
    return links

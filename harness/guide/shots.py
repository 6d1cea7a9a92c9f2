"""One screenshot per guide step, taken while the guide's happy-path scenarios run (`make guide`;
the plugin object is in harness/guide/plugin.py)."""

# Enabled with `--guide-shots DIR`. The catalogue
# (`harness/guide/catalog.toml`) says, for each guide ID, which scenario and which of its steps shows
# the step's page; the plugin keeps only those scenarios, opens the browser at a fixed viewport
# and device scale factor, and after (or before) the named step writes `DIR/<ID>.png`: animations
# and the caret off, the element the step acts on boxed in red, volatile or personal content
# masked. At the end it writes `DIR/shots.json`, the manifest that `python -m harness.cli.guide build`
# turns into the guide's index; a shot the run could not take is recorded there with the reason
# (「缺少截图」), never as a crash.
#
# With pytest-xdist workers (`make guide WORKERS=2`) each worker takes the shots of the
# scenarios it runs and sends what it took and why others are missing to the controller, which
# writes the one manifest; the shots are the same as a serial run's, since each comes from one
# scenario with the same data seed.

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from pytest_bdd.scenario import scenario_wrapper_template_registry

from harness.guide.catalog import LAST_STEP, STEP_KEYWORDS, GuideStep, ShotSettings, ShotSpec

MANIFEST = "shots.json"
OUTLINE_ATTRIBUTE = "data-guide-outline"
# Captures of one shot at most, until two in a row are identical.
STABLE_CAPTURES = 4


def scenario_matches(spec: ShotSpec, scenario_name: str, feature_path: str) -> bool:
    """Whether a scenario (its name as written in the .feature file, and the file's path) is
    the one a shot is taken from."""
    return spec.scenario == scenario_name and (not spec.feature or spec.feature in feature_path)


def step_matches(spec: ShotSpec, moment: str, step_names: Iterable[str], is_last: bool) -> bool:
    """Whether the shot is due at this moment ("before"/"after") of a step, given the step's
    text (rendered and as written) and whether it is the scenario's last step."""
    if spec.moment != moment:
        return False
    if spec.step == LAST_STEP:
        return is_last
    return spec.step in {STEP_KEYWORDS.sub("", name.strip()) for name in step_names}


def example_row(item: pytest.Item | Any) -> int:
    """The example row (from 1) of a scenario outline's test; 1 for a plain scenario."""
    callspec = getattr(item, "callspec", None)
    return (callspec.indices.get("_pytest_bdd_example", 0) if callspec else 0) + 1


def shots_of_test(node: pytest.Item | Any, wanted: Iterable[GuideStep]) -> list[GuideStep]:
    """The guide steps among `wanted` whose shot comes from this test: its scenario and, of an
    outline, the example row the shot names."""
    function = getattr(node, "function", None)
    template = scenario_wrapper_template_registry.get(function) if function else None
    if template is None:
        return []
    row = example_row(node)
    return [
        step
        for step in wanted
        if step.shot
        and scenario_matches(step.shot, template.name, template.feature.rel_filename)
        and step.shot.example == row
    ]


def file_order(item: pytest.Item | Any) -> tuple[str, int, int]:
    """Where a test's scenario is written: feature file, line, and example row of an outline."""
    function = getattr(item, "function", None)
    template = scenario_wrapper_template_registry.get(function) if function else None
    row = example_row(item)
    return (template.feature.rel_filename, template.line_number, row) if template else ("", 0, row)


def due_shots(
    request: pytest.FixtureRequest, scenario: Any, step: Any, moment: str, candidates: Iterable[GuideStep]
) -> list[GuideStep]:
    """The guide steps among `candidates` (of this test's scenario) whose shot is due at this
    moment ("before"/"after") of `step`."""
    candidates = list(candidates)
    if not candidates:
        return []
    index = next((position for position, candidate in enumerate(scenario.steps) if candidate is step), None)
    if index is None:
        return []
    template = scenario_wrapper_template_registry[request.node.function]
    names = [step.name, template.steps[index].name]
    is_last = index == len(scenario.steps) - 1
    # Candidates come from shots_of_test, all with a shot; the test only narrows the type.
    return [
        guide_step
        for guide_step in candidates
        if guide_step.shot is not None and step_matches(guide_step.shot, moment, names, is_last)
    ]


def take_shot(page: Page, spec: ShotSpec, settings: ShotSettings, path: Path) -> list[str]:
    """Writes the page's screenshot to `path`, with the spec's outline and masks; returns notes
    for the reader (e.g. an outline target that is not on the page)."""
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    full_page = settings.full_page if spec.full_page is None else spec.full_page
    if full_page:
        # Where a step left the page scrolled depends on what it clicked; from the top, masks
        # land on their elements and the capture does not depend on it.
        page.evaluate("() => window.scrollTo(0, 0)")
    notes = []
    for target in spec.outline:
        marked = target.locate(page).evaluate_all(
            f"elements => {{ elements.forEach(e => e.setAttribute('{OUTLINE_ATTRIBUTE}', '')); "
            "return elements.length; }"
        )
        if not marked:
            notes.append(f"页面上没有要标出的元素：{target.describe()}")
    try:
        mask = [target.locate(page) for target in (*settings.mask, *spec.mask)]
        # The red box and the layout fixes exist only for the capture; the page is left as it was.
        style = f"[{OUTLINE_ATTRIBUTE}] {{ {settings.outline_style} }}\n{settings.style}"

        def capture() -> bytes:
            return page.screenshot(
                full_page=full_page,
                animations="disabled",
                caret="hide",
                scale="device",
                mask=mask,
                mask_color=settings.mask_color,
                style=style,
            )

        # A page still settling (a navigation a step started, a script's update) gives two
        # different captures in a row; the shot is the first one that repeats.
        previous = None
        for _ in range(STABLE_CAPTURES):
            image = capture()
            if image == previous:
                break
            previous = image
        else:
            notes.append("页面在截图期间一直在变化，这张截图可能每次不同")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(image)
    finally:
        page.evaluate(
            f"() => document.querySelectorAll('[{OUTLINE_ATTRIBUTE}]')"
            f".forEach(e => e.removeAttribute('{OUTLINE_ATTRIBUTE}'))"
        )
    return notes

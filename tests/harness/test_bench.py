"""`make bench`'s comparison of the mock's renditions: each one's median wall beside the first's."""

from __future__ import annotations

import pytest

from harness.run import bench


def _row(ui: str, workers: int, wall: float) -> dict:
    return {"ui": ui, "workers": workers, "wall": wall}


def test_each_rendition_is_priced_against_the_first(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        _row("classic", 1, 100.0),
        _row("spa", 1, 120.0),
        _row("lookalike", 1, 140.0),
        _row("classic", 1, 110.0),
        _row("spa", 1, 118.0),
        _row("lookalike", 1, 130.0),
    ]
    bench.print_rendition_ratios(rows, ["classic", "spa", "lookalike"], [1])
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("classic, 1 worker(s): median wall 105.00 s, 1.00× classic")
    assert lines[1].startswith("spa, 1 worker(s): median wall 119.00 s, 1.13× classic") and "⚠" not in lines[1]
    assert lines[2].startswith("lookalike, 1 worker(s): median wall 135.00 s, 1.29× classic") and "⚠" not in lines[2]


def test_a_rendition_over_budget_is_marked(capsys: pytest.CaptureFixture[str]) -> None:
    bench.print_rendition_ratios(
        [_row("classic", 2, 100.0), _row("lookalike", 2, 131.0)], ["classic", "lookalike"], [2]
    )
    assert capsys.readouterr().out.strip().splitlines()[-1].endswith("⚠")


def test_one_rendition_prints_no_comparison(capsys: pytest.CaptureFixture[str]) -> None:
    bench.print_rendition_ratios([_row("classic", 1, 100.0)], ["classic"], [1])
    assert capsys.readouterr().out == ""

"""Which feature files the suite's one binding module (`features/test_guide.py`) binds.

Without `--feature-path` every file under `features/`; with it only the files whose path
(relative to `features/`) contains one of its texts, so that a focused run parses one or two
files instead of all of them. `conftest.py` records the selection before collection.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

FEATURES_DIR = Path(__file__).resolve().parents[2] / "features"

_wanted: tuple[str, ...] = ()


class NoFeatureFiles(ValueError):
    """A `--feature-path` text that no feature file's path contains."""


def select(wanted: Iterable[str], features_dir: Path = FEATURES_DIR) -> None:
    """Records the `--feature-path` texts of this session (none: every file); a text that
    selects no file is refused, so a typo does not pass for an empty suite."""
    global _wanted
    texts = tuple(wanted)
    relative = [path.relative_to(features_dir).as_posix() for path in features_dir.rglob("*.feature")]
    unmatched = [text for text in texts if not any(text in path for path in relative)]
    if unmatched:
        raise NoFeatureFiles(f"--feature-path {unmatched[0]}：features/ 下没有路径含此文字的 .feature 文件")
    _wanted = texts


def matches(relative_path: str, wanted: Iterable[str]) -> bool:
    """Whether a feature file (its path relative to `features/`) is one of those wanted."""
    return any(text in relative_path for text in wanted)


def feature_paths(features_dir: Path = FEATURES_DIR) -> list[str]:
    """The paths to hand to pytest-bdd's `scenarios`: the folder, or the selected files."""
    if not _wanted:
        return [str(features_dir)]
    files = sorted(features_dir.rglob("*.feature"))
    return [str(path) for path in files if matches(path.relative_to(features_dir).as_posix(), _wanted)]

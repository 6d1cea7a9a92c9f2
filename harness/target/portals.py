"""Where the two portals are, as the steps and page objects see it: their base URLs and the
environment's table of page paths."""

# Page paths: only the paths the guide prints are fixed in the page objects. Every other entry
# point has a name (``"<portal>.<page>"``) looked up in the `[<env>.paths]` table of
# `harness/target/environments.toml`; `[mock.paths]` holds the bundled mock's paths and is the default
# for every profile, so a staging profile lists only the paths that differ. A rendition of the
# mock that serves some pages elsewhere lists those in `[mock.renditions.<ui>.paths]`; they apply
# on the mock and on a profile that serves the mock (`mock_rendition = true`, staging-sim).
#
# Page objects get their environment as a `PageTable`: the paths by name, and the profile's
# locator overrides by page-object member (`[<env>.locators]`, applied by `pages.base.PortalPage`).
# A profile may come from the user's own file (`--environments`, see harness/target/config.py).

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from harness.reporting.allure import PORTALS
from harness.target.config import Target, load_profiles

DEFAULT_PROFILE = "mock"


def page_paths(
    env_name: str = DEFAULT_PROFILE, profiles: Mapping[str, Mapping] | None = None, rendition: str | None = None
) -> Mapping[str, str]:
    """The page paths of an environment: the mock's table, then the mock rendition's own where
    the environment serves the mock, overridden by the profile's own."""
    profiles = load_profiles() if profiles is None else profiles
    mock = profiles.get(DEFAULT_PROFILE, {})
    defaults = dict(mock.get("paths", {}))
    serves_mock = env_name == DEFAULT_PROFILE or profiles.get(env_name, {}).get("mock_rendition", False)
    if rendition and serves_mock:
        defaults.update(mock.get("renditions", {}).get(rendition, {}).get("paths", {}))
    own = profiles.get(env_name, {}).get("paths", {}) if env_name != DEFAULT_PROFILE else {}
    for name, path in {**defaults, **own}.items():
        if not isinstance(path, str) or not path.startswith("/") or path.startswith("//"):
            raise ValueError(
                f"environments.toml [{env_name}.paths] 「{name}」必须是以 / 开头的相对路径，而不是 {path!r}"
            )
    return MappingProxyType({**defaults, **own})


class PageTable(Mapping[str, str]):
    """An environment's page paths by name, and its locator overrides by page-object member
    (``"GdzwfwLoginPage.account"`` → a Playwright selector). `watch`, when given, is told of
    every page object built with the table (the page probe records their members)."""

    def __init__(
        self,
        paths: Mapping[str, str],
        locators: Mapping[str, str] | None = None,
        watch: Callable[[object], None] | None = None,
    ) -> None:
        self._paths = MappingProxyType(dict(paths))
        self.locators: Mapping[str, str] = MappingProxyType(dict(locators or {}))
        self.watch = watch

    def __getitem__(self, name: str) -> str:
        return self._paths[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def built(self, page_object: object) -> None:
        """Called by every page object built with this table."""
        if self.watch is not None:
            self.watch(page_object)


def page_table(
    target: Target, rendition: str | None = None, watch: Callable[[object], None] | None = None
) -> PageTable:
    """What page objects need of the target environment: its page paths and locator overrides."""
    return PageTable(page_paths(target.env_name, target.profiles or None, rendition), target.locators, watch)


@dataclass(frozen=True)
class PortalUrls:
    """Base URLs of GD-IdP (广东政务服务网) and HRSS (广东人社统一认证), and the page paths."""

    gdzwfw: str
    hrss: str
    paths: Mapping[str, str] = field(default_factory=page_paths)

    def portal_name(self, url: str) -> str:
        """Which portal a page URL belongs to, by name, for the report."""
        if url.startswith(self.gdzwfw):
            return PORTALS["gdzwfw"]
        if url.startswith(self.hrss):
            return PORTALS["hrss"]
        return "其他页面"

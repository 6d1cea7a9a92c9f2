"""Where the two portals are, as the steps and page objects see it."""

from __future__ import annotations

from dataclasses import dataclass

from harness.report import PORTALS


@dataclass(frozen=True)
class PortalUrls:
    """Base URLs of GD-IdP (广东政务服务网) and HRSS (广东人社统一认证)."""

    gdzwfw: str
    hrss: str

    def portal_name(self, url: str) -> str:
        """Which portal a page URL belongs to, by name, for the report."""
        if url.startswith(self.gdzwfw):
            return PORTALS["gdzwfw"]
        if url.startswith(self.hrss):
            return PORTALS["hrss"]
        return "其他页面"

"""Keeps secrets out of what a run leaves behind: test reports, logs, attachments, traces.

Pool passwords, ID numbers and SMS codes are typed into real portals; Playwright traces record
typed text and DOM snapshots keep input values, failure messages may quote a field's value.
On targets other than the bundled mock, every value in `SecretRegistry` is replaced by
`MASK` in pytest's reports (what the terminal and CI logs show) and, at the end of the session,
in every file of the report folders, inside zip archives (traces) too.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Iterable

MASK = "******"
# Shorter values (a one-digit captcha answer, say) would mask ordinary text everywhere.
MIN_SECRET_LENGTH = 4


class SecretRegistry:
    """The secrets of one run: the pool's from the start, SMS codes as they are read."""

    def __init__(self, values: Iterable[str] = ()) -> None:
        self._values: set[str] = set()
        for value in values:
            self.add(value)

    def add(self, value: str) -> None:
        """Remembers `value` as a secret (values too short to be told from ordinary text are ignored)."""
        value = str(value).strip()
        if len(value) >= MIN_SECRET_LENGTH:
            self._values.add(value)

    @property
    def values(self) -> list[str]:
        """The secrets, longest first (so that a secret containing another is masked whole)."""
        return sorted(self._values, key=len, reverse=True)

    def mask(self, text: str) -> str:
        """`text` with every secret replaced by `MASK`."""
        for value in self.values:
            text = text.replace(value, MASK)
        return text

    def mask_bytes(self, data: bytes) -> bytes:
        """The same for UTF-8 bytes."""
        for value in self.values:
            data = data.replace(value.encode(), MASK.encode())
        return data

    def __bool__(self) -> bool:
        return bool(self._values)


def _masked_blob(data: bytes, registry: SecretRegistry) -> bytes:
    if data[:4] == b"PK\x03\x04":
        return _masked_zip(data, registry)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data  # an image or other binary: typed text is not stored as text there
    return registry.mask_bytes(data)


def _masked_zip(data: bytes, registry: SecretRegistry) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return data
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, _masked_blob(source.read(info), registry))
    return out.getvalue()


def mask_tree(root: Path, registry: SecretRegistry) -> int:
    """Masks every secret in every file under `root` (zip members included); returns how many
    files changed."""
    if not registry or not root.is_dir():
        return 0
    changed = 0
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        masked = _masked_blob(data, registry)
        if masked != data:
            path.write_bytes(masked)
            changed += 1
    return changed


def find_secrets(root: Path, values: Iterable[str]) -> list[tuple[str, str]]:
    """(file, secret) for every secret still present under `root`, zip members included."""
    wanted = [value.encode() for value in values if len(value) >= MIN_SECRET_LENGTH]
    found: list[tuple[str, str]] = []

    def search(name: str, data: bytes) -> None:
        if data[:4] == b"PK\x03\x04":
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    for info in archive.infolist():
                        search(f"{name}!{info.filename}", archive.read(info))
                return
            except zipfile.BadZipFile:
                pass
        found.extend((name, value.decode()) for value in wanted if value in data)

    for path in sorted(root.rglob("*")):
        if path.is_file():
            search(str(path), path.read_bytes())
    return found

"""Keeps secrets out of what a run leaves behind: test reports, logs, attachments, traces."""

# Pool passwords, ID numbers and SMS codes are typed into real portals; Playwright traces record
# typed text, form bodies and DOM snapshots, failure messages may quote a field's value. On targets
# other than the bundled mock, every value in `SecretRegistry` is replaced by `MASK` — in every
# form a file may hold it: as typed, URL-encoded (a form body, a query), JSON- or HTML-escaped
# (a snapshot, a result file), inside base64 (a recorded request body), in UTF-8 or GB18030/GBK
# text, inside zip archives (traces). Pictures are left alone: text replacement cannot mask them.
#
# `python -m harness.cli.masking check DIR` is what `make report` runs first: it refuses results of a
# non-mock run whose masking did not finish (an interrupted session) and, where the pool is
# configured, any result that still holds one of its secrets; `python -m harness.cli.masking mask DIR`
# masks such results with the pool's secrets.

from __future__ import annotations

import argparse
import base64
import binascii
import html
import io
import json
import os
import re
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, quote_plus

MASK = "******"
# Shorter values (a one-digit captcha answer, say) would mask ordinary text everywhere.
MIN_SECRET_LENGTH = 4
# Text encodings a file may hold a secret in: UTF-8, and GB18030 (a superset of GBK and GB2312)
# for pages and logs of Chinese systems that are not UTF-8.
TEXT_ENCODINGS = ("utf-8", "gb18030")
# Files that are pictures: replacing bytes would corrupt them and cannot hide what they show.
PICTURE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"RIFF")
# A run of base64 (standard or URL-safe alphabet) long enough to carry a secret.
BASE64_RUN = re.compile(rb"[A-Za-z0-9+/_-]{8,}={0,2}")
STATE_FILE = "masking-state.json"
TEMPORARY = (".tmp", ".masking")


def escaped_forms(value: str) -> set[str]:
    """`value` and the ways files write it: URL-encoded (percent-encoding as Python, browsers'
    form bodies and encodeURIComponent write it, hex in either case), HTML-escaped, and each of
    those JSON-escaped."""
    forms = {value}
    for url_form in (
        quote(value, safe=""),
        quote_plus(value, safe=""),
        quote(value, safe="!'()*~"),
        quote_plus(value, safe="*").replace("~", "%7E"),
    ):
        forms |= {url_form, re.sub(r"%[0-9A-F]{2}", lambda escape: escape.group(0).lower(), url_form)}
    for html_form in (html.escape(value), html.escape(value, quote=False)):
        forms |= {html_form, html_form.replace("&#x27;", "&#39;")}
    for form in list(forms):
        forms |= {
            json.dumps(form)[1:-1],
            json.dumps(form, ensure_ascii=False)[1:-1],
            json.dumps(form)[1:-1].replace("/", "\\/"),
        }
    return forms


def _alternation(words: Iterable[bytes]) -> re.Pattern[bytes] | None:
    """One pattern matching any of `words`, longest first (a secret containing another is masked whole)."""
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile(b"|".join(re.escape(word) for word in ordered)) if ordered else None


class SecretRegistry:
    """The secrets of one run: the pool's from the start, SMS codes as they are read."""

    def __init__(self, values: Iterable[str] = ()) -> None:
        self._values: set[str] = set()
        self._pattern: re.Pattern[bytes] | None = None
        self._owners: dict[bytes, str] = {}
        for value in values:
            self.add(value)

    def add(self, value: str) -> None:
        """Remembers `value` as a secret (values too short to be told from ordinary text are ignored)."""
        value = str(value).strip()
        if len(value) >= MIN_SECRET_LENGTH and value not in self._values:
            self._values.add(value)
            self._pattern = None

    @property
    def values(self) -> list[str]:
        """The secrets, longest first (so that a secret containing another is masked whole)."""
        return sorted(self._values, key=len, reverse=True)

    def _compiled(self) -> re.Pattern[bytes] | None:
        if self._pattern is None and self._values:
            self._owners = {}
            for value in self._values:
                for form in escaped_forms(value):
                    for encoding in TEXT_ENCODINGS:
                        self._owners.setdefault(form.encode(encoding), value)
            self._pattern = _alternation(self._owners)
        return self._pattern

    def found_in(self, data: bytes) -> set[str]:
        """The secrets `data` holds in any form (base64-wrapped included)."""
        pattern = self._compiled()
        if pattern is None:
            return set()
        found = {self._owners[match.group(0)] for match in pattern.finditer(data)}
        for run in BASE64_RUN.finditer(data):
            decoded = _b64decode(run.group(0))
            if decoded is not None:
                found |= {self._owners[match.group(0)] for match in pattern.finditer(decoded)}
        return found

    def mask_bytes(self, data: bytes) -> bytes:
        """`data` with every secret, in every form, replaced by `MASK`."""
        pattern = self._compiled()
        if pattern is None:
            return data
        data = pattern.sub(MASK.encode(), data)
        return BASE64_RUN.sub(lambda run: self._masked_base64(run.group(0), pattern), data)

    def _masked_base64(self, run: bytes, pattern: re.Pattern[bytes]) -> bytes:
        decoded = _b64decode(run)
        if decoded is None or not pattern.search(decoded):
            return run
        masked = pattern.sub(MASK.encode(), decoded)
        urlsafe = b"-" in run or b"_" in run
        return (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(masked)

    def mask(self, text: str) -> str:
        """`text` with every secret replaced by `MASK`."""
        # surrogatepass: pytest's reprs may hold lone surrogates, which must come back as they were.
        return self.mask_bytes(text.encode("utf-8", errors="surrogatepass")).decode("utf-8", errors="surrogatepass")

    def __bool__(self) -> bool:
        return bool(self._values)


def _b64decode(run: bytes) -> bytes | None:
    text = run.rstrip(b"=").replace(b"-", b"+").replace(b"_", b"/")
    if len(text) % 4 == 1:
        return None
    try:
        return base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


def _is_picture(data: bytes) -> bool:
    return data.startswith(PICTURE_MAGIC)


def _masked_blob(data: bytes, registry: SecretRegistry) -> bytes:
    if data[:4] == b"PK\x03\x04":
        return _masked_zip(data, registry)
    if _is_picture(data):
        return data
    return registry.mask_bytes(data)


def _masked_zip(data: bytes, registry: SecretRegistry) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        members = [(info, source.read(info)) for info in source.infolist()]
    except (zipfile.BadZipFile, EOFError, OSError):
        # A zip cut short (its writer was killed): masked as bytes, which is all it still is.
        return registry.mask_bytes(data)
    masked = [(info, _masked_blob(content, registry)) for info, content in members]
    if all(new == old for (_, new), (_, old) in zip(masked, members, strict=True)):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in masked:
            target.writestr(info, content)
    return out.getvalue()


def mask_file(path: Path, registry: SecretRegistry) -> bool:
    """Masks one file in place, replacing it whole (a temporary file renamed over it); True when it changed."""
    try:
        data = path.read_bytes()
    except OSError:
        return False  # gone meanwhile (a result file moved by its writer)
    masked = _masked_blob(data, registry)
    if masked == data:
        return False
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".masking")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(masked)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def mask_tree(root: Path, registry: SecretRegistry) -> int:
    """Masks every secret in every file under `root` (zip members included); returns how many
    files changed."""
    if not registry or not root.is_dir():
        return 0
    # A temporary file is still being written by someone (allure's *.tmp before its rename).
    return sum(
        mask_file(path, registry)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.endswith(TEMPORARY)
    )


def find_secrets(root: Path, values: Iterable[str]) -> list[tuple[str, str]]:
    """(file, secret) for every secret still present under `root`, in any form, zip members included."""
    registry = SecretRegistry(values)
    found: list[tuple[str, str]] = []

    def search(name: str, data: bytes) -> None:
        if data[:4] == b"PK\x03\x04":
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    for info in archive.infolist():
                        search(f"{name}!{info.filename}", archive.read(info))
                return
            except (zipfile.BadZipFile, EOFError, OSError):
                pass
        if not _is_picture(data):
            found.extend((name, value) for value in sorted(registry.found_in(data)))

    if registry and root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file():
                search(str(path), path.read_bytes())
    return found


# ---------------------------------------------------------------- masking state of a results folder


def mark_state(results: Path, run: str, masked: bool) -> None:
    """Records whether `run`'s files in `results` are masked yet (false while it runs)."""
    results.mkdir(parents=True, exist_ok=True)
    path = results / STATE_FILE
    try:
        state = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except ValueError:
        state = {}
    state[run] = "masked" if masked else "running"
    handle, temporary = tempfile.mkstemp(dir=results, prefix=f".{STATE_FILE}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(state, out, ensure_ascii=False)
    os.replace(temporary, path)


def unmasked_runs(results: Path) -> list[str]:
    """The non-mock runs whose results in `results` were never masked (the session did not end)."""
    path = results / STATE_FILE
    if not path.is_file():
        return []
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return ["（masking-state.json 已损坏）"]
    return (
        sorted(run for run, status in state.items() if status != "masked")
        if isinstance(state, dict)
        else ["（masking-state.json 已损坏）"]
    )


def main(argv: list[str] | None = None) -> int:
    """`check DIR…`: refuse to publish unmasked results; `mask DIR…`: mask them with the pool's secrets."""
    from harness.preconditions.pool import ENV_VAR_POOL, AccountPool, PoolError, pool_path

    parser = argparse.ArgumentParser(prog="python -m harness.cli.masking", description="报告目录的脱敏检查与补做")
    parser.add_argument("action", choices=("check", "mask"))
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args(argv)
    path = pool_path(os.environ)
    try:
        registry = SecretRegistry(AccountPool.load(path).secrets() if path else ())
    except PoolError as error:
        print(f"脱敏：{error}", file=sys.stderr)
        return 2
    if args.action == "mask":
        if not registry:
            print(f"脱敏：需要账号池（环境变量 {ENV_VAR_POOL}）才知道要遮盖什么", file=sys.stderr)
            return 2
        for folder in args.folders:
            changed = mask_tree(folder, registry)
            state = folder / STATE_FILE
            for run in unmasked_runs(folder) if state.is_file() else []:
                mark_state(folder, run, masked=True)
            print(f"脱敏：{folder} 中 {changed} 个文件已遮盖")
        return 0
    problems = []
    for folder in args.folders:
        runs = unmasked_runs(folder)
        if runs:
            problems.append(f"{folder}：运行 {'、'.join(runs)} 没有正常结束，结果未完成脱敏")
        leaks = find_secrets(folder, registry.values) if registry else []
        if leaks:
            problems.append(f"{folder}：{len({name for name, _ in leaks})} 个文件仍含账号池中的机密")
    if problems:
        print(
            "拒绝生成报告（结果来自非模拟环境，可能含有机密）：\n"
            + "\n".join(f"  - {problem}" for problem in problems)
            + f"\n先运行：HARNESS_ACCOUNT_POOL=<账号池文件> {sys.executable} -m harness.cli.masking mask "
            + " ".join(map(str, args.folders)),
            file=sys.stderr,
        )
        return 1
    return 0

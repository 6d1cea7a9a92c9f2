"""Secret masking: text, nested zip archives (Playwright traces), and the search that proves it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from harness.staging.masking import MASK, SecretRegistry, find_secrets, mask_tree

PASSWORD, ID_NUMBER, CODE = "Pool-Passw0rd!", "440106199001010000", "246813"


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_short_values_are_not_secrets_and_longer_ones_are_masked_first() -> None:
    registry = SecretRegistry(["8", "abc", PASSWORD, PASSWORD + "x"])
    assert registry.values == [PASSWORD + "x", PASSWORD]
    assert registry.mask(f"expected {PASSWORD}x, got {PASSWORD}") == f"expected {MASK}, got {MASK}"


def test_mask_tree_masks_text_files_and_zip_members_and_leaves_images(tmp_path: Path) -> None:
    registry = SecretRegistry([PASSWORD, ID_NUMBER, CODE])
    (tmp_path / "a-result.json").write_text(f'{{"message": "Actual value: {PASSWORD}"}}', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "log.txt").write_text(f"证件号 {ID_NUMBER}", encoding="utf-8")
    trace = _zip(
        {
            "trace.trace": f'{{"type":"fill","value":"{CODE}"}}'.encode(),
            "resources/page.html": f'<input value="{PASSWORD}">'.encode(),
            "inner.zip": _zip({"x.txt": ID_NUMBER.encode()}),
        }
    )
    (tmp_path / "trace.zip").write_bytes(trace)
    image = b"\x89PNG\r\n\x1a\n\xff\xfe" + CODE.encode()
    (tmp_path / "shot.png").write_bytes(image)
    assert {secret for _, secret in find_secrets(tmp_path, registry.values)} == {PASSWORD, ID_NUMBER, CODE}
    assert mask_tree(tmp_path, registry) == 3
    assert find_secrets(tmp_path, [PASSWORD, ID_NUMBER]) == []
    with zipfile.ZipFile(tmp_path / "trace.zip") as archive:
        assert archive.read("trace.trace") == f'{{"type":"fill","value":"{MASK}"}}'.encode()
    # Binary files keep their bytes: a picture cannot be masked by text replacement.
    assert (tmp_path / "shot.png").read_bytes() == image


def test_an_empty_registry_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PASSWORD, encoding="utf-8")
    assert mask_tree(tmp_path, SecretRegistry()) == 0 and (tmp_path / "a.txt").read_text() == PASSWORD

"""Pixel comparison of a new guide screenshot with its approved version, and the diff image
that shows a reviewer where they differ (changed pixels in red over a faded copy of the new shot)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

HIGHLIGHT = (230, 0, 18)
# How much of the new shot shows through under the highlight: enough to recognise the page.
FADE = 0.7


@dataclass(frozen=True)
class Comparison:
    """Outcome of comparing two images."""

    changed_pixels: int
    total_pixels: int
    size_new: tuple[int, int]
    size_approved: tuple[int, int]
    box: tuple[int, int, int, int] | None

    @property
    def changed(self) -> bool:
        """Any pixel differs, or the sizes do."""
        return self.changed_pixels > 0 or self.size_new != self.size_approved

    @property
    def share(self) -> float:
        """Changed pixels as a share of the compared area (0…1)."""
        return self.changed_pixels / self.total_pixels if self.total_pixels else 0.0

    def describe(self) -> str:
        """One line for the reports."""
        if not self.changed:
            return "与批准版本一致"
        text = f"{self.changed_pixels} 个像素不同（{self.share:.2%}）"
        if self.size_new != self.size_approved:
            text += f"；尺寸 {self.size_approved[0]}×{self.size_approved[1]} → {self.size_new[0]}×{self.size_new[1]}"
        return text


def _padded(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    # Images of different sizes are compared on a common canvas; the padding is a colour no
    # screenshot has, so the added area counts as changed.
    if image.size == size:
        return image
    canvas = Image.new("RGBA", size, (255, 0, 255, 0))
    canvas.paste(image, (0, 0))
    return canvas


def change_mask(new: Image.Image, approved: Image.Image) -> Image.Image:
    """A 1-bit-like 'L' image: 255 where the two images differ in any channel, 0 elsewhere."""
    size = (max(new.width, approved.width), max(new.height, approved.height))
    difference = ImageChops.difference(_padded(new.convert("RGBA"), size), _padded(approved.convert("RGBA"), size))
    # Channel-wise maximum: a greyscale conversion would round a one-step change in blue to 0.
    red, green, blue, alpha = difference.split()
    strongest = ImageChops.lighter(ImageChops.lighter(red, green), ImageChops.lighter(blue, alpha))
    return strongest.point(lambda value: 255 if value else 0)


def compare_images(new_path: Path, approved_path: Path, diff_path: Path | None = None) -> Comparison:
    """Compares two PNGs pixel by pixel; when they differ and `diff_path` is given, writes the
    diff image there."""
    with Image.open(new_path) as new_file, Image.open(approved_path) as approved_file:
        new = new_file.convert("RGBA")
        approved = approved_file.convert("RGBA")
    mask = change_mask(new, approved)
    changed_pixels = mask.histogram()[255]
    comparison = Comparison(
        changed_pixels=changed_pixels,
        total_pixels=mask.width * mask.height,
        size_new=new.size,
        size_approved=approved.size,
        box=mask.getbbox(),
    )
    if comparison.changed and diff_path is not None:
        write_diff_image(new, mask, comparison.box, diff_path)
    return comparison


def write_diff_image(new: Image.Image, mask: Image.Image, box: tuple[int, int, int, int] | None, path: Path) -> None:
    """Faded new shot, changed pixels in red, and a red frame around the changed region."""
    base = _padded(new, mask.size).convert("L").convert("RGB")
    faded = Image.blend(base, Image.new("RGB", mask.size, (255, 255, 255)), FADE)
    faded.paste(Image.new("RGB", mask.size, HIGHLIGHT), mask=mask)
    if box:
        left, top, right, bottom = box
        margin = 6
        ImageDraw.Draw(faded).rectangle(
            (
                max(left - margin, 0),
                max(top - margin, 0),
                min(right + margin, mask.width - 1),
                min(bottom + margin, mask.height - 1),
            ),
            outline=HIGHLIGHT,
            width=4,
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    faded.save(path, format="PNG")

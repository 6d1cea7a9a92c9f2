"""The arithmetic image captcha of the password login (「请输入图中算式的计算结果」)."""

# The question is drawn as seven-segment strokes in an inline SVG, with no text node, so it is
# not in the page's accessible text, as with the real image. Each captcha is used once, and only
# by the browser session that was shown it: a captcha solved elsewhere (by a person paid to solve
# them, say) and posted from another session is refused. The control API
# (`GET /__mock__/captcha/<id>`) tells the harness the answer.

from __future__ import annotations

import random
import secrets
from datetime import datetime

from flask import current_app
from markupsafe import Markup

from mock_sites import db
from mock_sites.gdzwfw.auth import browser_key

# Seven segments in a 14×24 cell: a top, b upper right, c lower right, d bottom, e lower
# left, f upper left, g middle.
_SEGMENTS = {
    "a": (2, 2, 12, 2),
    "b": (12, 2, 12, 12),
    "c": (12, 12, 12, 22),
    "d": (2, 22, 12, 22),
    "e": (2, 12, 2, 22),
    "f": (2, 2, 2, 12),
    "g": (2, 12, 12, 12),
}
_DIGIT_SEGMENTS = {
    "0": "abcdef",
    "1": "bc",
    "2": "abged",
    "3": "abgcd",
    "4": "fgbc",
    "5": "afgcd",
    "6": "afgedc",
    "7": "abc",
    "8": "abcdefg",
    "9": "abcdfg",
}
_SYMBOL_LINES = {
    "+": ((2, 12, 12, 12), (7, 7, 7, 17)),
    "-": ((2, 12, 12, 12),),
    "×": ((3, 7, 11, 17), (11, 7, 3, 17)),
    "=": ((2, 9, 12, 9), (2, 15, 12, 15)),
    "?": ((2, 2, 12, 2), (12, 2, 12, 10), (12, 10, 7, 13), (7, 13, 7, 17), (7, 20, 7, 22)),
}
_ADVANCE = 18


def _glyph_lines(char: str) -> tuple[tuple[int, int, int, int], ...]:
    if char in _DIGIT_SEGMENTS:
        return tuple(_SEGMENTS[name] for name in _DIGIT_SEGMENTS[char])
    return _SYMBOL_LINES[char]


def _question(rng: random.Random) -> tuple[str, str]:
    operator = rng.choice("+-×")
    if operator == "×":
        left, right = rng.randint(2, 9), rng.randint(2, 9)
        return f"{left}×{right}=?", str(left * right)
    left, right = rng.randint(1, 20), rng.randint(1, 20)
    if operator == "-":
        left, right = max(left, right), min(left, right)
        return f"{left}-{right}=?", str(left - right)
    return f"{left}+{right}=?", str(left + right)


def render_svg(captcha_id: str, question: str) -> Markup:
    """The question as strokes, slightly jittered, with a few noise lines; seeded by the id so
    the same captcha always looks the same (stable screenshots)."""
    rng = random.Random(captcha_id)
    width, height = 16 + _ADVANCE * len(question), 40
    lines: list[str] = []
    for index, char in enumerate(question):
        dx, dy = 8 + index * _ADVANCE, 7 + rng.randint(-3, 3)
        for x1, y1, x2, y2 in _glyph_lines(char):
            lines.append(f'<line x1="{x1 + dx}" y1="{y1 + dy}" x2="{x2 + dx}" y2="{y2 + dy}"/>')
    noise = "".join(
        f'<line class="noise" x1="{rng.randint(0, width)}" y1="{rng.randint(0, height)}" '
        f'x2="{rng.randint(0, width)}" y2="{rng.randint(0, height)}"/>'
        for _ in range(4)
    )
    return Markup(
        f'<svg class="captcha" role="img" aria-label="验证码" data-captcha-id="{captcha_id}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<rect width="100%" height="100%" fill="#eef3fb"/>'
        f'<g stroke="#888" stroke-width="1">{noise}</g>'
        f'<g stroke="#1d3f7a" stroke-width="2.5" stroke-linecap="round">{"".join(lines)}</g></svg>'
    )


def new_captcha(browser: str | None = None) -> tuple[str, Markup]:
    """Stores a fresh question shown to `browser`; returns its id and its image."""
    captcha_id = secrets.token_hex(6)
    question, answer = _question(random.Random(secrets.randbits(64)))
    db.execute(
        "INSERT INTO captcha (id, question, answer, browser, created_at) VALUES (?, ?, ?, ?, ?)",
        (captcha_id, question, answer, browser, datetime.now().isoformat(timespec="seconds")),
    )
    return captcha_id, render_svg(captcha_id, question)


def solve(captcha_id: str, answer: str) -> bool:
    """True when this browser session was shown the captcha and `answer` is right, or is the
    test environment's fixed answer (`CAPTCHA_TEST_ANSWER`, as staging environments have one);
    the captcha is spent either way."""
    row = db.query_one("SELECT answer, browser FROM captcha WHERE id = ?", (captcha_id,))
    if row is None:
        return False
    spent = db.get_db().execute("UPDATE captcha SET used = 1 WHERE id = ? AND used = 0", (captcha_id,)).rowcount
    if not spent or row["browser"] is None or row["browser"] != browser_key():
        return False
    test_answer = current_app.config.get("CAPTCHA_TEST_ANSWER")
    return answer.strip() == row["answer"] or bool(test_answer) and answer.strip() == test_answer


def shown_to(browser: str) -> dict | None:
    """The captcha a browser was shown last (the one on its page), for the control API."""
    row = db.query_one(
        "SELECT id, question, answer, used FROM captcha WHERE browser = ? ORDER BY rowid DESC LIMIT 1", (browser,)
    )
    return dict(row) if row else None


def lookup(captcha_id: str) -> dict | None:
    """Question and answer of a captcha, for the control API."""
    row = db.query_one("SELECT id, question, answer, used FROM captcha WHERE id = ?", (captcha_id,))
    return dict(row) if row else None

"""Small fixture data for the guide-tool tests: a three-step catalogue, a feature file and
Allure results written into a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SMALL_CATALOG: dict[str, Any] = {
    "part": [
        {
            "key": "A",
            "heading": "一、广东省统一身份认证登录",
            "section": [
                {
                    "key": "A1",
                    "heading": "（一）法人账号注册",
                    "step": [
                        {"id": "A1.1", "title": "登录方式", "heading": "1. 登录方式", "caption": "法人登录页。"},
                        {"id": "A1.2", "title": "账号密码", "heading": "2. 账号密码", "caption": "点击账号密码。"},
                        {"id": "A1.3", "title": "注册", "heading": "3. 注册", "caption": "点击立即注册。"},
                    ],
                }
            ],
        }
    ]
}


def write_feature(folder: Path, name: str, text: str) -> Path:
    """Writes a zh-CN feature file into the folder of part A."""
    path = folder / "A_广东省统一身份认证登录" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# language: zh-CN\n" + text, encoding="utf-8")
    return path


FEATURE_A11 = """功能: 登录方式
  @guide-A1.1 @gdzwfw
  场景: 默认扫码
    假如 我打开登录页
    那么 我看到扫码

  @guide-A1.1 @guide-A1.2
  场景: 切换账号密码
    假如 我打开登录页
    当 我选择账号密码
"""


def write_result(
    folder: Path,
    name: str,
    full_name: str,
    status: str,
    start: int,
    history: str | None = None,
    image: bytes | None = None,
) -> None:
    """Writes one Allure result (and its screenshot, when given) as allure-pytest-bdd does."""
    folder.mkdir(parents=True, exist_ok=True)
    steps: list[dict[str, Any]] = [{"name": "假如 我打开登录页", "status": "passed", "attachments": []}]
    if image is not None:
        (folder / f"{name}-attachment.png").write_bytes(image)
        steps[0]["attachments"].append({"name": "页面", "source": f"{name}-attachment.png", "type": "image/png"})
    result = {
        "name": full_name.split(":")[-1],
        "fullName": full_name,
        "historyId": history or name,
        "status": status,
        "start": start,
        "stop": start + 1,
        "steps": steps,
    }
    (folder / f"{name}-result.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")

"""Allure labels derived from a scenario's tags: epic = part, feature = section, story = ID."""

from __future__ import annotations

from harness.reporting.allure import allure_labels, guide_ids


def labels_of(names: list[str]) -> list[tuple[str, str]]:
    return [(mark.kwargs["label_type"], mark.args[0]) for mark in allure_labels(names)]


def test_guide_ids_are_read_from_tags_only() -> None:
    assert guide_ids(["guide-A1.4", "gdzwfw", "mock_only", "guide-C2", "guidebook"]) == ["A1.4", "C2"]


def test_a_guide_tag_gives_part_section_and_id() -> None:
    assert labels_of(["guide-A2.6"]) == [
        ("epic", "A 一、广东省统一身份认证登录"),
        ("feature", "A2 （二）实名核验"),
        ("story", "A2.6"),
    ]


def test_parts_sort_in_the_guide_order_by_name() -> None:
    # The report's tree sorts groups by name; by the headings alone 三 would come before 二.
    epics = [dict(labels_of([f"guide-{guide_id}"]))["epic"] for guide_id in ("A1.1", "B1.1", "C1")]
    assert sorted(epics) == epics
    assert [epic.split(" ", 1)[1] for epic in epics] == [
        "一、广东省统一身份认证登录",
        "二、广东人社统一认证账号登录",
        "三、稳岗返还信息确认",
    ]


def test_part_c_ids_have_no_subsection() -> None:
    assert ("feature", "C1 稳岗返还信息确认") in labels_of(["guide-C1"])


def test_portal_tags_become_readable_tags() -> None:
    assert ("tag", "广东人社统一认证") in labels_of(["hrss", "guide-A3.1"])


def test_no_guide_tag_no_labels() -> None:
    assert labels_of(["mock_only"]) == []

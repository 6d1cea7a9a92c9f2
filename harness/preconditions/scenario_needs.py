"""What a scenario will ask of the precondition provider, read from its step functions before
it runs: the precondition methods its steps call (directly, through the helpers of their own
modules and through the fixtures they request) and the capabilities those methods declare."""

# A provider that lacks one then skips the scenario before its first step, so it never leases
# an account — a consumable one above all — only to skip at its last step for 数据回查. Calls
# made only under `if preconditions.has(...)` (or a guard helper such as `can_read_back`) are
# optional and not counted.

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Iterable
from typing import Any

from harness.preconditions import declared_capabilities

# The name every step and helper gives the precondition provider (the `preconditions` fixture).
PROVIDER_NAME = "preconditions"
OUR_PACKAGES = ("steps.", "harness.", "conftest")


# Step helpers that ask `preconditions.has(...)` for the caller (and note in the report what
# stays unchecked): `if can_read_back(preconditions, …):` is as optional as `if preconditions.has(…):`.
GUARDS = ("can_read_back",)


def _is_guard(call: ast.AST) -> bool:
    if not isinstance(call, ast.Call):
        return False
    return (isinstance(call.func, ast.Attribute) and call.func.attr == "has") or (
        isinstance(call.func, ast.Name) and call.func.id in GUARDS
    )


def _is_optional(node: ast.If) -> bool:
    """`if preconditions.has(...)` or a guard helper: the body runs only where the provider can."""
    return any(_is_guard(call) for call in ast.walk(node.test))


def _parse(func: Callable[..., Any]) -> ast.AST | None:
    try:
        return ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return None


def _walk(tree: ast.AST) -> Iterable[ast.AST]:
    """Every node of `tree` except the bodies of optional branches."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        children = (
            [node.test, *node.orelse]
            if isinstance(node, ast.If) and _is_optional(node)
            else list(ast.iter_child_nodes(node))
        )
        stack.extend(children)


def calls_of(
    func: Callable[..., Any], fixture: Callable[[str], Callable[..., Any] | None], seen: set[Any] | None = None
) -> set[str]:
    """The precondition methods `func` calls, following the helpers of our modules it calls by
    name and the fixtures (looked up by `fixture`) it takes as arguments."""
    seen = set() if seen is None else seen
    func = inspect.unwrap(func)
    if func in seen:
        return set()
    seen.add(func)
    tree = _parse(func)
    if tree is None:
        return set()
    methods = declared_capabilities()
    found: set[str] = set()
    for node in _walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == PROVIDER_NAME
            and node.attr in methods
        ):
            found.add(node.attr)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            helper = getattr(func, "__globals__", {}).get(node.func.id)
            if inspect.isfunction(helper) and helper.__module__.startswith(OUR_PACKAGES):
                found |= calls_of(helper, fixture, seen)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "getfixturevalue"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found |= _fixture_calls(node.args[0].value, fixture, seen)
    for name in inspect.signature(func).parameters:
        found |= _fixture_calls(name, fixture, seen)
    return found


def _fixture_calls(name: str, fixture: Callable[[str], Callable[..., Any] | None], seen: set[Any]) -> set[str]:
    if name == PROVIDER_NAME:
        return set()
    definition = fixture(name)
    if definition is None or not getattr(definition, "__module__", "").startswith(OUR_PACKAGES):
        return set()
    return calls_of(definition, fixture, seen)


def capabilities_needed(
    step_functions: Iterable[Callable[..., Any]], fixture: Callable[[str], Callable[..., Any] | None]
) -> set[str]:
    """The capabilities the precondition methods of these step functions declare."""
    methods = declared_capabilities()
    seen: set[Any] = set()
    called = set().union(*(calls_of(func, fixture, seen) for func in step_functions))
    return {capability for method in called for capability in methods[method]}

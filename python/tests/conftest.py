"""Shared fixtures: the gradviz binary must be given (GRADVIZ) or on PATH; nothing is mocked."""

from __future__ import annotations

import pytest

import gradviz


@pytest.fixture(scope="session", autouse=True)
def gradviz_binary() -> str:
    """The binary the tests run; a missing binary fails every test with how to install it."""
    return gradviz.binary()


def assert_agrees(script: gradviz.Script) -> gradviz.CheckResult:
    """``script.check()`` passed: GradViz's check, and every reference value and gradient."""
    result = script.check()
    assert result.passed, f"{result}\n{script.source}"
    assert result.compared == len(script.reference) > 0
    return result

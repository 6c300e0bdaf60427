"""Inputs that used to crash or mislead: each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

from sourcetrace.errors import Failure
from sourcetrace.read import read_inputs


def test_a_symbolic_link_loop_is_called_one(tmp_path: Path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    [failure] = read_inputs([tmp_path / "a.txt"])
    assert isinstance(failure, Failure)
    assert "symbolic link loop" in failure.reason


def test_a_dangling_symbolic_link_names_its_target(tmp_path: Path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    [failure] = read_inputs([tmp_path / "gone.txt"])
    assert "broken symbolic link" in failure.reason and "missing.txt" in failure.reason

"""Writing test input files exactly as given: text as UTF-8 without newline translation, bytes as is."""

from __future__ import annotations

from pathlib import Path


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path

"""Gather what training/device_sweep.sh's variants wrote: every score into summary.json,
the logs into logs.tgz, and the exported files of the best variants (by dev entity F1
through ONNX Runtime, the better of the two int8 exports) into OUT_DIR, within what one
call of a lent machine brings back (8 files, 64 MB).

    python training/sweep_pick.py SWEEP_DIR OUT_DIR
"""

from __future__ import annotations

import json
import shutil
import sys
import tarfile
from pathlib import Path

MAX_FILES, MAX_BYTES = 8, 60_000_000


def main() -> None:
    sweep, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    summary, ranked = {}, []
    for folder in sorted(p for p in sweep.iterdir() if p.is_dir()):
        results = folder / "results.json"
        if not results.is_file():
            summary[folder.name] = {"error": "no results.json (see its stdout.txt in logs.tgz)"}
            continue
        result = json.loads(results.read_text())["results"][0]
        summary[folder.name] = result
        onnx = result.get("onnx", {})
        exports = [(onnx[kind]["dev"]["all"], kind) for kind in ("int8", "int8pc") if kind in onnx]
        if exports:
            ranked.append((*max(exports), folder))
    (out / "summary.json").write_text(json.dumps(summary, indent=1))
    with tarfile.open(out / "logs.tgz", "w:gz") as tar:
        for folder in sorted(p for p in sweep.iterdir() if p.is_dir()):
            for name in ("log.txt", "stdout.txt", "results.json"):
                if (folder / name).is_file():
                    tar.add(folder / name, arcname=f"{folder.name}/{name}")
    files, size = 2, sum(p.stat().st_size for p in out.iterdir())
    for score, kind, folder in sorted(ranked, key=lambda r: -r[0]):
        take = [folder / f"{folder.name}.{kind}.onnx"]
        extras = folder / f"{folder.name}.extras.npz"
        if extras.is_file():
            take.append(extras)
        bytes_ = sum(p.stat().st_size for p in take)
        if files + len(take) > MAX_FILES or size + bytes_ > MAX_BYTES:
            continue
        for path in take:
            shutil.copyfile(path, out / path.name)
        files, size = files + len(take), size + bytes_
        print(f"took {folder.name} ({kind}, dev entity F1 {score})")
    for name, result in summary.items():
        best = result.get("best", {})
        onnx = {k: v["dev"]["all"] for k, v in result.get("onnx", {}).items()}
        print(f"{name}: best epoch {best.get('epoch')} F1 {best.get('all')} | onnx {onnx}")


if __name__ == "__main__":
    main()

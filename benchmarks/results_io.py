"""What every benchmark writes: its figures as JSON and markdown under results/, with the machine."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "processor": platform.machine()}


def write(name: str, results: dict[str, Any], table: list[str]) -> None:
    """``results/{name}.json`` (figures and machine) and ``results/{name}.md`` (the table)."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps({**results, "machine": machine()}, indent=2) + "\n")
    (RESULTS / f"{name}.md").write_text("\n".join(table) + "\n")
    print("\n".join(table))

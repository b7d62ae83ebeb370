"""Is training deterministic? Compare a second full training run with the shipped model.

    python -m attunement train cues --work training/out2 --dest /tmp/cues-rerun
    python benchmarks/train_twice.py /tmp/cues-rerun

Writes benchmarks/results/train_twice.json: both runs' test figures (as their model cards
record them, measured by the same evaluation code) and whether every weight file is
byte-identical.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from attunement.models import model_dir

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> None:
    rerun = Path(sys.argv[1])
    shipped = json.loads((model_dir() / "card.json").read_text())
    second = json.loads((rerun / "card.json").read_text())
    same_figures = {k: round(v, 3) == round(second["test"][k], 3) for k, v in shipped["test"].items()}
    same_files = {k: v == second["files"].get(k) for k, v in shipped["files"].items()}
    result = {
        "shipped_test": shipped["test"],
        "rerun_test": second["test"],
        "same_to_three_decimals": same_figures,
        "byte_identical_files": same_files,
        "deterministic": all(same_figures.values()),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "train_twice.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

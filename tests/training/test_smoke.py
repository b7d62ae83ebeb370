"""The training code end to end on tiny data: deterministic, and its output loads and predicts."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

pytest.importorskip("torch", reason="training needs the 'train' extra")


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_finetune_twice_gives_identical_weights_and_a_working_model(shared_data, tmp_path):
    from attunement.models import CueModel
    from attunement.training import calibrate, finetune

    runs = []
    for name in ("a", "b"):
        out = tmp_path / name
        finetune.main(["--out", str(out), "--epochs", "1", "--limit", "48", "--data", str(shared_data)])
        runs.append(out)
    assert _digest(runs[0] / "heads.npz") == _digest(runs[1] / "heads.npz")
    assert _digest(runs[0] / "cuenet.pt") == _digest(runs[1] / "cuenet.pt")

    dest = tmp_path / "model"
    calibrate.main(
        ["--stage1", str(runs[0]), "--dest", str(dest), "--limit", "200", "--data", str(shared_data)]
    )
    model = CueModel(dest)
    probs, vad = model.predict(["thank you so much", "I hate this"])
    assert probs.shape == (2, 28) and vad.shape == (2, 3)
    assert np.all((vad >= 1) & (vad <= 5))

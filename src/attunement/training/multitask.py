"""Fine-tune the MiniLM encoder on the reply tasks (EPITOME and AnnoMI) and export it to ONNX.

The learned part of "judge each reply on the six capacities". One MiniLM encoder with mean
pooling (the design of :mod:`.finetune`) is shared by:

- EPITOME heads ``ER``, ``IP``, ``EX`` (levels 0/1/2) on ``[r, s, r*s, |r-s|]``, where ``r`` is the
  pooled response vector and ``s`` the pooled seeker-post vector;
- AnnoMI heads ``behaviour`` (question/reflection/therapist_input/other), ``question``
  (open/closed) and ``reflection`` (simple/complex) on ``[u, p, u*p, |u-p|]``, where ``u`` is the
  therapist utterance and ``p`` the utterance before it. Subtype losses are masked where the
  subtype is absent.

It is a bi-encoder: every turn is encoded once, on its own, and a pair's features are computed
from the two pooled vectors, so at run time a conversation costs one encoder pass per turn.
Texts are cut to 128 tokens (``finetune.MAX_LEN``): that keeps the opening of long Reddit posts
and cuts 2.7 % of EPITOME seeker posts, 9.2 % of responses and 1 % of AnnoMI utterances (train).

Training: cross-entropy with inverse-square-root class weights, AdamW with linear warmup and
decay (heads at 10x the encoder's rate), fixed seeds, deterministic algorithms, 2 threads,
dynamic padding; EPITOME and AnnoMI batches are interleaved in a seeded random order. Only the
train splits are fitted; the dev splits choose the epoch (mean macro-F1 over the tasks). The test
splits are never read here.

Output folder: ``replynet.pt`` (best state dict), ``encoder.onnx`` (pooled encoder: ``input_ids``,
``attention_mask`` -> ``embedding``), ``heads.npz`` (``{head}_w`` of shape (4*384, k), transposed
as in :mod:`.finetune`, ``{head}_b``, ``{head}_labels``) and ``multitask.json`` (dev accuracy and
macro-F1 per task and epoch, class weights, timing).

    python -m attunement.training.multitask --out training/reply-out            # from base MiniLM
    python -m attunement.training.multitask --init training/out/cuenet.pt --out training/reply-cue

Run time on 2 cores (estimated, not run): a ``--limit 128`` smoke test took 2.1 s per EPITOME
step and 1.2 s per AnnoMI step (batch 16, idle machine); a full epoch is 143 + 204 steps, about
9 minutes, plus about 20 s of dev scoring, so the default 4 epochs take about 40 minutes.

Seeding, tokenising, batching, mean pooling and the ONNX export are :mod:`.finetune`'s own, so
both recipes stay deterministic the same way.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tokenizers import Tokenizer
from torch import nn
from transformers import AutoModel

from attunement import datasets
from attunement.metrics import macro_f1, multi_hot
from attunement.reply_eval import HEADS
from attunement.training.finetune import (
    MAX_LEN,
    base_model_dir,
    batches,
    encode,
    export_onnx,
    mean_pool,
    pool,
    seed_everything,
    tokenizer,
)

EPITOME_HEADS: tuple[str, ...] = datasets.EPITOME_MECHANISMS  # ER, IP, EX
ANNOMI_HEADS: tuple[str, ...] = ("behaviour", "question", "reflection")
HEAD_LABELS: dict[str, tuple[str, ...]] = HEADS  # the runtime reads the same labels
TASK_HEADS: dict[str, tuple[str, ...]] = {"epitome": EPITOME_HEADS, "annomi": ANNOMI_HEADS}
IGNORE = -100  # target of an example without that label (masked out of the loss)


def pair_features(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``[a, b, a*b, |a-b|]`` for pooled vectors (rows): what the heads in ``heads.npz`` read."""
    return np.concatenate([a, b, a * b, np.abs(a - b)], axis=-1)


class ReplyNet(nn.Module):
    """MiniLM with mean pooling, and one linear head per reply task on pair features."""

    def __init__(self, base: Path, heads: Sequence[str], *, rationales: bool = False) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(str(base))
        dim = self.encoder.config.hidden_size
        self.heads = nn.ModuleDict({h: nn.Linear(4 * dim, len(HEAD_LABELS[h])) for h in heads})
        # Token tagger for EPITOME's rationales (a training signal only; not exported).
        self.tagger = nn.Linear(dim, len(EPITOME_HEADS)) if rationales else None

    def embed(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Mean of the token vectors under the attention mask (as ``CueNet.embed``)."""
        return mean_pool(self.encoder, input_ids, attention_mask)

    def head(self, name: str) -> nn.Linear:
        """The linear head ``name``."""
        head = self.heads[name]
        assert isinstance(head, nn.Linear)
        return head

    @staticmethod
    def features(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        """``[a, b, a*b, |a-b|]`` (the torch twin of :func:`pair_features`)."""
        return torch.cat([a, b, a * b, (a - b).abs()], dim=-1)


def load_init(net: ReplyNet, init: str) -> None:
    """Start from the base MiniLM (``"base"``) or the encoder of a ``cuenet.pt`` from finetune.py."""
    if init == "base":
        return
    state = torch.load(init, map_location="cpu", weights_only=True)
    encoder = {k.removeprefix("encoder."): v for k, v in state.items() if k.startswith("encoder.")}
    if not encoder:
        raise ValueError(f"{init}: no encoder.* weights in this state dict")
    net.encoder.load_state_dict(encoder, strict=True)


@dataclass
class TaskData:
    """One task's examples as two text lists (pair sides) and integer targets per head."""

    left: list[str]  # response / therapist utterance
    right: list[str]  # seeker post / previous utterance
    targets: dict[str, list[int]] = field(default_factory=dict)  # head -> class id or IGNORE
    rationales: list[list[list[str]]] = field(default_factory=list)  # per example, per ER/IP/EX: spans

    def __len__(self) -> int:
        return len(self.left)

    def head(self, n: int) -> TaskData:
        """The first ``n`` examples (smoke tests)."""
        return TaskData(
            self.left[:n], self.right[:n], {h: t[:n] for h, t in self.targets.items()}, self.rationales[:n]
        )


def _ids(values: Sequence[object], labels: Sequence[str]) -> list[int]:
    index = {lab: i for i, lab in enumerate(labels)}
    return [IGNORE if v is None else index[str(v)] for v in values]


def load_task(task: str, split: str, root: Path) -> TaskData:
    """The train or dev split of ``task`` ("epitome" or "annomi") as :class:`TaskData`."""
    if split == "test":
        raise ValueError("the test split is not read while training")
    if task == "epitome":
        pairs = datasets.epitome(split, root)
        spans = [[pairs.rationales[h][i] for h in EPITOME_HEADS] for i in range(len(pairs.response))]
        return TaskData(
            pairs.response,
            pairs.seeker,
            {h: _ids(pairs.labels[h], HEAD_LABELS[h]) for h in EPITOME_HEADS},
            spans,
        )
    if task == "annomi":
        utt = datasets.annomi(split, root)
        targets = {
            "behaviour": _ids(utt.behaviour, HEAD_LABELS["behaviour"]),
            "question": _ids(utt.question_subtype, HEAD_LABELS["question"]),
            "reflection": _ids(utt.reflection_subtype, HEAD_LABELS["reflection"]),
        }
        return TaskData(utt.text, utt.previous, targets)
    raise ValueError(f"unknown task {task!r}; choose from {sorted(TASK_HEADS)}")


def class_weights(targets: Sequence[int], k: int) -> torch.Tensor:
    """Inverse square root of class frequency, scaled so the average example weighs 1."""
    counts = np.bincount([t for t in targets if t != IGNORE], minlength=k).astype(np.float64)
    weights = 1.0 / np.sqrt(np.maximum(counts, 1.0))
    total = float((counts * weights).sum())
    if total > 0:
        weights *= counts.sum() / total
    return torch.tensor(weights, dtype=torch.float32)


def pair_logits(net: ReplyNet, tok: Tokenizer, data: TaskData, idx: list[int]) -> dict[str, torch.Tensor]:
    """Logits of every head of this task for the examples ``idx`` (one encoder pass per side)."""
    left = net.embed(*encode(tok, [data.left[i] for i in idx]))
    right = net.embed(*encode(tok, [data.right[i] for i in idx]))
    feats = ReplyNet.features(left, right)
    return {h: net.head(h)(feats) for h in data.targets}


def rationale_tags(tok: Tokenizer, texts: list[str], spans: list[list[list[str]]]) -> torch.Tensor:
    """(batch, tokens, 3): 1 where a token of the response lies inside an ER/IP/EX rationale span."""
    enc = tok.encode_batch(texts)
    out = torch.zeros(len(texts), len(enc[0].ids), len(EPITOME_HEADS))
    for b, (text, e, per_head) in enumerate(zip(texts, enc, spans)):
        for h, head_spans in enumerate(per_head):
            ranges = [(k, k + len(sp)) for sp in head_spans if (k := text.find(sp)) >= 0]
            for t, (a, z) in enumerate(e.offsets):
                if z > a and any(a < r_end and r_start < z for r_start, r_end in ranges):
                    out[b, t, h] = 1.0
    return out


def rationale_loss(
    net: ReplyNet, tok: Tokenizer, data: TaskData, idx: list[int]
) -> tuple[dict[str, torch.Tensor], torch.Tensor]:
    """EPITOME logits as :func:`pair_logits`, plus the token-tagging loss of the rationales."""
    texts = [data.left[i] for i in idx]
    ids, mask = encode(tok, texts)
    hidden = net.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
    left = pool(hidden, mask)
    right = net.embed(*encode(tok, [data.right[i] for i in idx]))
    feats = ReplyNet.features(left, right)
    tags = rationale_tags(tok, texts, [data.rationales[i] for i in idx])
    weight = mask.unsqueeze(-1).expand_as(tags).to(hidden.dtype)
    assert net.tagger is not None, "ReplyNet(rationales=True) is needed for the rationale loss"
    loss = nn.functional.binary_cross_entropy_with_logits(
        net.tagger(hidden), tags, weight=weight, reduction="sum"
    )
    return {h: net.head(h)(feats) for h in data.targets}, loss / weight.sum().clamp(min=1.0)


@torch.no_grad()
def embed_texts(net: ReplyNet, tok: Tokenizer, texts: list[str], size: int = 64) -> torch.Tensor:
    """Pooled vectors of ``texts``, encoded in length-sorted chunks (less padding), input order."""
    net.eval()
    order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
    out = torch.empty(len(texts), net.encoder.config.hidden_size)
    for start in range(0, len(order), size):
        chunk = order[start : start + size]
        out[chunk] = net.embed(*encode(tok, [texts[i] for i in chunk]))
    return out


@torch.no_grad()
def evaluate(net: ReplyNet, tok: Tokenizer, data: TaskData) -> dict[str, dict[str, float]]:
    """Accuracy and macro-F1 (over the head's classes) per head, on examples with a label."""
    feats = ReplyNet.features(embed_texts(net, tok, data.left), embed_texts(net, tok, data.right))
    scores = {}
    for h, targets in data.targets.items():
        gold = np.asarray(targets)
        keep = gold != IGNORE
        pred = net.head(h)(feats).argmax(-1).numpy()[keep]
        gold = gold[keep]
        k = len(HEAD_LABELS[h])
        scores[h] = {
            "accuracy": float((pred == gold).mean()) if gold.size else 0.0,
            "macro_f1": macro_f1(multi_hot([[g] for g in gold], k), multi_hot([[p] for p in pred], k)),
            "n": int(gold.size),
        }
    return scores


def main(argv: list[str] | None = None) -> None:
    """Train, choose the epoch on dev, export; see the module docstring."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path("training/reply-out"))
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--tasks", default="epitome,annomi", help="comma-separated: epitome, annomi")
    parser.add_argument("--init", default="base", help="'base' (MiniLM) or a cuenet.pt from finetune.py")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--limit", type=int, default=0, help="use only N examples per task and split (smoke test)"
    )
    parser.add_argument(
        "--rationales", type=float, default=0.0, help="weight of EPITOME's rationale tagging loss (0: off)"
    )
    args = parser.parse_args(argv)
    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    if not tasks or any(t not in TASK_HEADS for t in tasks):
        parser.error(f"--tasks: choose from {sorted(TASK_HEADS)}")

    rng = seed_everything(args.seed)
    root = datasets.data_dir(args.data)
    train = {t: load_task(t, "train", root) for t in tasks}
    dev = {t: load_task(t, "dev", root) for t in tasks}
    if args.limit:
        train = {t: d.head(args.limit) for t, d in train.items()}
        dev = {t: d.head(args.limit) for t, d in dev.items()}

    base = base_model_dir()
    tok = tokenizer(base)
    heads = [h for t in tasks for h in TASK_HEADS[t]]
    net = ReplyNet(base, heads, rationales=args.rationales > 0)
    load_init(net, args.init)
    losses = {
        h: nn.CrossEntropyLoss(weight=class_weights(d.targets[h], len(HEAD_LABELS[h])), ignore_index=IGNORE)
        for d in train.values()
        for h in d.targets
    }

    steps_per_epoch = sum(-(-len(d) // args.batch) for d in train.values())
    total = steps_per_epoch * args.epochs
    head_params = list(net.heads.parameters())
    optim = torch.optim.AdamW(
        [{"params": net.encoder.parameters(), "lr": args.lr}, {"params": head_params, "lr": args.lr * 10}],
        weight_decay=0.01,
    )
    warmup = max(1, int(0.06 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: (s + 1) / warmup if s < warmup else max(0.0, (total - s) / max(1, total - warmup))
    )

    args.out.mkdir(parents=True, exist_ok=True)
    log: list[dict[str, object]] = []
    best, best_epoch = -1.0, 0
    step, start = 0, time.time()
    task_seconds = {t: 0.0 for t in tasks}
    task_steps = {t: 0 for t in tasks}
    eval_seconds = 0.0
    for epoch in range(1, args.epochs + 1):
        net.train()
        plan = [(t, b) for t in tasks for b in batches(len(train[t]), args.batch, rng)]
        rng.shuffle(plan)
        for task, idx in plan:
            tick = time.time()
            loss = torch.zeros(())
            if task == "epitome" and args.rationales > 0:
                logits, tag_loss = rationale_loss(net, tok, train[task], idx)
                loss = loss + args.rationales * tag_loss
            else:
                logits = pair_logits(net, tok, train[task], idx)
            for h, out in logits.items():
                target = torch.tensor([train[task].targets[h][i] for i in idx])
                if (target != IGNORE).any():  # a batch without any subtype label adds nothing
                    loss = loss + losses[h](out, target)
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optim.step()
            sched.step()
            optim.zero_grad()
            task_seconds[task] += time.time() - tick
            task_steps[task] += 1
            step += 1
            if step % 50 == 0:
                print(
                    f"step {step}/{total} {task} loss {loss.item():.4f} {time.time() - start:.0f}s",
                    flush=True,
                )
        tick = time.time()
        scores: dict[str, dict[str, float]] = {}
        for task in tasks:
            scores.update(evaluate(net, tok, dev[task]))
        eval_seconds += time.time() - tick
        mean_f1 = float(np.mean([s["macro_f1"] for s in scores.values()]))
        log.append({"epoch": epoch, "mean_macro_f1": mean_f1, "tasks": scores})
        print(json.dumps(log[-1]), flush=True)
        if mean_f1 > best:
            best, best_epoch = mean_f1, epoch
            torch.save(net.state_dict(), args.out / "replynet.pt")

    net.load_state_dict(torch.load(args.out / "replynet.pt", weights_only=True))
    export_onnx(net, tok, args.out / "encoder.onnx")
    arrays: dict[str, Any] = {}
    for h in heads:
        arrays[f"{h}_w"] = net.head(h).weight.detach().numpy().T
        arrays[f"{h}_b"] = net.head(h).bias.detach().numpy()
        arrays[f"{h}_labels"] = np.array(HEAD_LABELS[h])
    np.savez(args.out / "heads.npz", **arrays)
    (args.out / "multitask.json").write_text(
        json.dumps(
            {
                "tasks": tasks,
                "init": args.init,
                "epochs": args.epochs,
                "best_epoch": best_epoch,
                "best_dev_mean_macro_f1": best,
                "lr": args.lr,
                "batch": args.batch,
                "seed": args.seed,
                "limit": args.limit,
                "rationales": args.rationales,
                "max_len": MAX_LEN,
                "features": "[a, b, a*b, |a-b|]; a = response / therapist utterance, "
                "b = seeker post / previous utterance",
                "train_sizes": {t: len(d) for t, d in train.items()},
                "dev_sizes": {t: len(d) for t, d in dev.items()},
                "class_weights": {
                    h: loss.weight.tolist() for h, loss in losses.items() if loss.weight is not None
                },
                "dev": log,
                "seconds_per_step": {t: task_seconds[t] / max(1, task_steps[t]) for t in tasks},
                "eval_seconds": eval_seconds,
                "seconds": time.time() - start,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

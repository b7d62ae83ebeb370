"""Stage 1, distilled: an ensemble of fine-tunes teaches one encoder (the cue model's stage 1).

Valence is learned from EmoBank's 8,062 training sentences, and one fine-tuned MiniLM reads it
at r 0.74 on dev. Several fine-tunes from different seeds (the teachers) read it better
together, but would cost one encoder pass each per turn. So the teachers' mean reading of
every GoEmotions training text (emotion probabilities and V, A, D) becomes a soft label, and
one student MiniLM learns from the gold labels and those soft labels: about 51,000 texts with
a V, A, D reading instead of 8,062. One encoder at run time, as before.

Only train splits are learned from; dev picks each run's epoch and, among the students, the
one that is kept (the highest dev valence r plus GoEmotions macro-F1). The test splits are
never read.

    python -m attunement.training.distill --out training/distill --device auto --parallel 8
    # or in two calls, carrying only readings.npz and teachers.json from the first to the second:
    python -m attunement.training.distill --out training/distill --parallel 8 --phase teachers
    python -m attunement.training.distill --out training/distill --parallel 8 --phase students

Measured on one H200 with 8 runs at a time: about 2 minutes an epoch per run (the runs take
turns on the GPU), so the whole recipe (8 teachers, then 8 students, 3 epochs each) takes about
13 minutes; on 2 CPU cores it runs too, one run at a time, in about 16 hours. A run stopped by
``--hours`` keeps its best epoch so far (``dev.json`` is written every epoch).

The kept student is written like a :mod:`.finetune` run (``cuenet.pt`` and ``finetune.json``;
:func:`export` adds ``encoder.onnx`` and ``heads.npz``), so stage 2 (:mod:`.calibrate`) reads
it unchanged.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch

from attunement.training import finetune as ft

#: Student settings tried: the teacher's share of the emotion target, the weight of the
#: teacher's V, A, D on GoEmotions texts, and passes over EmoBank per epoch.
STUDENT_GRID = list(itertools.product((0.0, 0.5), (1.0, 2.0), (1, 2)))


def run_all(jobs: list[list[str]], parallel: int, deadline: float) -> list[subprocess.Popen[bytes]]:
    """Run ``python -m`` jobs, ``parallel`` at a time; stop the rest at ``deadline`` (time.time()).

    Returns the runs stopped at the deadline. A run that fails on its own is reported, not hidden.
    """
    pending, running = list(jobs), list[subprocess.Popen[bytes]]()
    while pending or running:
        while pending and len(running) < parallel:
            running.append(subprocess.Popen([sys.executable, "-m", *pending.pop(0)]))
        for p in [p for p in running if p.poll() is not None]:
            if p.returncode != 0:
                print(f"run failed (exit {p.returncode}): {p.args!r}", flush=True)
        running = [p for p in running if p.poll() is None]
        if time.time() > deadline:
            for p in running:
                p.kill()
                p.wait()
            print(f"deadline: stopped {len(running)} runs, {len(pending)} never started", flush=True)
            return running
        time.sleep(1)
    return []


def checkpointed(folder: Path) -> list[Path]:
    """Run folders under ``folder`` with a checkpoint and its dev record (finished or stopped)."""
    return sorted(p.parent for p in folder.glob("*/cuenet.pt") if (p.parent / "dev.json").exists())


def teacher_readings(runs: list[Path], data: Path | None, limit: int, device: str) -> dict[str, np.ndarray]:
    """The teachers' mean emotion probabilities and standardised V, A, D on train and dev texts."""
    (goe_train, _), (goe_dev, eb_dev) = ft.load_splits(data, limit)
    base = ft.base_model_dir()
    tok = ft.tokenizer(base)
    net = ft.CueNet(base)
    sums: dict[str, np.ndarray] = {}
    for run in runs:
        net.load_state_dict(torch.load(run / "cuenet.pt"))
        net.to(device)
        for name, texts in (
            ("goe_train", goe_train.texts),
            ("goe_dev", goe_dev.texts),
            ("eb_dev", eb_dev.texts),
        ):
            probs, vad = ft.predict(net, tok, texts)
            for key, value in ((f"{name}_probs", probs), (f"{name}_vad", vad)):
                sums[key] = sums.get(key, 0) + value
    net.to("cpu")
    return {k: v / len(runs) for k, v in sums.items()}


def student(argv: list[str]) -> None:
    """One student run: gold labels plus the teachers' readings (``--readings``)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--readings", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--eb-repeat", type=int, default=1)
    parser.add_argument("--emotion-weight", type=float, default=0.5)
    parser.add_argument("--vad-weight", type=float, default=1.0)
    parser.add_argument("--device", default="auto")
    args = parser.parse_args(argv)
    device = ft.device_of(args.device)
    rng = ft.seed_everything(args.seed, device)
    train, dev = ft.load_splits(args.data, args.limit)
    readings = np.load(args.readings)
    teacher = ft.Teacher(
        goe_probs=torch.tensor(readings["goe_train_probs"]),
        goe_vad=torch.tensor(readings["goe_train_vad"]),
        emotion_weight=args.emotion_weight,
        vad_weight=args.vad_weight,
    )
    base = ft.base_model_dir()
    net = ft.CueNet(base)
    start = time.time()
    log, best_epoch = ft.fit(
        net, ft.tokenizer(base), train, dev, epochs=args.epochs, lr=args.lr, batch=32,
        eb_repeat=args.eb_repeat, rng=rng, out=args.out, device=device, teacher=teacher,
    )  # fmt: skip
    record = {**{k: v for k, v in vars(args).items() if not isinstance(v, Path)}, "device": device}
    record.update(batch=32, max_len=ft.MAX_LEN, best_epoch=best_epoch, dev=log, seconds=time.time() - start)
    (args.out / "finetune.json").write_text(json.dumps(record, indent=2))


def best_run(runs: list[Path]) -> tuple[Path, dict]:
    """The run whose best epoch has the highest dev valence r plus GoEmotions macro-F1."""

    def score(run: Path) -> tuple[float, dict]:
        done = run / "finetune.json"
        record = json.loads((done if done.exists() else run / "dev.json").read_text())
        record["finished"] = done.exists()
        epoch = record["dev"][record["best_epoch"] - 1]
        return epoch["V"] + epoch["goemotions_macro_f1_tuned"], record

    scored = [(score(run), run) for run in runs]
    if not scored:
        raise RuntimeError("no run saved a checkpoint")
    (_, record), run = max(scored, key=lambda item: item[0][0])
    return run, record


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["student"]:
        return student(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("training/distill"))
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=0, help="use only N examples per task (smoke test)")
    parser.add_argument("--teachers", type=int, default=8)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--teacher-eb-repeat", type=int, default=2)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--parallel", type=int, default=1, help="runs at a time (8 fit one GPU)")
    parser.add_argument("--hours", type=float, default=24.0, help="stop the runs still going after this long")
    parser.add_argument(
        "--phase",
        choices=("all", "teachers", "students"),
        default="all",
        help="teachers: stop after readings.npz and teachers.json; students: start from them "
        "(two calls on a borrowed GPU, carrying only those two files between them)",
    )
    args = parser.parse_args(argv)
    device = ft.device_of(args.device)
    start = time.time()
    deadline = start + args.hours * 3600
    common = ["--epochs", str(args.epochs), "--device", device, "--limit", str(args.limit)]
    if args.data:
        common += ["--data", str(args.data)]

    # 1. Teachers: the recipe of finetune.py, one seed each, more passes over EmoBank.
    if args.phase in ("all", "teachers"):
        teachers = args.out / "teachers"
        jobs = [
            ["attunement.training.finetune", "--out", str(teachers / f"seed-{seed}"), "--seed", str(seed),
             "--eb-repeat", str(args.teacher_eb_repeat), "--no-export", *common]
            for seed in range(101, 101 + args.teachers)
        ]  # fmt: skip
        run_all(
            jobs, args.parallel, deadline if args.phase == "teachers" else start + (deadline - start) * 0.45
        )
        runs = checkpointed(teachers)
        if not runs:
            raise RuntimeError(
                f"no teacher under {teachers} saved a checkpoint before the deadline (--hours)"
            )
        readings = teacher_readings(runs, args.data, args.limit, device)
        np.savez(args.out / "readings.npz", **readings)  # type: ignore[arg-type]
        (_, (goe_dev, eb_dev)) = ft.load_splits(args.data, args.limit)
        ensemble = ft.scores_of(readings["goe_dev_probs"], readings["eb_dev_vad"], goe_dev, eb_dev)
        print("teacher ensemble on dev:", json.dumps(ensemble), flush=True)
        taught = {
            "teachers": [json.loads((r / "dev.json").read_text()) for r in runs],
            "teacher_ensemble_dev": ensemble,
        }
        (args.out / "teachers.json").write_text(json.dumps(taught, indent=2))
        if args.phase == "teachers":
            return None
    if not (args.out / "teachers.json").exists() or not (args.out / "readings.npz").exists():
        raise RuntimeError(
            f"--phase students needs readings.npz and teachers.json in {args.out} (--phase teachers)"
        )
    taught = json.loads((args.out / "teachers.json").read_text())

    # 2. Students: gold labels plus the ensemble's readings, one run per setting.
    students = args.out / "students"
    jobs = [
        ["attunement.training.distill", "student", "--out", str(students / f"e{ew}-v{vw}-r{rep}"),
         "--readings", str(args.out / "readings.npz"), "--emotion-weight", str(ew), "--vad-weight", str(vw),
         "--eb-repeat", str(rep), *common]
        for ew, vw, rep in STUDENT_GRID
    ]  # fmt: skip
    run_all(jobs, args.parallel, deadline)

    # 3. Keep the best student on dev, written as a finetune.py run for stage 2.
    run, record = best_run(checkpointed(students))
    record.update(
        **taught,
        students={p.name: json.loads((p / "dev.json").read_text())["dev"] for p in checkpointed(students)},
        kept=run.name,
        recipe_seconds=time.time() - start,
    )
    (args.out / "cuenet.pt").write_bytes((run / "cuenet.pt").read_bytes())
    (args.out / "finetune.json").write_text(json.dumps(record, indent=2))
    print("kept", run.name, json.dumps(record["dev"][record["best_epoch"] - 1]), flush=True)


def export(out: Path, data: Path | None = None) -> None:
    """Write ``encoder.onnx`` and ``heads.npz`` for the kept student in ``out`` (on any machine)."""
    (train, _), base = ft.load_splits(data), ft.base_model_dir()
    record = json.loads((out / "finetune.json").read_text())
    ft.package(ft.CueNet(base), ft.tokenizer(base), train[1], out, record)


if __name__ == "__main__":
    main()

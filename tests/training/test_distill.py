"""Distillation's bookkeeping: which run is kept, and runs stopped at the deadline."""

import json
import time
from pathlib import Path

import pytest

pytest.importorskip("torch")
from attunement.training import distill  # noqa: E402


def make_run(folder: Path, name: str, dev: list[dict], best_epoch: int, finished: bool) -> Path:
    run = folder / name
    run.mkdir(parents=True)
    (run / "cuenet.pt").write_bytes(b"weights")
    (run / "dev.json").write_text(json.dumps({"dev": dev, "best_epoch": best_epoch}))
    if finished:
        (run / "finetune.json").write_text(json.dumps({"dev": dev, "best_epoch": best_epoch, "seed": 1}))
    return run


def epoch(v: float, f1: float) -> dict:
    return {"V": v, "goemotions_macro_f1_tuned": f1, "A": 0.5, "D": 0.4}


def test_best_run_reads_the_best_epoch_not_the_last(tmp_path):
    make_run(tmp_path, "a", [epoch(0.76, 0.53), epoch(0.70, 0.50)], best_epoch=1, finished=True)
    make_run(tmp_path, "b", [epoch(0.70, 0.50), epoch(0.74, 0.54)], best_epoch=2, finished=True)
    run, record = distill.best_run(distill.checkpointed(tmp_path))
    assert run.name == "a" and record["finished"]


def test_regression_a_run_stopped_at_the_deadline_is_still_a_candidate(tmp_path):
    # The first GPU run lost every student: records were written only when a run ended.
    make_run(tmp_path, "stopped", [epoch(0.75, 0.52)], best_epoch=1, finished=False)
    run, record = distill.best_run(distill.checkpointed(tmp_path))
    assert run.name == "stopped" and not record["finished"]


def test_best_run_without_any_checkpoint_says_so(tmp_path):
    with pytest.raises(RuntimeError, match="no run saved a checkpoint"):
        distill.best_run(distill.checkpointed(tmp_path))


def test_run_all_stops_runs_at_the_deadline():
    # ``python -m timeit`` with a huge count stands in for a training run that never ends.
    job = ["timeit", "-n", "1000000000", "pass"]
    start = time.time()
    stopped = distill.run_all([job, job, job], parallel=2, deadline=start + 2)
    assert time.time() - start < 30
    assert len(stopped) == 2 and all(p.returncode is not None and p.returncode < 0 for p in stopped)


def test_a_run_without_its_dev_record_is_not_a_candidate(tmp_path):
    # A kill between the checkpoint and its record must not crash the recipe hours later.
    run = make_run(tmp_path, "half", [epoch(0.75, 0.52)], best_epoch=1, finished=False)
    (run / "dev.json").unlink()
    assert distill.checkpointed(tmp_path) == []


def test_the_student_phase_without_the_teachers_files_says_what_it_needs(tmp_path):
    with pytest.raises(RuntimeError, match="readings.npz and teachers.json"):
        distill.main(["--out", str(tmp_path), "--phase", "students", "--device", "cpu"])

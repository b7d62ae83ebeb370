"""The sentence encoder: text in, one vector per text out, shared by every head.

A fine-tuned MiniLM exported to ONNX, run by onnxruntime, tokenized by ``tokenizers``.
No torch, no hub: the files ship inside the package.

Determinism: a text gets bit-identical vectors alone or inside any batch. Padding and a
one-row matrix product both change the last bits of a float result, so texts are grouped
by exact token length (no padding at all) and a lone row is run as two identical rows.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from attunement.errors import AttunementError

MAX_TOKENS = 128


class Encoder:
    """Encode texts into pooled sentence vectors with the packaged ONNX model."""

    def __init__(
        self,
        model_dir: Path,
        *,
        max_tokens: int = MAX_TOKENS,
        batch_size: int = 64,
        threads: int | None = None,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        onnx_path, tok_path = model_dir / "encoder.onnx", model_dir / "tokenizer.json"
        for path in (onnx_path, tok_path):
            if not path.is_file():
                raise AttunementError("E021", path=str(model_dir), problem=f"{path.name} not found")
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self.tokenizer = Tokenizer.from_file(str(tok_path))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()  # cut by hand below, so the full length is known for free
        options = ort.SessionOptions()
        # Half the cores each: the cue and reply encoders run side by side (see assess.read_pairs).
        options.intra_op_num_threads = threads or max(1, min((os.cpu_count() or 2) // 2, 4))
        self.workers = max(1, (os.cpu_count() or 1) // options.intra_op_num_threads)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self.dim = int(self.session.get_outputs()[0].shape[-1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return a float32 array (len(texts), dim); equal texts give equal rows, in any batch."""
        return self.encode_counted(texts)[0]

    def encode_counted(self, texts: Sequence[str]) -> tuple[np.ndarray, list[int]]:
        """The vectors, and each text's token count before truncation (to tell when it was cut)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out, []
        full = [enc.ids for enc in self.tokenizer.encode_batch(list(texts))]
        # [CLS] text [SEP] cut to max_tokens keeps [SEP], exactly as the tokenizer's own truncation.
        ids_list = [
            ids if len(ids) <= self.max_tokens else ids[: self.max_tokens - 1] + ids[-1:] for ids in full
        ]
        by_length: dict[int, list[int]] = defaultdict(list)
        for i, cut in enumerate(ids_list):
            by_length[len(cut)].append(i)
        chunks = [
            rows[start : start + self.batch_size]
            for rows in by_length.values()
            for start in range(0, len(rows), self.batch_size)
        ]

        def run(chunk: list[int]) -> None:
            batch = np.array([ids_list[i] for i in chunk], dtype=np.int64)
            if len(chunk) == 1:  # a one-row product rounds differently: run it as two rows
                batch = np.repeat(batch, 2, axis=0)
            feed = {"input_ids": batch, "attention_mask": np.ones_like(batch)}
            out[chunk] = self.session.run(None, feed)[0][: len(chunk)]

        if len(chunks) > 1 and self.workers > 1:  # a big batch uses every core, one run per core
            with ThreadPoolExecutor(max_workers=self.workers) as pool:
                list(pool.map(run, chunks))
        else:
            for chunk in chunks:
                run(chunk)
        return out, [len(ids) for ids in full]

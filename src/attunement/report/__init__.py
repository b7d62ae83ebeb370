"""The report of a conversation: one dict with a versioned JSON Schema, and its renderings.

``to_dict``/``to_json`` follow ``schema.json`` (validated in the tests), ``to_html`` writes one
self-contained file (no network), ``to_pandas`` gives one row per turn.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from attunement.errors import AttunementError
from attunement.needs import shown_label

SCHEMA_PATH = Path(__file__).resolve().parent / "schema.json"


def write_report(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``path``; a folder, a missing folder or no permission is E040."""
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        raise AttunementError("E040", path=str(path), problem=error.strerror or str(error)) from None


class Report:
    """What attunement found in one conversation (see ``schema.json`` for every field)."""

    SCHEMA_VERSION = "1.0"

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    @property
    def turns(self) -> list[dict[str, Any]]:
        return list(self._data["turns"])

    @property
    def episodes(self) -> list[dict[str, Any]]:
        return list(self._data["episodes"])

    @property
    def speakers(self) -> dict[str, Any]:
        return dict(self._data["speakers"])

    @property
    def summary(self) -> dict[str, Any]:
        return dict(self._data["summary"])

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(self._data))

    def to_json(self, path: str | os.PathLike[str] | None = None, *, indent: int | None = 2) -> str:
        text = json.dumps(self._data, ensure_ascii=False, indent=indent)
        # U+2028 and U+2029 are valid in JSON strings, but line-based tools split records on them.
        text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        if path is not None:
            write_report(path, text + "\n")
        return text

    def to_html(self, path: str | os.PathLike[str] | None = None) -> str:
        from attunement.report.html import render_html

        page = render_html(self._data)
        if path is not None:
            write_report(path, page)
        return page

    def to_pandas(self) -> Any:
        """One row per turn: speaker, text, cues, need, and for replies the score and capacities."""
        import pandas as pd

        rows = []
        for t in self._data["turns"]:
            cues, a = t["cues"] or {}, t["assessment"] or {}
            row = {
                "index": t["index"],
                "speaker": t["speaker"],
                "text": t["text"],
                "timestamp": t["timestamp"],
                "emotions": ", ".join(cues.get("predicted", [])),
                "valence": cues.get("valence"),
                "arousal": cues.get("arousal"),
                "dominance": cues.get("dominance"),
                "tone_shifted": bool(t["tone_shift"] and t["tone_shift"]["shifted"]),
                "need": shown_label(t["need"]),
                "responds_to": a.get("responds_to"),
                "score": a.get("score"),
            }
            for c, v in (a.get("capacities") or {}).items():
                row[c] = v
            row["safety"] = t["safety"]["kind"] if t["safety"] else None
            rows.append(row)
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        conv = self._data["conversation"]
        return f"Report({conv['id']!r}, {conv['n_turns']} turns, {len(self._data['episodes'])} episodes)"

"""The ``attune`` command: a thin layer over the public API. ``attune --help`` is the guide."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from attunement.errors import AttunementError
from attunement.notice import Cues, cues_many, notice

app = typer.Typer(
    help="Make emotional attunement in conversations visible: read chats, notice the cues in each turn.",
    no_args_is_help=True,
    add_completion=False,
)
train_app = typer.Typer(help="Rebuild the shipped models from ../shared/data (needs the 'train' extra).")
app.add_typer(train_app, name="train")
console = Console()
DataOption = Annotated[Path | None, typer.Option(help="The shared datasets (default ../shared/data).")]  # noqa: UP007


def _fail(error: AttunementError) -> None:
    Console(stderr=True).print(f"[bold red]error[/] {error}", markup=True, highlight=False)
    raise typer.Exit(2)


def _bar(value: float, width: int = 10) -> str:
    filled = round(max(0.0, min(1.0, value)) * width)
    return "█" * filled + "·" * (width - filled)


def _print_cues(c: Cues) -> None:
    table = Table(title="Emotions", show_header=True, header_style="bold")
    table.add_column("label")
    table.add_column("probability", justify="right")
    table.add_column("")
    for label, p in sorted(c.emotions.items(), key=lambda kv: -kv[1])[:8]:
        mark = " ✓" if label in c.predicted else ""
        table.add_row(label + mark, f"{p:.3f}", _bar(p))
    console.print(table)
    console.print(
        f"valence {c.valence:.2f}   arousal (intensity) {c.arousal:.2f}   dominance {c.dominance:.2f}"
        "   [dim](1 to 5, 3 is neutral)[/]"
    )
    if c.notes:
        console.print(f"[yellow]notes:[/] {', '.join(c.notes)}")


@app.command()
def cues(
    text: Annotated[str, typer.Argument(help="The text to read, e.g. a message you received.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Notice the emotional cues in one text: emotions, valence, arousal, dominance."""
    try:
        found = cues_many([text])[0]
    except AttunementError as error:
        _fail(error)
        return
    if as_json:
        typer.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_cues(found)


@app.command()
def analyze(
    path: Annotated[
        Path,
        typer.Argument(
            help="A chat export: WhatsApp .txt, Telegram result.json, "
            "transcript, .vtt/.srt, .csv/.jsonl or a ConvoKit folder."
        ),
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Skip detection: whatsapp, telegram, "  # noqa: UP007
            "transcript, vtt, srt, csv, jsonl, convokit.",
        ),
    ] = None,
    json_out: Annotated[
        str | None,
        typer.Option(
            "--json",
            help="Write JSON to this file, or - for "  # noqa: UP007
            "standard output.",
        ),
    ] = None,
    merge: Annotated[
        bool, typer.Option(help="Merge consecutive messages of one speaker into a turn.")
    ] = True,
) -> None:
    """Read a conversation and show, turn by turn, what each person felt and where their tone changed."""
    from attunement.readers import read

    try:
        found = read(path, format=format, merge=merge)
        conversations = found if isinstance(found, list) else [found]
        results = [(conv, notice(conv)) for conv in conversations]
    except AttunementError as error:
        _fail(error)
        return
    if json_out is not None:
        payload = [
            {
                "id": conv.id,
                "speakers": list(conv.speakers),
                "metadata": _jsonable(conv.metadata),
                "turns": [dict(tc.to_dict(), text=turn.text) for turn, tc in zip(conv.turns, noticed)],
            }
            for conv, noticed in results
        ]
        text = json.dumps(payload if len(payload) > 1 else payload[0], ensure_ascii=False, indent=2)
        if json_out == "-":
            typer.echo(text)
            return
        Path(json_out).write_text(text + "\n", encoding="utf-8")
        console.print(f"wrote {json_out}")
    for conv, noticed in results:
        _print_conversation(conv, noticed)


def _jsonable(value: object) -> object:
    return json.loads(json.dumps(value, default=str))


def _print_conversation(conv, noticed) -> None:  # type: ignore[no-untyped-def]
    table = Table(
        title=f"{conv.id}: {len(conv)} turns, {', '.join(conv.speakers)}",
        show_lines=False,
        header_style="bold",
        expand=True,
    )
    table.add_column("#", justify="right", style="dim")
    table.add_column("speaker", style="bold")
    table.add_column("text", ratio=3, overflow="fold")
    table.add_column("feeling", ratio=1, min_width=12, overflow="fold")
    table.add_column("intensity", justify="right")
    table.add_column("tone", ratio=1, min_width=8, overflow="fold")
    for turn, tc in zip(conv.turns, noticed):
        if tc.cues is None:
            table.add_row(str(turn.index), turn.speaker, turn.text, "", "", "")
            continue
        text = turn.text if len(turn.text) <= 280 else turn.text[:277] + "…"
        shift = ""
        if tc.tone_shift and tc.tone_shift.shifted:
            direction = "warmer" if tc.tone_shift.valence > 0 else "cooler"
            if abs(tc.tone_shift.arousal) > abs(tc.tone_shift.valence):
                direction = "more charged" if tc.tone_shift.arousal > 0 else "calmer"
            shift = f"[yellow]shift: {direction}[/]"
        table.add_row(
            str(turn.index),
            turn.speaker,
            text,
            ", ".join(tc.cues.predicted),
            f"{tc.cues.arousal:.2f}",
            shift,
        )
    console.print(table, highlight=False, markup=True)


@app.command(name="eval")
def eval_command(
    data: DataOption = None,
    out: Annotated[Path, typer.Option(help="Where the figures go.")] = Path("benchmarks/results"),
    baselines: Annotated[bool, typer.Option(help="Also run NRCLex and VADER on the same data.")] = True,
) -> None:
    """Measure the cue models on the official test splits, next to NRCLex and VADER."""
    from attunement import eval as evaluation

    try:
        report = evaluation.evaluate(data, baselines=baselines)
    except AttunementError as error:
        _fail(error)
        return
    evaluation.write(report, out)
    console.print(evaluation.markdown(report))
    console.print(f"wrote {out / 'eval.json'} and {out / 'eval.md'}")


@train_app.command(name="cues")
def train_cues(
    data: DataOption = None,
    work: Annotated[Path, typer.Option(help="Scratch folder for the fine-tuned checkpoint.")] = Path(
        "training/out"
    ),
    dest: Annotated[Path | None, typer.Option(help="Model folder to write (default: the package's).")] = None,  # noqa: UP007
    epochs: Annotated[int, typer.Option(help="Fine-tuning epochs; dev picks the best.")] = 3,
    limit: Annotated[int, typer.Option(help="Use only N examples per split (a smoke test).")] = 0,
) -> None:
    """Fine-tune the encoder and rebuild the cue model (tens of minutes on 2 cores)."""
    from attunement.models import model_dir
    from attunement.training import train_cues as run

    try:
        written = run(data=data, work=work, dest=dest or model_dir(), epochs=epochs, limit=limit)
    except AttunementError as error:
        _fail(error)
        return
    console.print(f"wrote {written}. Measure it with: attune eval")


def main() -> None:  # pragma: no cover - console entry point
    app(sys.argv[1:])

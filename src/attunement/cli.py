"""The ``attune`` command: a thin layer over the public API. ``attune --help`` is the guide."""

from __future__ import annotations

import json
import re
import sys
import warnings
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape as escape_markup
from rich.panel import Panel
from rich.table import Table
from typer.core import TyperCommand, TyperGroup

from attunement.capacities import CAPACITIES
from attunement.conversation import Conversation, turn_number
from attunement.errors import WARNINGS, AttunementError, AttunementWarning
from attunement.notice import Cues
from attunement.notice import cues as read_cues_of
from attunement.readers.source import Source, decode, source_of
from attunement.report import Report
from attunement.safety import SafetyNotice
from attunement.suggest import QUIET_SCORE, without_suggestions
from attunement.summary import has_replies


def _plain_flags(params: list[Any]) -> list[Any]:
    """Flags shown as flags in help (``--json``), not with a type (``--json <bool>``)."""
    for param in params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    return params


class _Command(TyperCommand):
    """A command whose help shows plain flags and its arguments as NAME in the usage line."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_flags(super().get_params(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = (param.metavar or param.name or "").upper() + ("..." if param.nargs != 1 else "")
                pieces.append(name if param.required else f"[{name}]")
        return pieces


class _Group(TyperGroup):
    """A command group whose help shows plain flags."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_flags(super().get_params(ctx))


def _version(show: bool) -> None:
    """Print the installed version (from the package metadata) and exit."""
    if show:
        from importlib.metadata import PackageNotFoundError, version

        from attunement import __version__

        try:
            found = version("attunement")
        except PackageNotFoundError:  # run from a source tree that is not installed
            found = __version__
        typer.echo(f"attune {found}")
        raise typer.Exit()


app = typer.Typer(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Make emotional attunement in conversations visible: read chats, notice each turn's cues, "
    "judge each reply on the six capacities, find ruptures and repairs.",
    no_args_is_help=True,
    rich_markup_mode="markdown",  # docstrings reflow: one paragraph per blank-line block
    add_completion=False,
)
train_app = typer.Typer(
    help="Rebuild the shipped models: cues and reply from the public datasets, needs, overall and "
    "episodes from the project's labelled sets (needs the 'train' extra)."
)
app.add_typer(train_app, name="train", cls=_Group)
console = Console()
_python_showwarning = warnings.showwarning
# Control characters in chat text (terminal escapes that clear the screen or retitle the window)
# are shown as a replacement mark, never passed to the user's terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """User text made safe for the terminal: Rich markup escaped, control characters replaced."""
    return escape_markup(_CONTROL.sub("\ufffd", text))


DataOption = Annotated[
    Path | None,  # noqa: UP007
    typer.Option(
        help="The datasets folder (default: $ATTUNEMENT_DATA, else ../shared/data beside here or the repo)."
    ),
]


class DateOrder(str, Enum):
    """How a WhatsApp export writes dates: decided from the file, or day or month first."""

    auto = "auto"
    dmy = "dmy"
    mdy = "mdy"


def _fail(error: AttunementError) -> None:
    Console(stderr=True).print(f"[bold red]error[/] {escape(str(error))}", markup=True, highlight=False)
    raise typer.Exit(2)


def _say_warning(message: str) -> None:
    """One plain warning line on stderr."""
    Console(stderr=True).print(f"[yellow]warning[/] {escape(message)}", highlight=False)


def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    """attunement's own warnings as one plain line on stderr; others as Python shows them."""
    if issubclass(category, AttunementWarning):
        _say_warning(str(message))
    else:
        _python_showwarning(message, category, *args, **kwargs)


@app.callback()
def _setup(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    warnings.showwarning = _show_warning


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


@app.command(cls=_Command)
def cues(
    text: Annotated[
        str, typer.Argument(help="The text to read, e.g. a message you received; - reads stdin.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Notice the emotional cues in one text: emotions, valence, arousal, dominance."""
    try:
        found = read_cues_of(from_stdin(text))
    except AttunementError as error:
        _fail(error)
        return
    if as_json:
        typer.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_cues(found)


def _print_safety(notice: SafetyNotice | None) -> None:
    if notice is not None:
        console.print(Panel(escape(notice.message), title="[bold]First, safety[/]", border_style="red"))


#: How many marked spans the terminal lists (the JSON keeps them all).
SHOWN_SPANS = 20


def _print_spans(spans: list[dict[str, Any]]) -> None:
    for span in spans[:SHOWN_SPANS]:
        console.print(
            f'  [bold]{escape(span["kind"])}[/]: [yellow]"{escape(shortened(span["text"], 80))}"[/]'
        )
    if len(spans) > SHOWN_SPANS:
        console.print(f"  [dim]… and {len(spans) - SHOWN_SPANS} more (--json lists them all)[/]")


@app.command(cls=_Command)
def feedback(
    message: Annotated[
        str, typer.Option("--message", "-m", help="What the other person said; - reads stdin.")
    ],
    reply: Annotated[str, typer.Option("--reply", "-r", help="The reply to assess; - reads stdin.")],
    context: Annotated[
        list[str] | None,  # noqa: UP007
        typer.Option("--context", "-c", help="An earlier turn, oldest first (repeat the option)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a card.")] = False,
) -> None:
    """Assess how attuned a reply is to a message: a 0-100 score, six capacities, evidence and tips."""
    from attunement.assess import assess

    try:
        if message == reply == "-":
            raise typer.BadParameter("only one of --message and --reply can be - (stdin)")
        result = assess(from_stdin(message), from_stdin(reply), context=context or [])
    except AttunementError as error:
        _fail(error)
        return
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    _print_safety(result.safety)
    console.print(f"[dim]message:[/] {escape(shortened(result.message))}")
    console.print(f"[dim]reply:[/]   {escape(shortened(result.reply))}")
    if result.safety is not None:
        need = "[dim]set aside: crisis language comes first[/]"
    elif result.need and result.need.trusted:
        need = result.need.label
    else:
        need = "[dim]unclear (the model's reading does not fit the message's words)[/]"
    console.print(f"[bold]Attunement {result.score:.0f}/100[/]   [dim]likely need of the message:[/] {need}")
    intensity = result.reading.get("intensity")
    if intensity and intensity != "matched":
        console.print(f"[yellow]intensity: {intensity}[/] [dim](reply's arousal vs the message's)[/]")
    table = Table(show_header=True, header_style="bold")
    table.add_column("capacity")
    table.add_column("attuned", justify="right")
    table.add_column("")
    table.add_column("evidence")
    for name, value in result.capacities.items():
        words = "; ".join(
            f'{e["kind"]}: "{e["text"]}"' for e in result.evidence[name] if e["side"] == "reply"
        )
        table.add_row(name.replace("_", " "), f"{value:.2f}", _bar(value), escape(words[:80]))
    console.print(table)
    if result.markers:
        console.print("[bold red]Markers[/]")
        _print_spans(result.markers)
    if not result.suggestions:
        style = "bold green" if result.score >= QUIET_SCORE else "dim"
        console.print(f"[{style}]{without_suggestions(result.score)}[/]")
        return
    console.print("[bold]Try this[/]")
    for tip in result.suggestions:
        console.print(f"  • {escape(tip)}")


@app.command(cls=_Command)
def check(
    draft: Annotated[str, typer.Argument(help="A reply you are about to send; - reads stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check a draft before sending: flooding and the four horsemen, with the words; crisis
    language gets a calm safety note first.

    Exits with status 1 when it warns, so scripts and editors can act on it. A draft that starts
    with "-" goes after "--": attune check -- "-_- fine".
    """
    from attunement.draft import check_draft

    try:
        result = check_draft(from_stdin(draft))
    except AttunementError as error:
        _fail(error)
        return
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_safety(result.safety)
        colour = "red" if result.warnings or result.safety else "green"
        console.print(f"[bold {colour}]{escape(result.headline)}[/]")
        for warning in result.warnings:
            console.print(f"  • {escape(warning)}")
        _print_spans(result.markers)
    if result.warnings or result.safety:
        raise typer.Exit(1)


@app.command(cls=_Command)
def analyze(
    path: Annotated[
        Path,
        typer.Argument(
            help="A chat export: WhatsApp .txt, Telegram result.json, "
            "transcript, .vtt/.srt, .csv/.jsonl or a ConvoKit folder; - reads standard input."
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
        typer.Option("--json", help="Write the report as JSON to this file, or - for standard output."),  # noqa: UP007
    ] = None,
    html_out: Annotated[
        Path | None,
        typer.Option("--html", help="Write a self-contained HTML report to this file."),  # noqa: UP007
    ] = None,
    merge: Annotated[
        bool, typer.Option(help="Merge consecutive messages of one speaker into a turn.")
    ] = True,
    speaker_column: Annotated[
        str | None, typer.Option(help="CSV/JSONL: the column with the speaker's name.")  # noqa: UP007
    ] = None,
    text_column: Annotated[
        str | None, typer.Option(help="CSV/JSONL: the column with the message text.")  # noqa: UP007
    ] = None,
    time_column: Annotated[
        str | None, typer.Option(help="CSV/JSONL: the column with the timestamp (ISO 8601).")  # noqa: UP007
    ] = None,
    date_order: Annotated[
        DateOrder,
        typer.Option(help="WhatsApp: dmy (31/12) or mdy (12/31) when the file cannot tell."),
    ] = DateOrder.auto,
) -> None:
    """Analyze a conversation: feelings, attunement, ruptures and repairs, profiles, summary.

    Each turn's emotional cues and likely need; each reply's six capacities, evidence and
    suggestions; rupture-and-repair episodes; both people's profiles; a plain summary. --html
    writes one self-contained page; --json the report (its schema ships in the package). An
    export with several chats gives one report per chat: files named NAME-1, NAME-2, ... and,
    with --json -, one report per line (JSON Lines).
    """
    from rich.progress import Progress, TaskID

    from attunement.analyze import analyze_conversation

    quiet = json_out == "-"
    given = {
        "speaker_column": speaker_column,
        "text_column": text_column,
        "timestamp_column": time_column,
        "date_order": None if date_order is DateOrder.auto else date_order.value,
    }
    options = {k: v for k, v in given.items() if v is not None}
    targets = (Path(json_out) if json_out not in (None, "-") else None, html_out)
    try:
        report_paths(path, 1, *targets)  # before reading: a wrong path fails fast
        conversations = _read_all(path, format, merge, options)
        report_paths(path, len(conversations), *targets)  # NAME-1, NAME-2, ... when there are several
        reports = []
        with Progress(console=Console(stderr=True), transient=True, disable=quiet) as bar:
            for conv in conversations:
                task = bar.add_task(f"reading {conv.id}", total=max(1, len(conv.turns)))

                def advance(done: int, total: int, task: TaskID = task) -> None:
                    bar.update(task, completed=done, total=total)

                reports.append(analyze_conversation(conv, progress=advance))
    except AttunementError as error:
        _fail(error)
        return
    said = Console(stderr=True) if quiet else console  # stdout carries only the JSON then
    try:
        if quiet:
            for report in reports:  # one report: pretty JSON; several: one per line
                typer.echo(report.to_json(indent=2 if len(reports) == 1 else None))
        elif json_out is not None:
            for target, report in zip(numbered(Path(json_out), len(reports)), reports):
                report.to_json(target, indent=2)
                said.print(f"wrote {escape(str(target))}")
        if html_out is not None:
            for target, report in zip(numbered(html_out, len(reports)), reports):
                report.to_html(target)
                said.print(f"wrote {escape(str(target))}")
    except AttunementError as error:  # E040: a report path that became unwritable meanwhile
        _fail(error)
        return
    if not quiet:
        for report in reports:
            _print_report(report)


#: The command-line flag of each reader option that analyze takes.
FLAGS = {
    "speaker_column": "--speaker-column",
    "text_column": "--text-column",
    "timestamp_column": "--time-column",
    "date_order": "--date-order",
}


def _read_all(path: Path, format: str | None, merge: bool, options: dict[str, str]) -> list[Conversation]:
    """Every conversation in the export; an option its format does not take is a usage error."""
    from attunement.readers import OptionError, read, read_source

    try:
        if str(path) == "-":
            found = read_source(stdin_source(), format, merge=merge, **options)
        else:
            found = read(path, format=format, merge=merge, **options)
    except OptionError as error:
        raise typer.BadParameter(error.said(FLAGS)) from None
    return found if isinstance(found, list) else [found]


def _name_of(conv: dict[str, Any]) -> str:
    """What people call the chat: its name in the export (Telegram) when there is one, else its id."""
    name = (conv.get("metadata") or {}).get("chat_name")
    return str(name) if name else str(conv["id"])


STDIN = Path("<stdin>")  # how errors name standard input


def from_stdin(text: str) -> str:
    """``-`` means: read the text from standard input (``echo "..." | attune check -``); bytes
    that are not text are refused as in a file (E003, E007), and nothing at all is an empty text."""
    if text != "-":
        return text
    raw = sys.stdin.buffer.read()
    return decode(raw, STDIN).rstrip("\r\n") if raw.strip() else ""


def stdin_source() -> Source:
    """Standard input as a chat export, checked like a file (E002, E003, E007)."""
    return source_of(sys.stdin.buffer.read(), STDIN)


#: How much of a long text the terminal card shows (the JSON keeps it whole).
SHOWN_CHARACTERS = 600


def shortened(text: str, most: int = SHOWN_CHARACTERS) -> str:
    """``text`` cut to ``most`` characters for the terminal, saying how much was left out."""
    if len(text) <= most:
        return text
    return f"{text[:most]}… ({len(text) - most:,} more characters)"


def writable(target: Path, source: Path) -> None:
    """Refuse, before any work is done, a report path that cannot be written (E040), or that is
    the chat being read (writing there would destroy the export)."""
    read_from = source.resolve()  # a ConvoKit corpus is a folder: nothing inside it either
    if target.resolve() == read_from or (source.is_dir() and read_from in target.resolve().parents):
        raise AttunementError(
            "E040", path=str(target), problem="it is the chat being read; name another file"
        )
    if target.is_dir():
        raise AttunementError("E040", path=str(target), problem="it is a folder; name a file")
    if not target.parent.is_dir():
        raise AttunementError("E040", path=str(target), problem=f"the folder {target.parent} does not exist")


def report_paths(source: Path, count: int, *targets: Path | None) -> None:
    """Refuse, before any analysis, every path the ``count`` reports would go to that cannot be
    written or is the chat (see :func:`writable`), and one path named for two reports (E040)."""
    seen: set[Path] = set()
    for target in targets:
        for each in numbered(target, count) if target is not None else []:
            writable(each, source)
            if each.resolve() in seen:
                raise AttunementError(
                    "E040", path=str(each), problem="--json and --html both name it; name two files"
                )
            seen.add(each.resolve())


def numbered(target: Path, count: int) -> list[Path]:
    """``target`` for one report; ``NAME-1.ext``, ``NAME-2.ext``, ... for several."""
    if count == 1:
        return [target]
    return [target.with_name(f"{target.stem}-{i + 1}{target.suffix}") for i in range(count)]


def profiles_table(data: dict[str, Any]) -> Table:
    """Each speaker's mean on each capacity, over the replies they wrote."""
    profiles = Table(
        title="How each person attuned (mean over their replies, 0 to 1)",
        caption="self-regulation and repair stay high when there is nothing to regulate or repair",
        header_style="bold",
    )
    profiles.add_column("capacity")
    for speaker in data["speakers"]:
        profiles.add_column(escape(speaker), justify="right")
    for c in CAPACITIES:
        values = [p["capacities"][c]["mean"] for p in data["speakers"].values()]
        profiles.add_row(c.replace("_", " "), *["" if v is None else f"{v:.2f}" for v in values])
    return profiles


#: Turn notes the terminal sums up in one warning line each (the JSON and HTML mark every turn).
NOTE_WARNINGS = {"truncated": "W010", "maybe_not_english": "W011"}


def _warn_notes(data: dict[str, Any]) -> None:
    """One warning per kind of note on the turns' cues, with how many turns have it."""
    notes = [t["cues"]["notes"] for t in data["turns"] if t["cues"]]
    for note, code in NOTE_WARNINGS.items():
        count = sum(note in found for found in notes)
        if count:
            name = _name_of(data["conversation"])
            text = WARNINGS[code].format(name=name, count=count, total=len(data["turns"]))
            _say_warning(f"[{code}] {text}")


def _print_report(report: Report) -> None:
    data = report.to_dict()
    _warn_notes(data)
    conv, summary = data["conversation"], data["summary"]
    for notice in summary["safety"]:
        where = [
            turn_number(t["index"]) for t in data["turns"] if t["safety"] and t["safety"]["message"] == notice
        ]
        title = "First, safety" + (f" (turn {', '.join(map(str, where))})" if where else "")
        console.print(Panel(escape(notice), title=f"[bold]{title}[/]", border_style="red"))
    marks: dict[int, str] = {}
    for e in data["episodes"]:
        marks[e["start"]] = f"[red]rupture: {escape(e['trigger'].replace('_', ' '))}[/]"
        if e["repair"] is not None:
            marks[e["repair"]] = f"[green]repair ({e['status']})[/]"
    table = Table(
        title=escape(f"{_name_of(conv)}: {conv['n_turns']} turns, {', '.join(conv['speakers'])}"),
        header_style="bold",
        expand=True,
    )
    table.add_column("#", justify="right", style="dim")
    table.add_column("speaker", style="bold")
    table.add_column("text", min_width=22)
    table.add_column("feeling", min_width=12, max_width=14)
    table.add_column("intensity", justify="right")
    table.add_column("attuned", justify="right")
    for t in data["turns"]:
        text = t["text"] if len(t["text"]) <= 280 else t["text"][:277] + "…"
        cues, a = t["cues"], t["assessment"]
        table.add_row(
            str(turn_number(t["index"])),
            escape(t["speaker"]),
            escape(text) + (f"\n{marks[t['index']]}" if t["index"] in marks else ""),
            escape(", ".join(cues["predicted"])) if cues else "",
            f"{cues['arousal']:.2f}" if cues else "",
            f"{a['score']:.0f}" if a else "",
        )
    console.print(table)
    if has_replies(data):  # else an empty table says nothing
        console.print(profiles_table(data))
    console.print(f"[bold]{escape(summary['headline'])}[/]")
    for line in summary["went_well"]:
        console.print(f"  [green]+[/] {escape(line)}")
    if summary["moment"]:
        console.print(
            f"  [bold]the moment:[/] turn {turn_number(summary['moment']['turn'])}: "
            f"{escape(summary['moment']['why'])}"
        )
    for speaker, tip in summary["practise"].items():
        console.print(f"  [bold]{escape(speaker)} could practise:[/] {escape(tip)}")
    console.print(f"[dim]{escape(summary['limits'])}[/]")


@app.command(cls=_Command, name="eval")
def eval_command(
    data: DataOption = None,
    out: Annotated[Path, typer.Option(help="Where the figures go.")] = Path("benchmarks/results"),
    baselines: Annotated[bool, typer.Option(help="Also run NRCLex and VADER on the same data.")] = True,
    part: Annotated[
        str, typer.Option(help="cues (emotions, VAD), reply (EPITOME, AnnoMI, needs, pairs) or all.")
    ] = "all",
) -> None:
    """Measure the models on the held-out test splits and write the figures.

    Cues next to NRCLex and VADER (GoEmotions, EmoBank), and reply assessment (EPITOME, AnnoMI,
    the labelled needs and pairs), into --out.
    """
    from attunement import eval as evaluation
    from attunement import reply_eval
    from attunement.datasets import data_dir

    if part not in ("cues", "reply", "all"):
        raise typer.BadParameter("choose cues, reply or all", param_hint="--part")
    try:
        if data is not None:  # a file, or nothing, named by --data is E020 before any work
            data = data_dir(data)
        if part in ("cues", "all"):
            report = evaluation.evaluate(data, baselines=baselines)
            evaluation.write(report, out)
            console.print(evaluation.markdown(report))
            console.print(f"wrote {out / 'eval.json'} and {out / 'eval.md'}")
        if part in ("reply", "all"):
            reply = reply_eval.report(data)
            out.mkdir(parents=True, exist_ok=True)
            (out / "reply_eval.json").write_text(json.dumps(reply, indent=2) + "\n")
            (out / "reply_eval.md").write_text(reply_eval.markdown(reply))
            console.print(reply_eval.markdown(reply))
            console.print(f"wrote {out / 'reply_eval.json'} and {out / 'reply_eval.md'}")
    except AttunementError as error:
        _fail(error)
    except FileNotFoundError as error:
        missing = str(error.filename or error)
        hint = (
            "the labelled sets are incomplete; labelled/README.md lists their files"
            if missing.endswith(".jsonl")
            else "the datasets folder is incomplete; each dataset's README says what its folder holds"
        )
        _fail(AttunementError("E025", path=missing, hint=hint))


@train_app.command(cls=_Command, name="cues")
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


def _recipe(module: str, argv: list[str]) -> None:
    """Run one training recipe (``attunement.training.<module>``), failing clearly without the extra."""
    import importlib

    try:
        recipe = importlib.import_module(f"attunement.training.{module}")
    except ImportError as error:
        _fail(AttunementError("E023", missing=error.name or str(error)))
        return
    try:
        recipe.main(argv)
    except AttunementError as error:
        _fail(error)
    except FileNotFoundError as error:
        hint = f"this recipe reads it; attune train {module} --help says what it needs"
        _fail(AttunementError("E025", path=error.filename or str(error), hint=hint))


@train_app.command(cls=_Command, name="reply")
def train_reply(
    run: Annotated[Path, typer.Option(help="A multitask run folder.")] = Path("training/reply-cue"),
) -> None:
    """Package a reply-model run as reply-v1: fp16 ONNX, dev offsets, test figures, card.

    Train the run first (about 45 minutes on 2 cores):
    `python -m attunement.training.multitask --init training/out/cuenet.pt --out training/reply-cue`
    """
    _recipe("reply", ["--run", str(run)])


LabelledOption = Annotated[
    Path | None,  # noqa: UP007
    typer.Option(help="The project's labelled sets (default: labelled/ in the source tree)."),
]
DestOption = Annotated[
    Path | None,  # noqa: UP007
    typer.Option(help="Model folder to write (default: the package's own, replacing the shipped model)."),
]


def _labelled_recipe(module: str, labelled: Path | None, dest: Path | None, *extra: str) -> None:
    """A recipe fitted on the project's labelled sets, with where to read and where to write."""
    argv = [*extra]
    if labelled is not None:
        argv += ["--labelled", str(labelled)]
    if dest is not None:
        argv += ["--out", str(dest)]
    _recipe(module, argv)


@train_app.command(cls=_Command, name="needs")
def train_needs(labelled: LabelledOption = None, dest: DestOption = None) -> None:
    """Fit the need model on the labelled dev needs (choices by 5-fold CV), then its test figures."""
    _labelled_recipe("needs", labelled, dest)


@train_app.command(cls=_Command, name="overall")
def train_overall(labelled: LabelledOption = None, dest: DestOption = None) -> None:
    """Fit the overall score's pairwise ranker on the labelled dev pairs."""
    _labelled_recipe("overall", labelled, dest)


@train_app.command(cls=_Command, name="episodes")
def train_episodes(
    labelled: LabelledOption = None,
    dest: DestOption = None,
    dev_only: Annotated[bool, typer.Option(help="Do not read the test conversations.")] = False,
) -> None:
    """Fit the rupture-and-repair detector on the labelled dev conversations, then its test figures."""
    _labelled_recipe("episodes", labelled, dest, *(["--dev-only"] if dev_only else []))


def main() -> None:  # pragma: no cover - console entry point
    app(sys.argv[1:])

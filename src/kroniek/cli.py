"""The ``kroniek`` command line: a thin layer over the library; each command calls one function."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from itertools import zip_longest
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from . import pipeline, queries
from .errors import CATALOGUE
from .readers import JsonFields
from .settings import SettingsError, load_settings
from .store import StoreBusy

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="kroniek: political event data from news articles (who did what to whom, when).",
)
err = Console(stderr=True)
out = Console(soft_wrap=True)

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB database file.")]
FormatOption = Annotated[str, typer.Option("--format", help="table or jsonl.")]
MAX_EXIT = 100


def _settings(settings_file: Path | None, overrides: list[str] | None) -> dict[str, Any]:
    try:
        return load_settings(settings_file, overrides or [])
    except (SettingsError, OSError) as exc:
        err.print(f"[red]settings:[/red] {exc}")
        raise typer.Exit(2) from exc


def _write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", "utf-8")


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str], title: str) -> None:
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return
    if fmt != "table":
        err.print(f"[red]unknown format {fmt!r}[/red]: use table or jsonl")
        raise typer.Exit(2)
    cells = [["" if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows]
    table = Table(title=title)
    widths = [min(40, max([len(col)] + [len(r[i]) for r in cells])) for i, col in enumerate(columns)]
    total = max(out.width, 120, sum(widths[:-1]) + 3 * len(columns) + 21)
    free = total - sum(widths[:-1]) - 3 * len(columns) - 1
    for i, col in enumerate(columns):
        if i == len(columns) - 1:  # free text: cut to the space left, keep the other columns whole
            table.add_column(col, no_wrap=True, overflow="ellipsis", width=max(20, free))
        else:
            table.add_column(col, no_wrap=True, width=widths[i])
    for row_cells in cells:
        table.add_row(*row_cells)
    wide = Console(width=total, soft_wrap=True)
    wide.print(table)


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    db: DbOption = Path("kroniek.duckdb"),
    settings_file: Annotated[
        Path | None, typer.Option("--settings", help="TOML file with settings to change.")
    ] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="One setting, section.key=value.")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: settings run.workers).")
    ] = None,
    id_field: Annotated[str | None, typer.Option(help="JSONL field holding the document id.")] = None,
    text_field: Annotated[str | None, typer.Option(help="JSONL field holding the text.")] = None,
    title_field: Annotated[str | None, typer.Option(help="JSONL field holding the title.")] = None,
    date_field: Annotated[str | None, typer.Option(help="JSONL field holding the publication date.")] = None,
    url_field: Annotated[str | None, typer.Option(help="JSONL field holding the URL.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    engine: Annotated[
        str, typer.Option(help="process (a process pool on this machine) or ray (Ray Data).")
    ] = "process",
    ray_address: Annotated[
        str | None,
        typer.Option(help="With --engine ray: join this Ray cluster (host:port) instead of starting one."),
    ] = None,
    parquet: Annotated[
        Path | None,
        typer.Option(
            help="With --engine ray: the folder for the Parquet tables (default: DB name + .parquet)."
        ),
    ] = None,
    store: Annotated[
        bool,
        typer.Option(
            "--import/--no-import", help="With --engine ray: store the tables in --db (else: Parquet only)."
        ),
    ] = True,
) -> None:
    """Read, clean, deduplicate and store articles.

    Example: kroniek run examples/sample --db sample.duckdb

    Reads text files (optional ' date YYYY-MM[-DD]' header), HTML, JSONL, WARC and Parquet, from
    files, folders, globs or stdin (-). Running it again adds nothing; a killed run resumes. Ends
    with one summary line; the exit code is the number of inputs that failed (at most 100).

    --engine ray codes on Ray Data (a local Ray, or the cluster at --ray-address), writes the
    tables as Parquet (--parquet) and stores them in --db; the rows equal a process-pool run's.
    Example: kroniek run ../shared/corpora --engine ray --workers 2 --db news.duckdb
    """
    settings = _settings(settings_file, set_)
    fields = JsonFields(id_field, text_field, title_field, date_field, url_field)
    if engine not in ("process", "ray"):
        raise _usage_error(f"unknown engine {engine!r}: use process or ray")
    if engine == "ray":
        _run_on_ray(paths, db, settings, fields, workers, ray_address, parquet, store)
        return
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=True,
    )
    with progress:
        task = progress.add_task("articles", total=None)

        def tick(_: object) -> None:
            progress.advance(task)

        try:
            summary = pipeline.run(paths, db, settings, fields, workers, on_item=tick)
        except SettingsError as exc:
            err.print(f"[red]settings:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
        except StoreBusy as exc:
            err.print(f"[red]database busy:[/red] {escape(str(exc))}", soft_wrap=True)
            raise typer.Exit(2) from exc
    _report(summary, db)


def _report(summary: pipeline.RunSummary, db: Path) -> None:
    """The end of a run: the first failures and near-duplicates, the summary line, the exit code."""
    for failure in summary.failures[:20]:
        err.print(
            f"[red]failed[/red] {escape(failure.source)} "
            f"{escape(f'[{failure.stage}/{failure.error}]')} {escape(failure.message)}"
        )
    if summary.failed > 20:
        err.print(f"... and {summary.failed - 20} more: kroniek failures --db {db}")
    for source, of, similarity in summary.near[:20]:
        err.print(
            f"near-duplicate {escape(source)} ~ {escape(of)} (similarity {similarity:.2f})",
            highlight=False,
        )
    if summary.near_duplicate > 20:
        err.print(f"... and {summary.near_duplicate - 20} more: kroniek duplicates --db {db}")
    out.print(f"{summary.line()} → {db}")
    raise typer.Exit(min(summary.failed, MAX_EXIT))


def _run_on_ray(
    paths: list[str],
    db: Path,
    settings: dict[str, Any],
    fields: JsonFields,
    workers: int | None,
    address: str | None,
    parquet: Path | None,
    store: bool,
) -> None:
    try:
        from .engines import ray_engine
    except ImportError as exc:
        raise _usage_error(f"the Ray engine needs Ray Data: pip install 'kroniek[ray]' ({exc})") from exc
    from .store.importer import ImportError_

    n_workers = workers or settings["run"]["workers"] or (os.cpu_count() or 1)
    err.print(f"coding on Ray ({address or 'a local Ray'}, {n_workers} workers) ...", highlight=False)
    try:
        summary, ray_run = ray_engine.run(
            paths, db, settings, fields, n_workers, address, parquet, store=store
        )
    except SettingsError as exc:
        err.print(f"[red]settings:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    except StoreBusy as exc:
        err.print(f"[red]database busy:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    except (ValueError, FileExistsError, ImportError_) as exc:
        raise _usage_error(str(exc)) from exc
    err.print(
        f"Ray: {ray_run.shards} inputs, {ray_run.workers} workers, started in "
        f"{ray_run.start_seconds:.1f} s, coded in {ray_run.code_seconds:.1f} s; "
        f"Parquet tables in {ray_run.directory}",
        highlight=False,
    )
    _report(summary, db if store else ray_run.directory)


@app.command("import")
def import_(
    directory: Annotated[Path, typer.Argument(help="A folder kroniek run --engine ray wrote.")],
    db: DbOption = Path("kroniek.duckdb"),
    settings_file: Annotated[
        Path | None, typer.Option("--settings", help="TOML file with settings to change.")
    ] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="One setting, section.key=value.")] = None,
) -> None:
    """Store the Parquet tables of a Ray run in a database, duplicates decided against what it holds.

    Example: kroniek import news.parquet --db news.duckdb

    Reads the folder's outcome rows in input order and decides, as kroniek run does, what is new,
    stored before, or an exact or near duplicate; stores it all in one transaction. Importing the
    same folder again adds nothing.
    """
    from .store.importer import ImportError_, import_outcomes

    settings = _settings(settings_file, set_)
    try:
        summary = import_outcomes(directory, db, settings)
    except StoreBusy as exc:
        err.print(f"[red]database busy:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    except ImportError_ as exc:
        raise _usage_error(str(exc)) from exc
    _report(summary, db)


@app.command()
def documents(
    db: DbOption,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    fmt: FormatOption = "table",
) -> None:
    """List stored documents.

    Example: kroniek documents --db sample.duckdb --limit 10
    """
    rows = queries.documents(db, limit)
    columns = ["id", "published", "language", "format", "words", "title_or_lead"]
    _emit(rows, fmt, columns, f"documents in {db}")


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (see kroniek documents).")],
    db: DbOption,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Show one stored document: metadata, clean text with headings, and what cleaning removed.

    Example: kroniek show 002_top_hanoi --db sample.duckdb
    """
    doc = queries.document(db, doc_id)
    if doc is None:
        err.print(f"[red]no document {doc_id!r} in {db}[/red]")
        raise typer.Exit(1)
    if fmt == "json":
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, default=str, indent=1) + "\n")
        return
    out.print(
        f"[bold]{doc['id']}[/bold]  {doc['published'] or 'date unknown'} "
        f"({doc['published_precision'] or '-'})  "
        f"{doc['language'] or '?'}  {doc['source']}",
        markup=True,
    )
    if doc["title"]:
        out.print(f"[bold]{doc['title']}[/bold]", markup=True)
    for start, end, kind in doc["blocks"]:
        text = doc["clean_text"][start:end]
        out.print(
            f"\n## {text}" if kind == "heading" else f"\n{'(caption) ' if kind == 'caption' else ''}{text}",
            markup=False,
            highlight=False,
        )
    for start, end, reason in doc["removed"]:
        out.print(f"[dim]removed ({reason}): {doc['raw_text'][start:end][:120]!r}[/dim]", markup=True)


@app.command()
def failures(db: DbOption, fmt: FormatOption = "table") -> None:
    """List inputs that failed, with the stage and the reason.

    Example: kroniek failures --db sample.duckdb --format jsonl
    """
    rows = queries.failures(db)
    for row in rows:
        row["meaning"] = CATALOGUE.get(row["error"], "")
    _emit(rows, fmt, ["source", "stage", "error", "message"], f"failures in {db}")


@app.command()
def duplicates(db: DbOption, fmt: FormatOption = "table") -> None:
    """List inputs not stored because a copy is: exact or near duplicates, with the stored id.

    Example: kroniek duplicates --db sample.duckdb
    """
    rows = queries.duplicates(db)
    _emit(rows, fmt, ["source", "kind", "similarity", "duplicate_of", "title"], f"duplicates in {db}")


@app.command()
def actors(
    db: DbOption,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", help="table (one row per actor) or jsonl (one line per document and actor)."
        ),
    ] = "table",
    kind: Annotated[str | None, typer.Option(help="Only person, organisation or country.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows in the table.")] = 100,
) -> None:
    """List the actors found: canonical name, kind, code, mentions, documents, sectors, roles.

    Example: kroniek actors --db sample.duckdb --kind person
    """
    if fmt == "jsonl":
        _emit(queries.actors_per_document(db, kind), "jsonl", [], "")
        return
    rows = queries.actors(db, limit, kind)
    columns = ["name", "kind", "code", "mentions", "documents", "sectors", "roles", "affiliations"]
    _emit(rows, fmt, columns, f"actors in {db}")


EVENT_FORMATS = ("table", "csv", "jsonl", "plover")
_SUFFIX_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}


def _usage_error(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(2)


def _one_of(option: str, value: str | None, known: tuple[str, ...]) -> None:
    if value is not None and value not in known:
        raise _usage_error(f"unknown {option} {value!r}: use one of {', '.join(known)}")


def _short(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def events(
    db: DbOption,
    actor: Annotated[str | None, typer.Option(help="Only events with this actor code (PRK, USA).")] = None,
    recipient: Annotated[str | None, typer.Option(help="Only events with this recipient code.")] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="Only this PLOVER type (CONSULT, ASSAULT, ...).")
    ] = None,
    quad: Annotated[
        str | None,
        typer.Option(
            help="Only this quad: verbal_cooperation, material_cooperation, verbal_conflict, "
            "material_conflict."
        ),
    ] = None,
    date_from: Annotated[
        str | None,
        typer.Option("--from", help="Only events whose date reaches this date or later (2019, 2019-01)."),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option("--to", help="Only events whose date reaches this date or earlier (inclusive)."),
    ] = None,
    aux: Annotated[
        str | None,
        typer.Option(help="Only future, hypothetical or negation events; none: those stated as facts."),
    ] = None,
    historical: Annotated[
        bool | None,
        typer.Option(
            "--historical/--no-historical", help="Only events well before publication / only the others."
        ),
    ] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document's events.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many events.")] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="table, csv, jsonl or plover (PLOVER JSON lines); default: from the -o suffix, else table.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """List events (who did what to whom, when) with the words that say it; filter and export them.

    Example: kroniek events --db kroniek.duckdb --actor PRK --format jsonl

    Filters combine: --actor / --recipient match one of the event's codes; --from / --to keep
    events whose date (a day, month, season, year or range) overlaps the range, both ends
    inclusive; --aux none keeps events stated as facts. --format plover writes PLOVER JSON lines
    (PLOVER manual field names, kroniek's own fields under "kroniek"); csv joins lists with ";".
    """
    from . import export

    type_ = type_.upper() if type_ else type_
    quad = quad.lower() if quad else quad
    aux = aux.lower() if aux else aux
    if fmt is None:
        fmt = _SUFFIX_FORMATS.get(output.suffix.lower(), "table") if output else "table"
    _one_of("format", fmt, EVENT_FORMATS)
    _one_of("type", type_, queries.PLOVER_TYPES)
    _one_of("quad", quad, queries.QUADS)
    _one_of("aux", aux, queries.AUX_VALUES)
    if fmt == "table" and output is not None:
        raise _usage_error("a table goes to the terminal: use --format csv, jsonl or plover with -o")
    try:
        queries.date_bounds(date_from, date_to)
    except ValueError as exc:
        raise _usage_error(str(exc)) from exc
    try:
        rows = queries.events(
            db,
            actor=actor.upper() if actor else actor,
            recipient=recipient.upper() if recipient else recipient,
            type=type_,
            quad=quad,
            date_from=date_from,
            date_to=date_to,
            aux=aux,
            historical=historical,
            doc=doc,
            limit=limit,
        )
    except (FileNotFoundError, RuntimeError) as exc:
        raise _usage_error(str(exc)) from exc
    if fmt == "table":
        cells = [
            {
                "doc": r["doc"],
                "date": r["date"],
                "type": r["type"],
                "mode": r["mode"],
                "actor": ",".join(r["actor"]),
                "recipient": ",".join(r["recipient"]),
                "aux": r["aux"],
                "hist": "yes" if r["historical"] else "",
                "quote": _short(r["quote"]),
            }
            for r in rows
        ]
        columns = ["doc", "date", "type", "mode", "actor", "recipient", "aux", "hist", "quote"]
        _emit(cells, "table", columns, f"{len(rows)} events in {db}")
        return
    writer = {"csv": export.write_csv, "jsonl": export.write_jsonl, "plover": export.write_plover_jsonl}[fmt]
    count = writer(rows, output if output is not None else sys.stdout)
    if output is not None:
        err.print(f"{count} events → {escape(str(output))}", highlight=False)


kb_app = typer.Typer(no_args_is_help=True, help="The actor knowledge base.")
app.add_typer(kb_app, name="kb")


@kb_app.command("import-phoenix")
def kb_import_phoenix(
    source: Annotated[Path, typer.Argument(help="A PETRARCH/Phoenix actor dictionary (.txt).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The KB file (YAML) to write.")],
) -> None:
    """Convert a PETRARCH/Phoenix actor dictionary into a KB file for actors.kb_files.

    Example: kroniek kb import-phoenix Phoenix.Countries.actors.txt -o phoenix.yaml
    """
    import yaml

    from .kb import as_kb_data, import_phoenix

    try:
        items = import_phoenix(source)
    except (OSError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(yaml.safe_dump(as_kb_data(items), allow_unicode=True, sort_keys=False), "utf-8")
    out.print(f"{len(items)} actors → {output}  (use it with --set 'actors.kb_files=[\"{output}\"]')")


eval_app = typer.Typer(no_args_is_help=True, help="Score kroniek against gold data.")
app.add_typer(eval_app, name="eval")


@eval_app.command("html")
def eval_html(
    pages: Annotated[Path, typer.Option("--pages", help="Annotation JSON beside the HTML pages.")] = Path(
        "../shared/data/html/trafilatura_en/evaldata_en_subset.json"
    ),
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the scores as JSON here.")] = None,
) -> None:
    """Score boilerplate removal on pages with must-contain / must-not-contain snippets.

    Example: kroniek eval html --json out/html.json
    """
    from .evaluate.boilerplate import evaluate_pages

    scores = evaluate_pages(pages, load_settings())
    table = Table(title=f"boilerplate removal on {scores['boilerplate']['pages']} pages")
    for col in ("text", "precision", "recall", "f1", "accuracy", "pages failed"):
        table.add_column(col)
    for label, key in (("trafilatura alone", "trafilatura_alone"), ("kroniek clean", "boilerplate")):
        row = scores[key]
        table.add_row(
            label, *(str(row[k]) for k in ("precision", "recall", "f1", "accuracy", "pages_failed"))
        )
    out.print(table)
    if json_out is not None:
        _write_json(json_out, scores)


@eval_app.command("timex")
def eval_timex(
    specs: Annotated[Path, typer.Option("--specs", help="Folder of Recognizers-Text spec files.")] = Path(
        "../shared/data/timex/nl"
    ),
    language: Annotated[
        str | None, typer.Option("--lang", help="nl or en (default: the folder's name).")
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the scores as JSON here.")] = None,
    peer: Annotated[
        str | None, typer.Option("--peer", help="Also run a peer tagger through the same scorer: heideltime.")
    ] = None,
    peer_file: Annotated[
        Path | None,
        typer.Option("--peer-file", help="Score a peer's saved predictions (JSONL) instead of running it."),
    ] = None,
    misses: Annotated[int, typer.Option(help="Examples of misses to print per kind.")] = 5,
) -> None:
    """Score time expressions (date and daterange) on Recognizers-Text specs: span F1 and value accuracy.

    Example: kroniek eval timex --specs ../shared/data/timex/nl --json out/timex.json
    """
    from .evaluate import timex as tx

    language = language or specs.name
    if language not in ("nl", "en"):
        raise typer.BadParameter(f"cannot tell the language of {specs}; pass --lang nl or --lang en")
    if peer not in (None, "heideltime"):
        raise typer.BadParameter(f"unknown peer {peer!r} (known: heideltime)")
    try:
        cases = tx.load_cases(specs)
        rows = {"kroniek": tx.evaluate(cases, tx.kroniek_tagger(language))}
        if peer_file is not None:
            rows["heideltime (saved)"] = tx.score(cases, tx.read_peer_predictions(peer_file, cases))
        elif peer == "heideltime":
            rows["heideltime"] = tx.evaluate(cases, tx.heideltime_tagger(language))
    except (OSError, ValueError, RuntimeError) as exc:
        out.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    table = Table(
        title=f"time expressions ({language}): {len(cases)} cases, {rows['kroniek'].gold} gold spans"
    )
    for col in ("tagger", "span P", "span R", "span F1", "exact F1", "value acc.", "cases/s"):
        table.add_column(col)
    for label, result in rows.items():
        d = result.as_dict()
        table.add_row(
            label,
            *(f"{d[k]:.3f}" for k in ("precision", "recall", "f1", "exact_f1", "value_accuracy")),
            f"{d['cases_per_second']:.0f}" if d["cases_per_second"] else "-",
        )
    out.print(table)
    grouped = tx.misses_by_kind(rows["kroniek"].misses, limit=misses)
    for kind, info in grouped.items():
        files = ", ".join(f"{f} {n}" for f, n in info["by_file"].items())
        out.print(f"[bold]{kind}[/bold]: {info['count']} ({files})")
        for example in info["examples"]:
            detail = f" — {example['detail']}" if "detail" in example else ""
            out.print(f"  {example['span']!r} in {example['text'][:80]!r}{detail}", markup=False)
    if json_out is not None:
        payload = {
            "timex": rows["kroniek"].as_dict(),
            "language": language,
            "peers": {label: r.as_dict() for label, r in rows.items() if label != "kroniek"},
            "misses": grouped,
        }
        _write_json(json_out, payload)


@eval_app.command("ner")
def eval_ner(
    conll: Annotated[Path, typer.Option("--conll", help="CoNLL-2002 file (token ... tag).")] = Path(
        "../shared/data/conll2002/ned.testb"
    ),
    backend_name: Annotated[
        str, typer.Option("--backend", help="fast, accurate or accurate-noparse.")
    ] = "fast",
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the scores as JSON here.")] = None,
) -> None:
    """Score a backend's named entities on CoNLL-2002 (entity level, PER/ORG/LOC/MISC) and its words/s.

    Example: kroniek eval ner --conll ../shared/data/conll2002/ned.testb --json out/ner.json
    """
    from .evaluate import ner as ner_eval
    from .evaluate.ner_backends import predict

    try:
        sentences = ner_eval.read_conll(conll)
        predicted, rate = predict(backend_name, sentences)
    except (OSError, ValueError, RuntimeError) as exc:
        out.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    scores = ner_eval.score_entities([list(s.spans) for s in sentences], predicted)
    out.print(f"{conll.name}: {len(sentences)} sentences, backend {backend_name}, {rate:,.0f} words/s")
    out.print(ner_eval.format_scores(scores), markup=False)
    if json_out is not None:
        payload = {
            "ner": scores,
            "backend": backend_name,
            "file": str(conll),
            "words_per_second": round(rate),
        }
        _write_json(json_out, payload)


@eval_app.command("parse")
def eval_parse(
    conllu: Annotated[Path, typer.Option("--conllu", help="CoNLL-U file (UD Dutch), words given.")] = Path(
        "../shared/data/ud_dutch/UD_Dutch-Alpino/nl_alpino-ud-test.conllu"
    ),
    backend_name: Annotated[str, typer.Option("--backend", help="fast or accurate (Frog).")] = "fast",
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the scores as JSON here.")] = None,
    model_lemmas: Annotated[
        bool,
        typer.Option(
            "--model-lemmas",
            help="fast: the model's lemmas for every word (as fast_backend.MODEL_LEMMA_POS is now).",
        ),
    ] = False,
) -> None:
    """Score a backend's UPOS, lemmas and UD dependencies (UAS, LAS) on CoNLL-U, words given; words/s.

    Example: kroniek eval parse --conllu ../shared/data/ud_dutch/UD_Dutch-Alpino/nl_alpino-ud-test.conllu
    """
    from .evaluate import parse as parse_eval
    from .evaluate.parse_backends import predict

    try:
        sentences = parse_eval.read_conllu(conllu)
        predicted, rate = predict(backend_name, sentences, model_lemmas=model_lemmas)
    except (OSError, ValueError, RuntimeError) as exc:
        out.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    scores = parse_eval.score(sentences, predicted)
    out.print(
        f"{conllu.name}: {scores['sentences']} sentences, {scores['words']} words, backend {backend_name}"
    )
    out.print(parse_eval.format_scores([(backend_name, scores, rate)]), markup=False)
    if json_out is not None:
        payload = {
            **scores,
            "backend": backend_name,
            "model_lemmas": model_lemmas,
            "file": str(conllu),
            "words_per_second": round(rate),
        }
        _write_json(json_out, payload)


def _print_event_scores(result: dict[str, Any], backend_name: str, misses: bool) -> None:
    scores = result["events"]
    if misses:
        for row in result["per_article"]:
            if not row["missed"] and not row["extra"]:
                continue
            table = Table(
                title=f"{row['doc']}: {row['matched']['type']} of {row['gold']} gold events by type"
            )
            table.add_column("gold not found (type level)", overflow="fold")
            table.add_column("predicted, not matched", overflow="fold")
            left = [f"{m['event']}\n  {m['quote'][:90]}" for m in row["missed"]]
            right = [f"{m['event']}\n  {m['evidence'][:90]}" for m in row["extra"]]
            for a, b in zip_longest(left, right, fillvalue=""):
                table.add_row(escape(a), escape(b))
            out.print(table)
    table = Table(title=f"events, backend {backend_name}")
    for col in ("level", "precision", "recall", "F1", "matched", "predicted", "gold"):
        table.add_column(col)
    for level in ("interaction", "quad", "type"):
        s = scores[level]
        table.add_row(
            level,
            *(f"{s[k]:.3f}" for k in ("precision", "recall", "f1")),
            *(str(s[k]) for k in ("matched", "predicted", "gold")),
        )
    out.print(table)
    out.print(
        f"date accuracy {scores['date_accuracy']:.3f} "
        f"(over {scores['dated_matches']} matched dated events) · "
        f"aux accuracy {scores['aux_accuracy']:.3f}"
    )


@eval_app.command("units")
def eval_units(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Unit record files (default: tests/units/nl_events.yaml).")
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the report as JSON here.")] = None,
    failures: Annotated[bool, typer.Option(help="Print each failing record.")] = False,
    settings_file: Annotated[Path | None, typer.Option("--settings", help="TOML file with settings.")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="One setting, section.key=value.")] = None,
) -> None:
    """Run the event coder on unit records (invented sentences with their expected coding).

    A record passes when exactly the expected events are found (type, actors, recipients, aux,
    and the date where the record gives one). Prints the pass rate per file and per tag.

    Example: kroniek eval units tests/units/nl_events.yaml --json out/units.json
    """
    from .evaluate.units import load_units, run_units

    settings = _settings(settings_file, set_)
    payload: dict[str, Any] = {}
    for path in files or [Path("tests/units/nl_events.yaml")]:
        try:
            report = run_units(load_units(path), settings).as_dict()
        except (OSError, ValueError) as exc:
            out.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
        payload[str(path)] = report
        table = Table(title=f"unit records {path}: {report['passed']} of {report['records']} pass")
        for col in ("tag", "records", "passed", "pass rate"):
            table.add_column(col)
        for tag, row in report["by_tag"].items():
            table.add_row(tag, str(row["records"]), str(row["passed"]), f"{row['pass_rate']:.2f}")
        out.print(table)
        out.print(
            f"pass rate {report['pass_rate']:.3f} · event precision {report['event_precision']:.3f} · "
            f"event recall {report['event_recall']:.3f}"
        )
        if failures:
            for failure in report["failures"]:
                out.print(f"[bold]{escape(failure['id'])}[/bold] {escape(failure['text'])}")
                out.print(f"  expected: {escape('; '.join(failure['expected']) or '(none)')}")
                out.print(f"  found:    {escape('; '.join(failure['found']) or '(none)')}")
    if json_out is not None:
        _write_json(json_out, payload)


def _cross_validated(
    articles: Any, analysed: Any, settings: Any, folds: int, gold: Path
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Event scores with the judge trained per fold (evaluate.crossval), the seeds always in
    training (unless they are what is scored)."""
    from .evaluate import crossval
    from .evaluate import events as ev

    seeds = Path("../shared/gold/seeds.jsonl")
    extra = []
    if seeds.is_file() and seeds.resolve() != gold.resolve():
        seed_docs, _ = ev.analyse_docs(["../shared/seeds"], settings)
        extra = crossval.examples(ev.load_gold(seeds), seed_docs, settings)
    result, coded = crossval.cross_validate(articles, analysed, extra, settings, folds)
    out.print("cross-validated: " + ", ".join(f"fold {f['fold']} add {f['add']}" for f in result["folds"]))
    return result, coded


def _print_losses(losses: dict[str, Any], rows: int = 12) -> None:
    for side, title in (("missed", "gold events missed"), ("extra", "predictions not matched")):
        total = sum(r["count"] for r in losses[side])
        table = Table(title=f"where {title} were lost ({total}), first place each went wrong")
        for col in ("category", "count", "share"):
            table.add_column(col)
        for row in losses[side][:rows]:
            table.add_row(row["category"], str(row["count"]), f"{row['share']:.2f}")
        out.print(table)


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Option("--gold", help="Gold JSONL (shared/gold/README.md).")] = Path(
        "../shared/gold/seeds.jsonl"
    ),
    docs: Annotated[
        list[str] | None,
        typer.Option("--docs", help="Seed-format files or folder, or JSONL with doc, published, text."),
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the scores as JSON here.")] = None,
    settings_file: Annotated[Path | None, typer.Option("--settings", help="TOML file with settings.")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="One setting, section.key=value.")] = None,
    misses: Annotated[
        bool, typer.Option(help="Print each article's misses and unmatched predictions.")
    ] = True,
    cross_validate: Annotated[
        int,
        typer.Option(
            help="Score with the learned judge trained per fold by article (N folds) instead of the "
            "shipped one, which has seen the gold articles; the seeds are in every training part."
        ),
    ] = 0,
) -> None:
    """Score events (interaction, quad, type, date and aux accuracy) and actors against hand-coded articles.

    Prints a table per article of the gold events not found and the predictions not matched.

    Example: kroniek eval events --docs ../shared/seeds --json out/events.json
    """
    from .evaluate import events as ev

    settings = _settings(settings_file, set_)
    try:
        articles = ev.load_gold(gold)
        analysed, failed = ev.analyse_docs(docs or ["../shared/seeds"], settings)
    except (OSError, ValueError, RuntimeError) as exc:
        out.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    for failure in failed:
        err.print(
            f"[red]failed[/red] {escape(failure.source)} "
            f"{escape(f'[{failure.stage}/{failure.error}]')} {escape(failure.message)}"
        )
    if cross_validate:
        events, analysed = _cross_validated(articles, analysed, settings, cross_validate, gold)
    else:
        events = ev.score_events(articles, analysed)
    _print_event_scores(events, settings["analyse"]["backend"], misses)
    losses = ev.losses(articles, analysed, settings)
    _print_losses(losses)
    score = ev.score_actors(articles, analysed)
    totals = score.as_dict()
    table = Table(
        title=f"actors (people and organisations) in {len(articles)} gold articles, "
        f"backend {settings['analyse']['backend']}"
    )
    for col in ("article", "found / gold", "missed", "not in gold"):
        table.add_column(col)
    for row in score.per_article:
        table.add_row(
            row["doc"] if row["analysed"] else f"{row['doc']} (not analysed)",
            f"{row['found']} / {row['gold']}",
            ", ".join(row["missed"]),
            ", ".join(row["extra"]),
        )
    out.print(table)
    out.print(f"actors: P {totals['precision']:.3f} · R {totals['recall']:.3f} · F1 {totals['f1']:.3f}")
    if json_out is not None:
        payload = {
            "events": events["events"],
            "actors": totals,
            "per_article": events["per_article"],
            "actors_per_article": score.per_article,
            "losses": losses,
            "backend": settings["analyse"]["backend"],
            "cross_validated": events.get("folds"),
        }
        _write_json(json_out, payload)


@app.command()
def bench(
    paths: Annotated[list[str] | None, typer.Argument(help="Input (default: ../shared/corpora).")] = None,
    workers: Annotated[
        str, typer.Option(help="Workers for the parallel runs: one number, or several (1,2).")
    ] = "2",
    engine: Annotated[
        str, typer.Option(help="process, or ray: each worker count on Ray and on the process pool.")
    ] = "process",
    repeat: Annotated[
        int, typer.Option(min=1, help="With --engine ray: runs of each, the best one compared.")
    ] = 1,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the figures as JSON here.")] = None,
    profile: Annotated[int, typer.Option(help="Articles timed stage by stage on one core (0: none).")] = 200,
    pipeline_runs: Annotated[
        bool, typer.Option("--pipeline/--no-pipeline", help="Also time whole runs into a database.")
    ] = True,
    settings_file: Annotated[Path | None, typer.Option("--settings", help="TOML file with settings.")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="One setting, section.key=value.")] = None,
) -> None:
    """Measure throughput: articles/s on one core and with N workers, each stage's words/s, peak memory.

    Example: kroniek bench ../shared/corpora --workers 2 --set analyse.backend=fast --json bench.json

    --engine ray runs each worker count twice, on the process pool and on a local Ray, and gives
    Ray's throughput as a share of the pool's (the engine's overhead).
    Example: kroniek bench ../shared/corpora --engine ray --workers 1,2 --profile 0
    """
    from .bench import run_bench

    settings = _settings(settings_file, set_)
    if engine not in ("process", "ray"):
        raise _usage_error(f"unknown engine {engine!r}: use process or ray")
    try:
        counts = [int(n) for n in workers.split(",")]
    except ValueError as exc:
        raise _usage_error(f"--workers takes numbers joined by commas, not {workers!r}") from exc
    if not counts or min(counts) < 1:
        raise _usage_error("--workers: every count is 1 or more")
    result = run_bench(
        paths or ["../shared/corpora"], counts, settings, profile, pipeline_runs, engine, repeat
    )
    for line in result["lines"]:
        out.print(line)
    if json_out is not None:
        _write_json(json_out, result["figures"])


EXPORT_FORMATS = ("plover-jsonl", "csv", "parquet", "jsonl")


@app.command()
def export(
    db: DbOption,
    fmt: Annotated[
        str, typer.Option("--format", help="plover-jsonl (PLOVER JSON lines), csv, parquet or jsonl.")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="The file to write.")],
) -> None:
    """Write every event of a database to one file: PLOVER JSON lines, CSV or Parquet.

    Example: kroniek export --db kroniek.duckdb --format parquet -o events.parquet

    plover-jsonl follows the PLOVER manual's field names, with kroniek's own fields under
    "kroniek"; csv joins lists with ";"; parquet keeps lists and evidence spans as typed columns
    and adds date_start / date_end. To export a selection, use kroniek events with its filters.
    """
    from . import export as exporter

    fmt = fmt.lower()
    _one_of("format", fmt, EXPORT_FORMATS)
    try:
        rows = queries.events(db)
    except (FileNotFoundError, RuntimeError) as exc:
        raise _usage_error(str(exc)) from exc
    writers: dict[str, Callable[[list[dict[str, Any]], Path], int]] = {
        "plover-jsonl": exporter.write_plover_jsonl,
        "csv": exporter.write_csv,
        "jsonl": exporter.write_jsonl,
        "parquet": exporter.write_parquet,
    }
    count = writers[fmt](rows, output)
    err.print(f"{count} events → {escape(str(output))} ({fmt})", highlight=False)


@app.command()
def serve(
    db: DbOption,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it to this machine.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    max_rows: Annotated[
        int, typer.Option(min=1, help="At most this many rows in any list a page shows.")
    ] = 1000,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a query may run before it is stopped.")
    ] = 5.0,
    watch: Annotated[
        Path | None,
        typer.Option(
            help="Store the articles that arrive in this folder while serving (created if missing)."
        ),
    ] = None,
    settings_file: Annotated[
        Path | None, typer.Option("--settings", help="With --watch: TOML file with settings to change.")
    ] = None,
    set_: Annotated[
        list[str] | None, typer.Option("--set", help="With --watch: one setting, section.key=value.")
    ] = None,
) -> None:
    """Browse a database in a web browser: overview, timeline, dyads, network, articles, actors, search.

    Example: kroniek serve --db kroniek.duckdb   (then open http://127.0.0.1:8000/)

    The database is opened read-only and nothing is written. Every page has a JSON twin: add
    .json to its path (/timeline.json?actor=PRK, /articles.json, /index.json for the overview).
    Everything the pages need is served by kroniek itself; it works offline.

    With --watch DIR the server is also the database's one writer: files that arrive in DIR (text,
    HTML, JSONL, WARC, Parquet) are read once complete, coded and stored, and show up in the pages
    within seconds; the pages still only read. A restarted server stores what it had not stored.
    Example: kroniek serve --db news.duckdb --watch inbox/
    """
    import uvicorn

    from .web.app import create_app

    settings = _settings(settings_file, set_) if watch is not None else None
    try:
        application = create_app(db, max_rows=max_rows, timeout_s=timeout, watch=watch, settings=settings)
    except StoreBusy as exc:
        err.print(f"[red]database busy:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc
    except SettingsError as exc:
        err.print(f"[red]settings:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    except (FileNotFoundError, RuntimeError, OSError) as exc:
        raise _usage_error(str(exc)) from exc
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]listening on {escape(host)}: other machines can reach this UI[/yellow]")
    err.print(f"kroniek: {escape(str(db))} at http://{escape(host)}:{port}/  (Ctrl-C stops)", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def report(
    db: DbOption,
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    dyads: Annotated[int, typer.Option(min=1, help="How many dyads (the busiest pairs) to chart.")] = 6,
    max_rows: Annotated[
        int, typer.Option(min=1, help="At most this many events in the events table.")
    ] = 5000,
) -> None:
    """Write one self-contained HTML file (timeline, dyads, network, events) to share by e-mail.

    Example: kroniek report --db kroniek.duckdb -o report.html

    The file holds its styles and charts inline and loads nothing from the network.
    """
    from .web.report import write_report

    try:
        size = write_report(db, output, max_rows=max_rows, dyads=dyads)
    except (FileNotFoundError, RuntimeError) as exc:
        raise _usage_error(str(exc)) from exc
    err.print(f"report → {escape(str(output))} ({size / 1024:.0f} KiB)", highlight=False)


@app.command("bench-web")
def bench_web(
    db: DbOption,
    repeats: Annotated[int, typer.Option(min=1, help="Requests per address.")] = 3,
    every: Annotated[
        bool, typer.Option("--every", help="Also ask once for every article page and every actor page.")
    ] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the figures as JSON here.")] = None,
) -> None:
    """Measure how fast the web UI answers: each kind of page and its JSON twin, over HTTP.

    Example: kroniek bench-web --db news.duckdb --every --json out/bench_web.json

    The addresses come from the database (its busiest dyads and actors, articles, names as search
    terms). Exits 1 when a page did not answer 200.
    """
    from .web.bench import bench_pages

    try:
        result = bench_pages(db, repeats=repeats, every=every)
    except (FileNotFoundError, RuntimeError) as exc:
        raise _usage_error(str(exc)) from exc
    rows = [{"page": kind, **f} for kind, f in result["figures"].items()]
    _emit(
        rows, "table", ["page", "requests", "median_ms", "p95_ms", "max_ms", "median_kib"], f"web UI on {db}"
    )
    if result["every_page"]:
        ep = result["every_page"]
        out.print(f"every article and actor page: {ep['checked']} pages in {ep['seconds']} s")
    for failure in result["failed"]:
        err.print(f"[red]failed:[/red] {escape(failure)}")
    if json_out is not None:
        _write_json(json_out, result)
    if result["failed"]:
        raise typer.Exit(1)


def main() -> None:
    app()


if __name__ == "__main__":
    main()

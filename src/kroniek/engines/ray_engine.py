"""The stages on Ray Data: inputs read in parallel, coded by a pool of Ray workers, written as Parquet.

    inputs ──> from_items (one row per shard: consecutive inputs in run order, numbered)
           ──> flat_map(read_shard)     tasks: read a shard's files (text, HTML, JSONL, WARC, Parquet)
           ──> repartition              blocks of ray.block_items items
           ──> map_batches(Coder)       actors: the stages on each item (models loaded once per actor)
           ──> write_parquet            DIR/outcomes/*.parquet, one wide row per item
    then kroniek.store.importer: duplicates decided in input order, tables as Parquet, the store.

Every item carries its place in the input (shard, item), so the result does not depend on which
worker ran what, or when. Without an address a local Ray is started on 127.0.0.1 (no dashboard,
no usage statistics, a bounded object store) and stopped at the end; with one, the run joins that
cluster (``ray start --head`` on another host) and leaves it running: every node needs kroniek
installed, and DIR must be a path every node can write (a shared file system).

A worker killed mid-run is restarted by Ray and its batch retried (Ray Data's actor pools restart
actors and retry their tasks); a batch written twice is read once by the importer, which also
checks that every shard is complete.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..pipeline import RunSummary, for_store, prepare, process_item
from ..readers import Input, JsonFields, RawItem, inputs, read_input
from ..settings import Settings
from ..strings import path_from_text, path_text
from .outcomes import End, Item, Outcome, Unchanged, outcome_row, outcome_table

__all__ = ["RayRun", "code_with_ray", "plan", "ray_session", "run"]

# Ray reports usage statistics unless told not to; kroniek never lets it (set before Ray starts).
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

MANIFEST = "manifest.json"


@dataclass
class RayRun:
    """What a coding run did: inputs (shards), workers, and seconds (cluster start and coding)."""

    shards: int
    workers: int
    address: str | None
    start_seconds: float
    code_seconds: float
    directory: Path


class _Notices(logging.Filter):
    """Drops Ray's notices that say nothing to a kroniek user (that progress bars are off, that
    the local cluster uses token authentication); warnings and errors pass."""

    NOTICES = ("Progress bars disabled", "Token authentication is enabled for this Ray cluster")

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.NOTICES)


def _quiet_logs() -> None:
    for name in ("ray", "ray.data", "ray._private.authentication.authentication_token_setup"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _Notices) for f in logger.filters):
            logger.addFilter(_Notices())
    logging.getLogger("ray.data").setLevel(logging.WARNING)


@contextmanager
def _loopback() -> Iterator[None]:
    """A local Ray started in this block listens on 127.0.0.1 only.

    Ray gives a node the machine's network address unless clusters are off for the platform
    (``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0``, read when Ray is imported), when it uses 127.0.0.1;
    the address is fixed when the node starts, so the setting is restored afterwards (a later run
    in this process may join a cluster).
    """
    import ray._private.ray_constants as constants

    variable = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"
    before_env, before = os.environ.get(variable), constants.ENABLE_RAY_CLUSTER
    os.environ[variable], constants.ENABLE_RAY_CLUSTER = "0", False
    try:
        yield
    finally:
        constants.ENABLE_RAY_CLUSTER = before
        if before_env is None:
            os.environ.pop(variable, None)
        else:
            os.environ[variable] = before_env


@contextmanager
def ray_session(address: str | None, workers: int, settings: Settings) -> Iterator[float]:
    """Connect to Ray for the block; yields the seconds it took to start or join.

    A session already open in this process (a test's, a notebook's) is used as it is and left open.
    """
    import ray

    if ray.is_initialized():
        yield 0.0
        return
    started = time.perf_counter()
    _quiet_logs()
    quiet: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
    if address:
        ray.init(address=address, **quiet)
    else:
        with _loopback():
            ray.init(
                address="local",
                # One CPU per coding actor, and one for the tasks that read inputs and write Parquet.
                num_cpus=workers + 1,
                num_gpus=0,
                include_dashboard=False,
                object_store_memory=settings["ray"]["object_store_mb"] * 2**20,
                **quiet,
            )
    try:
        yield time.perf_counter() - started
    finally:
        ray.shutdown()


def read_shard(
    row: dict[str, Any], settings: Settings, fields: JsonFields, known: dict[str, str]
) -> Iterator[dict[str, Any]]:
    """The items of one shard's inputs, numbered in reading order, then the shard's end row.

    An item stored before byte for byte (its source and input hash in ``known``) is passed on as
    ``Unchanged`` and not processed again, as in a local run.
    """
    count = 0
    item: Item
    for entry in row["inputs"]:
        name, path = path_from_text(entry["name"]), path_from_text(entry["path"])
        source = Input(name, Path(path), bool(entry["explicit"]))
        for item in read_input(source, settings["read"], fields):
            if isinstance(item, RawItem):
                item.meta.input_hash = item.input_hash()
                if known.get(item.source) == item.meta.input_hash:
                    item = Unchanged(item.source, item.meta.input_hash)
            yield {"shard": row["shard"], "item": count, "payload": pickle.dumps(item)}
            count += 1
    yield {"shard": row["shard"], "item": count, "payload": pickle.dumps(End(count))}


def coder_class(settings: Settings) -> type:
    """The Ray Data callable class that runs the stages, with ``settings`` built in.

    Built per run so that the settings travel with the class rather than as actor constructor
    arguments (which Ray keeps in the object store, where a restart after a crash may not find them).
    """

    class Coder:
        def __init__(self) -> None:
            prepare(settings)
            # Load the models and lexicons now, once per actor, not in the first batch.
            process_item(RawItem("<warm-up>", "warm-up", "text", b"Kim ontmoet Poetin in Moskou."), settings)

        def __call__(self, batch: pa.Table) -> pa.Table:
            rows = []
            for shard, number, payload in zip(
                batch.column("shard").to_pylist(),
                batch.column("item").to_pylist(),
                batch.column("payload").to_pylist(),
                strict=True,
            ):
                item: Item = pickle.loads(payload)
                outcome: Outcome = (
                    for_store(process_item(item, settings)) if isinstance(item, RawItem) else item
                )
                rows.append(outcome_row(shard, number, outcome))
            return outcome_table(rows)

    return Coder


def _size(path: Path | None) -> int:
    try:
        return path.stat().st_size if path is not None else 0
    except OSError:  # missing: the reader records it as a failure
        return 0


def plan(paths: list[str], directory: Path, workers: int, settings: Settings) -> list[dict[str, Any]]:
    """The shards, and an empty ``directory`` holding the run's manifest (an earlier run's output
    there is replaced).

    A shard is a run of consecutive inputs, in the order a local run reads them, of about
    ``ray.shard_mib`` MiB or ``ray.shard_files`` files (a large file is a shard of its own): many
    small files are read by few tasks, and every shard is read by one task.
    """
    sources = list(inputs(paths))
    if any(s.path is None for s in sources):
        raise ValueError("the Ray engine reads files, not standard input (-)")
    if directory.exists() and any(directory.iterdir()):
        if not (directory / MANIFEST).is_file():
            raise FileExistsError(f"{directory} is not empty and holds no {MANIFEST}: choose another folder")
        shutil.rmtree(directory)
    directory.mkdir(parents=True, exist_ok=True)
    limit_bytes, limit_files = settings["ray"]["shard_mib"] * 2**20, settings["ray"]["shard_files"]
    groups: list[list[dict[str, Any]]] = []
    size = 0
    for s in sources:
        # Names as text that leads back to the file (Arrow takes no surrogate escapes).
        entry = {"name": path_text(s.name), "path": path_text(str(s.path)), "explicit": s.explicit}
        if not groups or size >= limit_bytes or len(groups[-1]) >= limit_files:
            groups.append([])
            size = 0
        groups[-1].append(entry)
        size += _size(s.path)
    manifest = {
        "engine": "ray",
        "inputs": paths,
        "files": len(sources),
        "shards": len(groups),
        "workers": workers,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    return [{"shard": i, "inputs": group} for i, group in enumerate(groups)]


def code_with_ray(
    paths: list[str],
    directory: Path,
    settings: Settings,
    fields: JsonFields | None = None,
    workers: int = 2,
    address: str | None = None,
    known_inputs: dict[str, str] | None = None,
) -> RayRun:
    """Read and code ``paths`` on Ray with ``workers`` actors; write ``directory/outcomes``."""
    import ray
    import ray.data

    prepare(settings)
    shards = plan(paths, directory, workers, settings)
    with ray_session(address, workers, settings) as start_seconds:
        _quiet_logs()
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.target_max_block_size = settings["ray"]["block_kib"] * 1024
        started = time.perf_counter()
        if shards:
            reader = partial(
                read_shard, settings=settings, fields=fields or JsonFields(), known=known_inputs or {}
            )
            coded = (
                ray.data.from_items(shards, override_num_blocks=len(shards))
                .flat_map(reader, num_cpus=0.25)
                .repartition(target_num_rows_per_block=settings["ray"]["block_items"])
                .map_batches(
                    coder_class(settings),
                    batch_size=settings["run"]["chunk_size"],
                    batch_format="pyarrow",
                    compute=ray.data.ActorPoolStrategy(size=workers),
                    num_cpus=1,
                )
            )
            coded.write_parquet(str(directory / "outcomes"), ray_remote_args={"num_cpus": 0.25})
        else:  # no input: an empty outcome file, so the tables are written (empty) all the same
            (directory / "outcomes").mkdir()
            pq.write_table(outcome_table([]), directory / "outcomes" / "empty.parquet")
        code_seconds = time.perf_counter() - started
    return RayRun(len(shards), workers, address, start_seconds, code_seconds, directory)


def run(
    paths: list[str],
    db: str | Path,
    settings: Settings,
    fields: JsonFields | None = None,
    workers: int = 2,
    address: str | None = None,
    parquet: Path | None = None,
    store: bool = True,
) -> tuple[RunSummary, RayRun]:
    """``kroniek run --engine ray``: code ``paths`` on Ray, write the tables as Parquet in
    ``parquet`` (default: beside ``db``, ``NAME.parquet``), then store them in ``db`` unless
    ``store`` is False. Duplicates are decided against what ``db`` holds."""
    from ..store import Store
    from ..store.importer import import_outcomes, write_tables

    db = Path(db)
    directory = parquet if parquet is not None else db.with_suffix(".parquet")
    known: dict[str, str] = {}
    if db.exists():
        with Store(db, read_only=True) as existing:
            known = existing.input_hashes()
    ray_run = code_with_ray(paths, directory, settings, fields, workers, address, known)
    summary = write_tables(directory, settings, base=db)
    if store:
        summary = import_outcomes(directory, db, settings)
    return summary, ray_run

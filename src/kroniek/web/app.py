"""The analyst web UI: a Starlette app over one kroniek database, read-only.

Every page has a JSON twin at the same path plus ``.json`` (``/timeline.json``,
``/articles/ID.json``; the overview's is ``/index.json``) returning the page's data as it is.
Only GET and HEAD are routed; nothing writes. Templates escape all text; a Content-Security-Policy
lets the browser load scripts, styles and images only from the app itself.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..settings import Settings, load_settings
from . import charts
from .data import BadRequest, NotFound, QueryTimeout, WebData
from .highlight import annotated_blocks

__all__ = ["create_app", "environment", "json_twin", "serve_in_thread"]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def environment() -> Environment:
    """The Jinja environment shared by the app and the report (autoescaping on)."""
    env = Environment(
        loader=PackageLoader("kroniek.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["codes"] = lambda codes: ", ".join(codes) if codes else "–"
    env.globals["quad_colours"] = charts.QUAD_COLOURS
    return env


def json_dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")


class _JSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json_dumps(content)


def event_href(e: dict[str, Any]) -> str:
    return f"/articles/{quote(e['doc'], safe='')}#e{e['n']}"


def actor_href(code: str) -> str:
    return f"/actors/{quote(code, safe='')}"


def dyad_href(a: str, b: str) -> str:
    return f"/dyads/{quote(a, safe='')}-{quote(b, safe='')}"


Handler = Callable[[WebData, Request, str], tuple[str, dict[str, Any], dict[str, Any]]]


def _overview(data: WebData, request: Request, _: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    page = data.overview()
    return "overview.html", page, {}


def _timeline(data: WebData, request: Request, _: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    page = data.timeline(data.filters(dict(request.query_params)))
    extra = {
        "new_svg": charts.timeline_svg(page["events"], event_href, "New events (dated in the article)"),
        "historical_svg": charts.timeline_svg(
            page["historical"], event_href, "Historical mentions (well before publication)", height=200
        ),
    }
    return "timeline.html", page, extra


def _dyad(data: WebData, request: Request, arg: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    a, sep, b = arg.partition("-")
    if not sep or not a or not b:
        raise NotFound(f"a dyad is two codes joined by '-', as in /dyads/PRK-USA, not {arg!r}")
    page = data.dyad(a, b)
    return "dyad.html", page, {"svg": charts.series_svg(page["series"], lambda key, month: f"#m{month}")}


def _network(data: WebData, request: Request, _: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    f = data.filters(dict(request.query_params))
    page = data.network(f)
    svg = charts.network_svg(page, actor_href, dyad_href)
    return "network.html", page, {"svg": svg, "choices": data.choices()}


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise BadRequest(f"not a number: {value!r}") from exc


def _articles(data: WebData, request: Request, _: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    qp = request.query_params
    page = data.articles(
        _int(qp.get("page"), 1), _int(qp.get("per_page"), 50), (qp.get("q") or "").strip() or None
    )
    return "articles.html", page, {}


def _article(data: WebData, request: Request, doc_id: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    page = data.article(doc_id)
    return "article.html", page, {"blocks": annotated_blocks(page)}


def _actors(data: WebData, request: Request, _: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    return "actors.html", data.actors((request.query_params.get("q") or "").strip() or None), {}


def _actor(data: WebData, request: Request, actor_id: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    page = data.actor(actor_id)
    svg = charts.series_svg(
        page["relations"],
        lambda key, month: f"{dyad_href(*key.split('-', 1))}#m{month}",
        label=lambda key: key.replace("-", " – "),
    )
    return "actor.html", page, {"relations_svg": svg}


def _search(data: WebData, request: Request, _: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    q = (request.query_params.get("q") or "").strip()
    return "search.html", data.search(q), {}


def _error(env: Environment, status: int, message: str, as_json: bool) -> Response:
    if as_json:
        return _JSON({"error": message, "status": status}, status_code=status)
    html = env.get_template("error.html").render(status=status, message=message, nav=None)
    return HTMLResponse(html, status_code=status)


def _endpoint(
    handler: Handler, env: Environment, nav: str, param: str | None = None, json_twin: bool = False
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        data: WebData = request.app.state.data
        arg = request.path_params.get(param, "") if param else ""
        as_json = json_twin
        if param and arg.endswith(".json"):
            arg, as_json = arg[: -len(".json")], True
        try:
            template, page, extra = await run_in_threadpool(handler, data, request, arg)
            if as_json:
                return _JSON(page)
            html = await run_in_threadpool(
                env.get_template(template).render,
                page=page,
                nav=nav,
                json_href=_json_href(request),
                request_args=dict(request.query_params),
                **extra,
            )
            return HTMLResponse(html)
        except BadRequest as exc:
            return _error(env, 400, str(exc), as_json)
        except NotFound as exc:
            return _error(env, 404, str(exc), as_json)
        except QueryTimeout as exc:
            return _error(env, 503, str(exc), as_json)

    return endpoint


def json_twin(path: str, query: str = "") -> str:
    """The address of a page's JSON twin: its path plus ``.json`` (the overview's is ``/index.json``)."""
    twin = "/index.json" if path == "/" else f"{path}.json"
    return f"{twin}?{query}" if query else twin


def _json_href(request: Request) -> str:
    return json_twin(request.url.path, urlencode(list(request.query_params.multi_items())))


class _Headers(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response


def create_app(
    db: str | Path,
    *,
    max_rows: int = 1000,
    timeout_s: float = 5.0,
    watch: Path | None = None,
    settings: Settings | None = None,
) -> Starlette:
    """The app for one database, opened read-only; fails at once when the database cannot be read.

    With ``watch``, the app's process is the database's writer: a watcher stores the files that
    arrive in that folder (``kroniek.watch``) while the pages read through cursors of the same
    database; the pages still only read.
    """
    lifespan = None
    if watch is None:
        data = WebData(db, max_rows=max_rows, timeout_s=timeout_s)
    else:
        data, lifespan = _watching(db, watch, settings or load_settings(), max_rows, timeout_s)
    env = environment()
    env.globals["db_name"] = Path(db).name
    static = resources.files("kroniek.web").joinpath("static")
    pages: list[tuple[str, Handler, str, str | None]] = [
        ("/timeline", _timeline, "timeline", None),
        ("/network", _network, "network", None),
        ("/articles", _articles, "articles", None),
        ("/actors", _actors, "actors", None),
        ("/search", _search, "search", None),
    ]
    routes: list[Route | Mount] = [
        Route("/", _endpoint(_overview, env, "overview")),
        Route("/index.json", _endpoint(_overview, env, "overview", json_twin=True)),
        Route("/.json", _endpoint(_overview, env, "overview", json_twin=True)),
    ]
    for path, handler, nav, _ in pages:
        routes.append(Route(path, _endpoint(handler, env, nav)))
        routes.append(Route(f"{path}.json", _endpoint(handler, env, nav, json_twin=True)))
    routes += [
        Route("/dyads/{pair:path}", _endpoint(_dyad, env, "network", "pair")),
        Route("/articles/{doc_id:path}", _endpoint(_article, env, "articles", "doc_id")),
        Route("/actors/{actor_id:path}", _endpoint(_actor, env, "actors", "actor_id")),
        Mount("/static", StaticFiles(directory=str(static)), name="static"),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        return _error(env, 404, f"no page at {request.url.path}", request.url.path.endswith(".json"))

    app = Starlette(
        routes=routes,
        middleware=[Middleware(_Headers)],
        exception_handlers={404: not_found},
        lifespan=lifespan,
    )
    app.state.data = data
    return app


def _watching(
    db: str | Path, folder: Path, settings: Settings, max_rows: int, timeout_s: float
) -> tuple[WebData, Callable[[Starlette], AbstractAsyncContextManager[None]]]:
    """The pages' data over the writer's database, and a lifespan that runs the watcher."""
    from ..store import Store
    from ..watch import Watcher

    store = Store(db)  # creates or migrates the database; StoreBusy when another process has it
    try:
        watcher = Watcher(store, folder, settings)
        data = WebData(db, max_rows=max_rows, timeout_s=timeout_s, connection=store.con.cursor())
    except Exception:
        store.close()
        raise

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.watcher = watcher
        watcher.start()
        try:
            yield
        finally:
            watcher.stop()
            data.close()
            store.close()

    return data, lifespan


@contextmanager
def serve_in_thread(db: str | Path, max_rows: int = 1000) -> Iterator[str]:
    """Serve ``db`` on a free port of 127.0.0.1 in a background thread; yields the base address.

    For the benchmark and the browser tests: a real HTTP server, stopped when the block ends.
    """
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        create_app(db, max_rows=max_rows), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start within 30 s")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)

"""What each page of the web UI shows, as plain data: the JSON twins return these dicts as they are.

All reads go through :class:`WebData`, which holds one read-only DuckDB connection, runs every query
with parameters, a row limit and a time limit (a query running past ``timeout_s`` is interrupted and
raises :class:`QueryTimeout`), and never writes.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from ..queries import (
    AUX_VALUES,
    EVENT_SELECT,
    PLOVER_TYPES,
    QUADS,
    date_bounds,
    event_row,
    event_where,
    in_range,
)
from ..store import SCHEMA_VERSION
from ..timex import interval

__all__ = ["BadRequest", "NotFound", "QueryTimeout", "WebData"]


class BadRequest(ValueError):
    """A filter value the UI cannot use (an unknown type, a date that is no date)."""


class NotFound(LookupError):
    """No such article, actor or dyad in this database."""


class QueryTimeout(RuntimeError):
    """A query ran past the time limit and was interrupted."""


def month_of(value: str | None) -> str | None:
    """The month an event belongs to on a monthly series: its interval's month, when it lies in one.

    A date coarser than a month (a year, a season, a span over months) has no month: it is left
    off monthly series rather than put at the start of its span.
    """
    span = interval(value)
    if span is None:
        return None
    start, end = span
    last = end - dt.timedelta(days=1)
    if (start.year, start.month) != (last.year, last.month):
        return None
    return f"{start:%Y-%m}"


def midpoint(value: str | None) -> dt.date | None:
    """The middle day of an event's date interval: where the timeline draws it."""
    span = interval(value)
    if span is None:
        return None
    start, end = span
    return start + (end - start) / 2


class WebData:
    """Read-only access to one kroniek database for the web UI and the report.

    ``max_rows`` caps every list a page shows (search hits, an article list page, an actor's
    events); the timeline draws up to five times as many points. A capped list says so with
    ``truncated``. ``timeout_s`` limits each query.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        max_rows: int = 1000,
        timeout_s: float = 5.0,
        connection: duckdb.DuckDBPyConnection | None = None,
    ) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise FileNotFoundError(f"no database at {self.path}")
        self.max_rows = max_rows
        self.max_points = 5 * max_rows
        self.timeout_s = timeout_s
        if connection is not None:
            # A connection of this process's writer (kroniek serve --watch): read through cursors
            # of it, and only read (every query is checked to be a SELECT).
            self.con = connection
        else:
            try:
                self.con = duckdb.connect(str(self.path), read_only=True)
            except duckdb.Error as exc:  # locked by a writer (a running kroniek run), or not a database
                raise RuntimeError(f"cannot open {self.path} read-only: {exc}") from exc
        try:
            version = self._scalar("SELECT max(version) FROM schema_version")
        except duckdb.CatalogException as exc:
            self.con.close()
            raise RuntimeError(f"{self.path} is not a kroniek database (no schema_version table)") from exc
        if version != SCHEMA_VERSION:
            self.con.close()
            raise RuntimeError(
                f"{self.path} has schema version {version}, this kroniek needs {SCHEMA_VERSION}: "
                "open it once for writing (kroniek run) to migrate"
            )

    def close(self) -> None:
        self.con.close()

    # -- running queries ------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one parameterised query on its own cursor, interrupted after ``timeout_s``."""
        cursor = self.con.cursor()
        timer = threading.Timer(self.timeout_s, cursor.interrupt)
        timer.start()
        try:
            if any(s.type != duckdb.StatementType.SELECT for s in cursor.extract_statements(sql)):
                raise PermissionError("the web UI is read-only: a query that is not a SELECT was refused")
            cursor.execute(sql, list(params))
            columns = [d[0] for d in cursor.description or []]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        except duckdb.InterruptException as exc:
            raise QueryTimeout(f"the query ran past {self.timeout_s:g} s and was stopped") from exc
        finally:
            timer.cancel()
            cursor.close()

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None

    def _events(self, where: str, params: Sequence[Any], limit: int | None = None) -> list[dict[str, Any]]:
        sql = f"{EVENT_SELECT} WHERE {where} ORDER BY d.published_date NULLS LAST, e.doc_id, e.n"
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, limit]
        return [event_row(r) for r in self.query(sql, params)]

    # -- filters --------------------------------------------------------------------------------
    @staticmethod
    def filters(params: dict[str, str]) -> dict[str, Any]:
        """Event filters from query parameters, checked; empty values mean no filter."""

        def value(key: str) -> str | None:
            v = (params.get(key) or "").strip()
            return v or None

        f: dict[str, Any] = {
            "actor": (value("actor") or "").upper() or None,
            "recipient": (value("recipient") or "").upper() or None,
            "type": (value("type") or "").upper() or None,
            "quad": (value("quad") or "").lower() or None,
            "aux": (value("aux") or "").lower() or None,
            "historical": (value("historical") or "").lower() or None,
            "from": value("from"),
            "to": value("to"),
        }
        if f["type"] is not None and f["type"] not in PLOVER_TYPES:
            raise BadRequest(f"unknown event type {f['type']!r}")
        if f["quad"] is not None and f["quad"] not in QUADS:
            raise BadRequest(f"unknown quad {f['quad']!r}: one of {', '.join(QUADS)}")
        if f["aux"] is not None and f["aux"] not in AUX_VALUES:
            raise BadRequest(f"unknown aux {f['aux']!r}: one of {', '.join(AUX_VALUES)}")
        if f["historical"] not in (None, "yes", "no"):
            raise BadRequest("historical is yes or no")
        try:
            date_bounds(f["from"], f["to"])
        except ValueError as exc:
            raise BadRequest(str(exc)) from exc
        return f

    @staticmethod
    def _where(f: dict[str, Any]) -> tuple[str, list[Any]]:
        historical = {"yes": True, "no": False}.get(f.get("historical") or "")
        return event_where(
            actor=f.get("actor"),
            recipient=f.get("recipient"),
            type=f.get("type"),
            quad=f.get("quad"),
            aux=f.get("aux"),
            historical=historical,
        )

    @staticmethod
    def _in_period(rows: list[dict[str, Any]], f: dict[str, Any]) -> list[dict[str, Any]]:
        if not f.get("from") and not f.get("to"):
            return rows
        lo, hi = date_bounds(f.get("from"), f.get("to"))
        return [r for r in rows if in_range(r["date"], lo, hi)]

    # -- pages ----------------------------------------------------------------------------------
    def overview(self, top: int = 15) -> dict[str, Any]:
        counts = self.query(
            "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM events) AS events, "
            "(SELECT count(*) FROM events WHERE historical) AS historical, "
            "(SELECT count(*) FROM events WHERE aux IS NOT NULL) AS not_factual, "
            "(SELECT count(*) FROM mentions) AS mentions, (SELECT count(*) FROM failures) AS failures, "
            "(SELECT count(*) FROM duplicates) AS duplicates, "
            "(SELECT min(published) FROM documents) AS first_published, "
            "(SELECT max(published) FROM documents) AS last_published"
        )[0]
        quads = {q: 0 for q in QUADS}
        for row in self.query("SELECT quad, count(*) AS n FROM events GROUP BY quad"):
            if row["quad"] in quads:
                quads[row["quad"]] = row["n"]
        languages = self.query(
            "SELECT coalesce(language, '?') AS language, count(*) AS documents FROM documents "
            "GROUP BY ALL ORDER BY documents DESC"
        )
        # The latest events that happened: stated as facts, new, and not dated after the newest
        # article (a plan "for 2030" is no latest event).
        rows = self.query(
            "SELECT e.doc_id, e.n, e.date FROM events e "
            "WHERE NOT e.historical AND e.aux IS NULL AND e.date IS NOT NULL"
        )
        newest = self._scalar("SELECT max(published_date) FROM documents")
        dated = [(mid, r["doc_id"], r["n"]) for r in rows if (mid := midpoint(r["date"])) is not None]
        latest = sorted((d for d in dated if not newest or d[0] <= newest), reverse=True)
        keys = [(doc, n) for _, doc, n in latest[:top]]
        latest_events = self._events_by_key(keys)
        return {
            "counts": counts,
            "quads": [{"quad": q, "events": n} for q, n in quads.items()],
            "languages": languages,
            "dyads": self.dyads(limit=top),
            "latest": latest_events,
        }

    def _events_by_key(self, keys: list[tuple[str, int]]) -> list[dict[str, Any]]:
        if not keys:
            return []
        rows = self._events(
            "(e.doc_id, e.n) IN (SELECT unnest(?), unnest(?))",
            [[k[0] for k in keys], [k[1] for k in keys]],
        )
        order = {k: i for i, k in enumerate(keys)}
        return sorted(rows, key=lambda r: order[(r["doc"], r["n"])])

    def dyads(self, limit: int = 15, f: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Directed actor → recipient pairs, most events first, with their mean PLOVER score."""
        where, params = self._where(f or {})
        return self.query(
            "WITH e AS (SELECT * FROM events e WHERE " + where + "), "
            "a AS (SELECT unnest(CAST(actor AS VARCHAR[])) AS actor, recipient, score FROM e), "
            "p AS (SELECT actor, unnest(CAST(recipient AS VARCHAR[])) AS recipient, score FROM a) "
            "SELECT actor, recipient, count(*) AS events, round(avg(score), 2) AS mean_score FROM p "
            "WHERE actor <> recipient GROUP BY ALL "
            "ORDER BY events DESC, actor, recipient LIMIT ?",
            [*params, limit],
        )

    def timeline(self, f: dict[str, Any]) -> dict[str, Any]:
        where, params = self._where(f)
        rows = self._in_period(self._events(where, params), f)
        total = len(rows)
        rows = rows[: self.max_points]
        for r in rows:
            mid = midpoint(r["date"])
            r["at"] = mid.isoformat() if mid else None
        return {
            "filters": f,
            "total": total,
            "truncated": total > len(rows),
            "events": [r for r in rows if not r["historical"]],
            "historical": [r for r in rows if r["historical"]],
            "choices": self.choices(),
        }

    def choices(self) -> dict[str, Any]:
        """The values the filter fields offer: the codes that occur, the types, quads and aux values."""
        codes = self.query(
            "SELECT code, count(*) AS n FROM (SELECT unnest(CAST(actor AS VARCHAR[])) AS code FROM events "
            "UNION ALL SELECT unnest(CAST(recipient AS VARCHAR[])) FROM events) GROUP BY code "
            "ORDER BY n DESC, code LIMIT ?",
            [self.max_rows],
        )
        return {
            "codes": [c["code"] for c in codes],
            "types": list(PLOVER_TYPES),
            "quads": list(QUADS),
            "aux": list(AUX_VALUES),
        }

    def dyad(self, a: str, b: str) -> dict[str, Any]:
        """Both directions between two actors: a monthly series of mean PLOVER scores, and the events."""
        a, b = a.upper(), b.upper()
        rows = self._events(
            "((list_contains(CAST(e.actor AS VARCHAR[]), ?) AND "
            "list_contains(CAST(e.recipient AS VARCHAR[]), ?))"
            " OR (list_contains(CAST(e.actor AS VARCHAR[]), ?) AND "
            "list_contains(CAST(e.recipient AS VARCHAR[]), ?)))",
            [a, b, b, a],
        )
        if not rows:
            raise NotFound(f"no events between {a} and {b}")
        directions = {f"{a}-{b}": (a, b), f"{b}-{a}": (b, a)}
        series: dict[str, dict[str, list[float]]] = {k: defaultdict(list) for k in directions}
        months: dict[str, list[dict[str, Any]]] = defaultdict(list)
        unplaced = []
        for r in rows:
            key = f"{a}-{b}" if a in r["actor"] and b in r["recipient"] else f"{b}-{a}"
            r["direction"] = key
            month = month_of(r["date"])
            if month is None:
                unplaced.append(r)
                continue
            months[month].append(r)
            if r["aux"] is None and r["score"] is not None:
                series[key][month].append(float(r["score"]))
        points = {
            key: [
                {"month": m, "events": len(scores), "mean_score": round(sum(scores) / len(scores), 2)}
                for m, scores in sorted(per_month.items())
            ]
            for key, per_month in series.items()
        }
        return {
            "a": a,
            "b": b,
            "events": len(rows),
            "series": points,
            "months": [{"month": m, "events": months[m]} for m in sorted(months)],
            "unplaced": unplaced,
        }

    def network(self, f: dict[str, Any], max_nodes: int = 40) -> dict[str, Any]:
        """Actors as nodes and undirected edges weighted by events, with the mean score of each edge."""
        where, params = self._where(f)
        rows = self.query(
            "SELECT CAST(e.actor AS VARCHAR[]) AS actor, CAST(e.recipient AS VARCHAR[]) AS recipient, "
            "e.score, e.date FROM events e WHERE " + where + " AND e.aux IS NULL",
            params,
        )
        rows = self._in_period(rows, f)
        edges: dict[tuple[str, str], list[float]] = defaultdict(list)
        degree: Counter[str] = Counter()
        for r in rows:
            for x in r["actor"]:
                for y in r["recipient"]:
                    if x == y:
                        continue
                    key = (min(x, y), max(x, y))
                    edges[key].append(float(r["score"] or 0.0))
                    degree[x] += 1
                    degree[y] += 1
        kept = {code for code, _ in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:max_nodes]}
        edge_rows = [
            {"source": x, "target": y, "events": len(s), "mean_score": round(sum(s) / len(s), 2)}
            for (x, y), s in sorted(edges.items())
            if x in kept and y in kept
        ]
        nodes = [{"id": c, "events": degree[c]} for c in sorted(kept, key=lambda c: (-degree[c], c))]
        return {
            "filters": f,
            "nodes": nodes,
            "edges": edge_rows,
            "actors_left_out": max(0, len(degree) - len(kept)),
            "events": len(rows),
        }

    def articles(self, page: int = 1, per_page: int = 50, q: str | None = None) -> dict[str, Any]:
        per_page = max(1, min(per_page, self.max_rows))
        page = max(1, page)
        where, params = "TRUE", []
        if q:
            where = "(d.title ILIKE ? ESCAPE '\\' OR d.id ILIKE ? ESCAPE '\\')"
            params = [f"%{_like(q)}%"] * 2
        total = self._scalar(f"SELECT count(*) FROM documents d WHERE {where}", params)
        rows = self.query(
            "SELECT d.id, d.title, d.published, d.language, d.format, d.url, "
            "(SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events, "
            "(SELECT count(DISTINCT m.name) FROM mentions m WHERE m.doc_id = d.id) AS actors "
            f"FROM documents d WHERE {where} "
            "ORDER BY d.published_date DESC NULLS LAST, d.id LIMIT ? OFFSET ?",
            [*params, per_page, (page - 1) * per_page],
        )
        return {"rows": rows, "total": total, "page": page, "per_page": per_page, "q": q}

    def article(self, doc_id: str) -> dict[str, Any]:
        docs = self.query(
            "SELECT id, title, published, published_precision, language, format, url, source, "
            "clean_text AS text, blocks FROM documents WHERE id = ?",
            [doc_id],
        )
        if not docs:
            raise NotFound(f"no article {doc_id!r}")
        doc = docs[0]
        doc["blocks"] = json.loads(doc["blocks"]) if doc["blocks"] else []
        mentions = self.query(
            'SELECT start, "end", text, kind, name, code, role FROM mentions WHERE doc_id = ? ORDER BY start',
            [doc_id],
        )
        timexes = self.query(
            'SELECT start, "end", text, value, precision, anchor FROM timexes WHERE doc_id = ? '
            "ORDER BY start",
            [doc_id],
        )
        events = self._events("e.doc_id = ?", [doc_id])
        return {"document": doc, "mentions": mentions, "timexes": timexes, "events": events}

    def actors(self, q: str | None = None) -> dict[str, Any]:
        """The actor codes in events, busiest first, with their name and counts; and the people most seen."""
        like = f"%{_like(q)}%" if q else None
        codes = self.query(
            "WITH roles AS (SELECT unnest(CAST(actor AS VARCHAR[])) AS code, 1 AS a, 0 AS r FROM events "
            "UNION ALL SELECT unnest(CAST(recipient AS VARCHAR[])), 0, 1 FROM events), "
            "names AS (SELECT code, arg_max(name, n) AS name FROM (SELECT code, name, count(*) AS n "
            "FROM mentions WHERE kind <> 'person' AND code IS NOT NULL GROUP BY ALL) GROUP BY code) "
            "SELECT roles.code, names.name, sum(a) AS as_actor, sum(r) AS as_recipient FROM roles "
            "LEFT JOIN names USING (code) WHERE ? IS NULL OR roles.code ILIKE ? ESCAPE '\\' "
            "OR names.name ILIKE ? ESCAPE '\\' GROUP BY ALL "
            "ORDER BY as_actor + as_recipient DESC, roles.code LIMIT ?",
            [like, like, like, self.max_rows],
        )
        people = self.query(
            "SELECT name, arg_max(code, n) AS code, arg_max(role, n) AS role, sum(n) AS mentions, "
            "count(DISTINCT doc_id) AS documents FROM (SELECT name, code, role, doc_id, count(*) AS n "
            "FROM mentions WHERE kind = 'person' AND name IS NOT NULL AND (? IS NULL OR name ILIKE ? "
            "ESCAPE '\\') GROUP BY ALL) GROUP BY name ORDER BY documents DESC, name LIMIT ?",
            [like, like, min(self.max_rows, 100)],
        )
        return {"q": q, "codes": codes, "people": people}

    def actor(self, actor_id: str) -> dict[str, Any]:
        """An actor code (PRK, NATO) or a person's name: roles over time, events as actor and recipient."""
        code = actor_id.upper()
        is_code = bool(
            self._scalar(
                "SELECT count(*) FROM events WHERE list_contains(CAST(actor AS VARCHAR[]), ?) OR "
                "list_contains(CAST(recipient AS VARCHAR[]), ?)",
                [code, code],
            )
            or self._scalar("SELECT count(*) FROM mentions WHERE code = ?", [code])
        )
        if is_code:
            return self._code_actor(code)
        return self._person(actor_id)

    def _roles(self, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        return self.query(
            "SELECT m.name, m.role, m.code, min(d.published) AS first, max(d.published) AS last, "
            "count(DISTINCT m.doc_id) AS documents FROM mentions m JOIN documents d ON d.id = m.doc_id "
            f"WHERE m.kind = 'person' AND m.name IS NOT NULL AND {where} "
            "GROUP BY ALL ORDER BY first NULLS LAST, documents DESC, m.name LIMIT ?",
            [*params, self.max_rows],
        )

    def _code_actor(self, code: str) -> dict[str, Any]:
        names = self.query(
            "SELECT name, kind, count(*) AS n FROM mentions WHERE code = ? AND kind <> 'person' "
            "GROUP BY ALL ORDER BY n DESC LIMIT 1",
            [code],
        )
        as_actor = self._events("list_contains(CAST(e.actor AS VARCHAR[]), ?)", [code])
        as_recipient = self._events("list_contains(CAST(e.recipient AS VARCHAR[]), ?)", [code])
        return {
            "id": code,
            "code": code,
            "relations": _relations(code, as_actor + as_recipient),
            "name": names[0]["name"] if names else code,
            "kind": names[0]["kind"] if names else None,
            "roles": self._roles("m.code = ? AND m.role IS NOT NULL", [code]),
            "monthly": _monthly(as_actor, as_recipient),
            "partners": _partners(code, as_actor, as_recipient),
            "as_actor_total": len(as_actor),
            "as_recipient_total": len(as_recipient),
            "as_actor": as_actor[: self.max_rows],
            "as_recipient": as_recipient[: self.max_rows],
        }

    def _person(self, name: str) -> dict[str, Any]:
        mentions = self.query(
            'SELECT doc_id, start, "end", code, kind FROM mentions WHERE name = ? ORDER BY doc_id, start',
            [name],
        )
        if not mentions:
            raise NotFound(f"no actor {name!r}")
        codes = Counter(m["code"] for m in mentions if m["code"])
        # The events whose evidence holds one of the person's mentions.
        events = self._events(
            "EXISTS (SELECT 1 FROM mentions m, unnest(CAST(e.evidence AS INTEGER[][])) AS ev(span) "
            'WHERE m.doc_id = e.doc_id AND m.name = ? AND m.start >= span[1] AND m."end" <= span[2])',
            [name],
            limit=self.max_rows,
        )
        code = codes.most_common(1)[0][0] if codes else None
        as_actor = [e for e in events if code in e["actor"]]
        as_recipient = [e for e in events if code in e["recipient"]]
        return {
            "id": name,
            "code": code,
            "relations": _relations(code, events) if code else {},
            "name": name,
            "kind": mentions[0]["kind"],
            "roles": self._roles("m.name = ?", [name]),
            "monthly": _monthly(as_actor, as_recipient),
            "partners": _partners(code, as_actor, as_recipient) if code else [],
            "as_actor_total": len(as_actor),
            "as_recipient_total": len(as_recipient),
            "as_actor": as_actor,
            "as_recipient": as_recipient,
            "documents": len({m["doc_id"] for m in mentions}),
        }

    def search(self, q: str) -> dict[str, Any]:
        """Articles whose title or text holds every word of ``q``, most hits first; and such events."""
        terms = [t for t in q.split() if t][:8]
        if not terms:
            return {"q": q, "terms": [], "articles": [], "events": [], "truncated": False}
        likes = [f"%{_like(t)}%" for t in terms]
        cond = " AND ".join(
            ["(d.title ILIKE ? ESCAPE '\\' OR d.clean_text ILIKE ? ESCAPE '\\')"] * len(terms)
        )
        params: list[Any] = []
        for like in likes:
            params += [like, like]
        hits = " + ".join(
            [
                "(length(lower(d.clean_text)) - length(replace(lower(d.clean_text), lower(?), ''))) "
                "// greatest(length(?), 1)"
            ]
            * len(terms)
        )
        hit_params: list[Any] = []
        for t in terms:
            hit_params += [t, t]
        articles = self.query(
            f"SELECT d.id, d.title, d.published, d.language, {hits} AS hits, "
            "substring(d.clean_text, greatest(1, instr(lower(d.clean_text), lower(?)) - 80), 240) AS snippet "
            f"FROM documents d WHERE {cond} "
            "ORDER BY hits DESC, d.published_date DESC NULLS LAST, d.id LIMIT ?",
            [*hit_params, terms[0], *params, self.max_rows + 1],
        )
        ev_cond = " AND ".join(
            [
                "(substring(d.clean_text, CAST(e.evidence->'$[0][0]' AS INTEGER) + 1, "
                "CAST(e.evidence->'$[0][1]' AS INTEGER) - CAST(e.evidence->'$[0][0]' AS INTEGER)) "
                "ILIKE ? ESCAPE '\\' OR e.type = ? OR list_contains(CAST(e.actor AS VARCHAR[]), ?) "
                "OR list_contains(CAST(e.recipient AS VARCHAR[]), ?))"
            ]
            * len(terms)
        )
        ev_params: list[Any] = []
        for t, like in zip(terms, likes, strict=True):
            ev_params += [like, t.upper(), t.upper(), t.upper()]
        events = self._events(ev_cond, ev_params, limit=self.max_rows + 1)
        truncated = len(articles) > self.max_rows or len(events) > self.max_rows
        return {
            "q": q,
            "terms": terms,
            "articles": articles[: self.max_rows],
            "events": events[: self.max_rows],
            "truncated": truncated,
        }

    def all_events(self) -> dict[str, Any]:
        """Every event (up to ``max_rows``), for the report's events table."""
        total = self._scalar("SELECT count(*) FROM events")
        return {"total": total, "events": self._events("TRUE", [], limit=self.max_rows)}


def _like(text: str) -> str:
    """``text`` as a literal inside an ILIKE pattern (escape character: backslash)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _relations(code: str, events: list[dict[str, Any]], partners: int = 5) -> dict[str, list[dict[str, Any]]]:
    """Per partner (the busiest ``partners``), the monthly mean score of events between them, both ways.

    As on a dyad's series, only events stated as facts and dated within one month count.
    """
    scores: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    seen: set[tuple[str, int]] = set()
    for r in events:
        if (r["doc"], r["n"]) in seen or r["aux"] is not None or r["score"] is None:
            continue
        seen.add((r["doc"], r["n"]))
        month = month_of(r["date"])
        if month is None:
            continue
        others = r["recipient"] if code in r["actor"] else r["actor"]
        for other in dict.fromkeys(others):
            if other != code:
                scores[other][month].append(float(r["score"]))
    busiest = sorted(scores, key=lambda o: (-sum(len(v) for v in scores[o].values()), o))[:partners]
    return {
        f"{code}-{other}": [
            {"month": m, "events": len(v), "mean_score": round(sum(v) / len(v), 2)}
            for m, v in sorted(scores[other].items())
        ]
        for other in busiest
    }


def _monthly(as_actor: list[dict[str, Any]], as_recipient: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for role, rows in (("as_actor", as_actor), ("as_recipient", as_recipient)):
        for r in rows:
            month = month_of(r["date"])
            if month:
                counts[month][role] += 1
    return [
        {"month": m, "as_actor": c["as_actor"], "as_recipient": c["as_recipient"]}
        for m, c in sorted(counts.items())
    ]


def _partners(
    code: str, as_actor: list[dict[str, Any]], as_recipient: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for r in as_actor:
        for other in r["recipient"]:
            if other != code:
                tally[other]["as_actor"] += 1
    for r in as_recipient:
        for other in r["actor"]:
            if other != code:
                tally[other]["as_recipient"] += 1
    ranked = sorted(tally.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:20]
    return [{"code": k, "to": c["as_actor"], "from": c["as_recipient"]} for k, c in ranked]

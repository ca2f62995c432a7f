"""The read-only HTTP API and dashboard: ``create_app(db_path)`` returns the FastAPI app.

Nothing here writes: each request reads on a cursor of its own from a read-only handle that is
let go when the dashboard is idle, so an ``ingest`` can run between uses (see ``pool.py``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from importlib import metadata
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsevents.api import graphs, models, queries
from newsevents.api.docs import reference_html
from newsevents.api.params import BAD_REQUEST, event_filter
from newsevents.api.pool import ReadPool
from newsevents.api.security import SecurityHeaders
from newsevents.errors import StoreError
from newsevents.store.schema import connect

MAX_JSON_LIMIT = 1000
MAX_CSV_LIMIT = 100_000
Freq = Literal["day", "week", "month", "year"]

_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": models.ErrorOut}}
CSV_COLUMNS = (
    "id", "date", "date_precision", "type", "mode", "cameo", "quad_class", "goldstein",
    "modality", "source", "target", "source_names", "target_names", "place", "confidence",
    "evidence", "evidence_start", "evidence_end", "article_id",
)


def static_dir() -> Path:
    return Path(str(files("newsevents") / "dashboard" / "static"))


def _not_found(what: str, ident: str, hint: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} with id {ident!r} ({hint})")


def _csv_cell(value: Any) -> Any:
    # A text cell starting with = + - @ is run as a formula by spreadsheets; a leading quote
    # keeps it text (OWASP's advice for CSV export of untrusted data).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def events_csv(page: models.EventPage) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in page.items:
        writer.writerow([_csv_cell(v) for v in (
            e.id, e.date, e.date_precision, e.type, e.mode, e.cameo, e.quad_class, e.goldstein,
            e.modality, ";".join(e.source), ";".join(e.target),
            ";".join(page.names.get(a, a) for a in e.source),
            ";".join(page.names.get(a, a) for a in e.target),
            e.place, e.confidence, e.evidence.text, e.evidence.start, e.evidence.end,
            e.article_id,
        )])
    return out.getvalue()


def _db(request: Request) -> Iterator[Any]:
    """A read-only cursor of its own for one request."""
    pool: ReadPool = request.app.state.pool
    with pool.cursor() as cur:
        yield cur


# Module level: with postponed annotations FastAPI resolves this name in the module globals.
Con = Annotated[Any, Depends(_db)]
Filter = Annotated[queries.EventFilter, Depends(event_filter)]


def _version() -> str:
    try:
        return metadata.version("newsevents")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def create_app(
    db_path: str | Path, *, idle_s: float = 2.0, allowed_hosts: list[str] | None = None
) -> FastAPI:
    """The API and dashboard over the store at ``db_path``, opened read-only.

    Raises :class:`StoreError` at once if the file is missing or is not a newsevents store.
    The file is let go after ``idle_s`` seconds without requests (see :class:`ReadPool`).
    ``allowed_hosts`` limits the Host header (``serve`` on a loopback address passes the
    loopback names, so a web page cannot read the store through DNS rebinding).
    """
    path = Path(db_path)
    connect(path, read_only=True).close()  # fail now with the store's message, not per request

    version = _version()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()
    app = FastAPI(
        title="newsevents",
        version=version,
        description="Political events extracted from news articles: who did what to whom, when "
        "and where, with the sentence that says so. Read-only.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    # Added last, so it is outermost and marks the Host rejections too.
    app.add_middleware(SecurityHeaders)

    app.state.pool = pool = ReadPool(path, idle_s=idle_s)
    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.get("/api/health", response_model=models.Health, tags=["meta"])
    def health(con: Con) -> models.Health:
        """Whether the database can be read."""
        con.execute("SELECT count(*) FROM events").fetchone()
        return models.Health(status="ok", version=version, database=path.name)

    @app.get("/api/stats", response_model=models.Stats, tags=["meta"])
    def stats(con: Con) -> models.Stats:
        """Counts of articles, events, actors and places, and the span of event dates."""
        return queries.stats(con)

    @app.get("/api/events", response_model=models.EventPage, tags=["events"],
             responses={200: {"content": {"text/csv": {}}}, **BAD_REQUEST})
    def events(
        con: Con,
        f: Filter,
        limit: Annotated[int, Query(ge=1, le=MAX_CSV_LIMIT, description=f"At most "
                                    f"{MAX_JSON_LIMIT} for JSON, {MAX_CSV_LIMIT} for CSV.")] = 50,
        cursor: Annotated[str | None, Query(max_length=500, description="The next_cursor of "
                                            "the previous page.")] = None,
        offset: Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip (prefer "
                                     "cursor: it costs the same on any page).")] = 0,
        format: Annotated[Literal["json", "csv"], Query()] = "json",
    ) -> Any:
        """Events matching all the given filters, newest first; ``format=csv`` for a download.

        Page with ``cursor``: each page's ``next_cursor`` asks for the one after it."""
        if format == "json" and limit > MAX_JSON_LIMIT:
            raise HTTPException(
                status_code=400,
                detail=f"limit may be at most {MAX_JSON_LIMIT} for JSON; page with cursor or "
                "use format=csv for bulk downloads",
            )
        try:
            page = queries.events(con, f, limit=limit, offset=offset, cursor=cursor)
        except queries.BadCursor as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from exc
        if format == "csv":
            headers = {"Content-Disposition": 'attachment; filename="events.csv"'}
            if page.next_cursor:
                headers["X-Next-Cursor"] = page.next_cursor
            return Response(events_csv(page), media_type="text/csv; charset=utf-8",
                            headers=headers)
        return page

    @app.get("/api/events/{event_id}", response_model=models.EventDetail, tags=["events"],
             responses=_NOT_FOUND)
    def event(event_id: str, con: Con) -> models.EventDetail:
        """One event with its evidence, its actors, its place and its article's text."""
        found = queries.event_detail(con, event_id)
        if found is None:
            raise _not_found("event", event_id, "list events at /api/events")
        return found

    @app.get("/api/types", response_model=list[models.TypeCount], tags=["events"],
             responses=BAD_REQUEST)
    def types(con: Con, f: Filter) -> list[models.TypeCount]:
        """Counts of the matching events by PLOVER type, most frequent first."""
        return queries.type_counts(con, f)

    @app.get("/api/timeseries", response_model=models.Timeseries, tags=["aggregates"],
             responses=BAD_REQUEST)
    def timeseries(con: Con, f: Filter, freq: Freq = "month") -> models.Timeseries:
        """Cooperation (quad class 1-2) and conflict (3-4) counts per period, of factual events
        unless a modality is given."""
        return queries.timeseries(con, freq, f)

    @app.get("/api/network", response_model=models.Network, tags=["aggregates"],
             responses=BAD_REQUEST)
    def network(
        con: Con,
        f: Filter,
        n: Annotated[int, Query(ge=1, le=500, description="Most edges to return.")] = 60,
        by: Annotated[Literal["country", "actor"], Query(
            description="country: people and groups count under their country; actor: each "
            "actor is its own node.")] = "country",
    ) -> models.Network:
        """Who acts on whom: the busiest source → target pairs of the matching events."""
        return graphs.network(con, f, n=n, by=by)

    @app.get("/api/map", response_model=models.WorldMap, tags=["aggregates"],
             responses=BAD_REQUEST)
    def world_map(
        con: Con,
        f: Filter,
        by: Annotated[Literal["place", "actor"], Query(
            description="place: the country where events happened; actor: the countries of "
            "the actors in them.")] = "place",
    ) -> models.WorldMap:
        """Matching events counted by country, and the busiest places with coordinates."""
        return graphs.world_map(con, f, by=by)

    @app.get("/api/actors", response_model=list[models.ActorOut], tags=["actors"])
    def actors(
        con: Con,
        kind: Annotated[str | None, Query(description="country, person, organization, igo, "
                                          "armed_group or group")] = None,
        q: Annotated[str | None, Query(max_length=200, description="Part of the name or id.")]
        = None,
        limit: Annotated[int, Query(ge=1, le=MAX_JSON_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> list[models.ActorOut]:
        """Actors, those in the most events first."""
        return queries.actors(con, kind, q, limit, offset)

    @app.get("/api/actors/{actor_id}", response_model=models.ActorDetail, tags=["actors"],
             responses=_NOT_FOUND)
    def actor(actor_id: str, con: Con) -> models.ActorDetail:
        """One actor, its event types and the actors it deals with (grouped by country)."""
        found = queries.actor_detail(con, actor_id)
        if found is None:
            raise _not_found("actor", actor_id, "actor ids look like IRN, igo:BRICS, "
                             "person:masoud-pezeshkian; list them at /api/actors")
        return found

    @app.get("/api/top-dyads", response_model=list[models.TopDyad], tags=["aggregates"])
    def top_dyads(con: Con, n: Annotated[int, Query(ge=1, le=500)] = 10) -> list[models.TopDyad]:
        """The pairs (grouped by country) with the most factual events between them."""
        return queries.top_dyads(con, n)

    @app.get("/api/dyads/{a}/{b}", response_model=models.Dyad, tags=["aggregates"],
             responses=_NOT_FOUND)
    def dyad(a: str, b: str, con: Con, freq: Freq = "month") -> models.Dyad:
        """Events between two actors (either direction): series, types and recent events."""
        for ident in (a, b):
            if not queries.known_actor(con, ident):
                raise _not_found("actor", ident, "list actors at /api/actors")
        return queries.dyad(con, a, b, freq)

    @app.get("/api/articles/{article_id}", response_model=models.ArticleOut, tags=["articles"],
             responses=_NOT_FOUND)
    def article(article_id: str, con: Con) -> models.ArticleOut:
        """One article's clean text and its events."""
        found = queries.article(con, article_id)
        if found is None:
            raise _not_found("article", article_id, "an event's article_id names its article")
        return found

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(reference_html(app.openapi()))

    static = static_dir()

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=static), name="static")
    return app

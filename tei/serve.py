"""The preview server: the built site, and the edition's OAI-PMH 2.0 endpoint at /oai.

A WSGI application (Werkzeug's request, response and file sending; its
development server from `make_server`, threaded), for previewing on one's own
machine, not for production:

    GET  /oai?verb=...        OAI-PMH 2.0 (tei.oai); POST /oai with a form body too,
                              as the protocol requires
    GET  /anything            the file under the site folder (build/html/), with
                              index.html for a folder; conditional requests and
                              ranges as Werkzeug's send_from_directory does them

The repository is made from the TEI files (corpus/tei) when first asked for and
made again when a file is added, removed or changed, so a harvest sees the
edition as it is; a resumption token issued before a change is then refused
(badResumptionToken), never silently continued on the changed list.  A file that
cannot be read (not well-formed, refused as hostile) is left out, with a warning
logged, rather than taking the whole repository down.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.serving import BaseWSGIServer, make_server as werkzeug_server
from werkzeug.utils import send_from_directory
from werkzeug.wrappers import Request, Response

from tei.exchange.documents import DocumentError, as_imported, load_document
from tei.oai import DEFAULT_PAGE_SIZE, Repository

if TYPE_CHECKING:
    from tei.edition import Edition

log = logging.getLogger(__name__)

OAI_PATH = "/oai"
XML_MEDIA_TYPE = "text/xml; charset=utf-8"


class RepositorySource:
    """The OAI-PMH repository of a folder of TEI files, made again whenever the folder's files change.

    The documents imported beside it (`imported/` next to `tei/`, tei.exchange.imports)
    are records too, under the edition's page names, each with its source project.
    """

    def __init__(self, tei_dir: Path, edition: Edition, *, page_size: int = DEFAULT_PAGE_SIZE,
                 admin_email: str | None = None, sets: bool = True):
        self.tei_dir = Path(tei_dir)
        self.imported_dir = self.tei_dir.parent / "imported"
        self._scratch = tempfile.TemporaryDirectory(prefix="tei-oai-")
        self.edition = edition
        self.options = {"page_size": page_size, "admin_email": admin_email, "sets": sets}
        self._lock = threading.Lock()
        self._signature: tuple | None = None
        self._repository: Repository | None = None

    def signature(self) -> tuple[tuple[str, int, int], ...]:
        """(name, mtime_ns, size) of each *.xml file of the folder, sorted: what a change of the edition changes."""
        return _listing(self.tei_dir, ".xml") + tuple((f"imported/{n}", m, z) for n, m, z in
                                                      _listing(self.imported_dir, ".json"))

    def current(self) -> Repository:
        signature = self.signature()
        with self._lock:
            if self._repository is None or signature != self._signature:
                documents, ids = [], set()
                imported = self._imported()
                for name in [self.tei_dir / n for n, _, _ in signature if not n.startswith("imported/")] + imported:
                    try:
                        document = load_document(name, self.edition)
                        if name in imported:
                            document = as_imported(document, self.edition)
                    except DocumentError as exc:  # one broken file must not take the repository down
                        log.warning("OAI-PMH: left out: %s", exc)
                        continue
                    if document.id in ids:
                        log.warning("OAI-PMH: left out: %s: its id %r is another file's too", name, document.id)
                        continue
                    ids.add(document.id)
                    documents.append(document)
                self._repository = Repository(documents, self.edition, **self.options)
                self._signature = signature
            return self._repository

    def _imported(self) -> list[Path]:
        if not (self.imported_dir / "registry.json").is_file():
            return []
        from tei.exchange.imports import files_for_build

        inputs = files_for_build(self.imported_dir, Path(self._scratch.name))
        for problem in inputs.problems:
            log.warning("OAI-PMH: left out: %s", problem)
        return inputs.files


def _listing(folder: Path, suffix: str) -> tuple[tuple[str, int, int], ...]:
    try:
        with os.scandir(folder) as entries:
            found = []
            for entry in entries:
                if entry.name.endswith(suffix) and entry.is_file():
                    stat = entry.stat()
                    found.append((entry.name, stat.st_mtime_ns, stat.st_size))
    except FileNotFoundError:
        return ()
    return tuple(sorted(found))


class PreviewApp:
    """The WSGI application: /oai answered by the repository, everything else from the site folder."""

    def __init__(self, site_dir: Path, source: RepositorySource | None):
        self.site_dir = Path(site_dir).resolve()
        self.source = source

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        request = Request(environ)
        try:
            response = self.dispatch(request)
        except HTTPException as exc:
            response = exc.get_response(environ)
        return response(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        if request.path.rstrip("/") == OAI_PATH:
            return self.oai(request)
        if request.method not in ("GET", "HEAD"):
            raise MethodNotAllowed(valid_methods=["GET", "HEAD"])
        path = request.path.lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        target = self.site_dir / path
        if target.is_dir():
            path = path.rstrip("/") + "/index.html"
        return send_from_directory(self.site_dir, path, request.environ)

    def oai(self, request: Request) -> Response:
        if self.source is None:
            raise NotFound("this server has no OAI-PMH repository")
        if request.method not in ("GET", "HEAD", "POST"):
            raise MethodNotAllowed(valid_methods=["GET", "HEAD", "POST"])
        arguments = list(request.args.items(multi=True))
        if request.method == "POST":
            arguments += list(request.form.items(multi=True))
        base_url = request.host_url.rstrip("/") + OAI_PATH
        body = self.source.current().respond(arguments, base_url)
        return Response(body, status=200, content_type=XML_MEDIA_TYPE)


def make_app(site_dir: Path, tei_dir: Path | None, edition: Edition | None, **options: Any) -> PreviewApp:
    source = RepositorySource(tei_dir, edition, **options) if tei_dir is not None and edition is not None else None
    return PreviewApp(site_dir, source)


def make_server(site_dir: Path, host: str = "127.0.0.1", port: int = 8000, *, tei_dir: Path | None = None,
                edition: Edition | None = None, **options: Any) -> BaseWSGIServer:
    """A threaded HTTP server for the site and, given the TEI folder and the edition, /oai.

    `port` 0 picks a free port: server.server_address[1] says which.  Raises OSError
    when the address cannot be bound.
    """
    return werkzeug_server(host, port, make_app(site_dir, tei_dir, edition, **options), threaded=True)

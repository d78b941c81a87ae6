"""Serve a built site on loopback the way its host does, so the gates measure what readers get.

GitHub Pages compresses text with gzip and lets browsers cache for ten minutes; a plain
``http.server`` does neither, which would make Lighthouse grade the test server rather than
the site.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
from pathlib import Path
from typing import Iterator

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".atom", ".ics", ".csv", ".txt")


class _HostLikeHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    """The path the site is published under (``/REPO/`` on GitHub project pages); nothing
    outside it exists, so a link written from the server root fails as it would there."""

    def log_message(self, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-site" / "missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):  # type: ignore[override]
        """Missing pages get the site's own 404 page, with status 404, as GitHub Pages does."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file() or self.command != "GET":
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[override]
        """Compressed bytes for text files; directories, redirects and errors as usual."""
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url_path.endswith("/"):
            path = path / "index.html"
        compress = "gzip" in self.headers.get("Accept-Encoding", "") and path.suffix in COMPRESSIBLE
        if not (compress and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """What ``send_head`` returns: a file-like object ``do_GET`` copies to the socket."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_: int) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    request_queue_size = 256  # link checkers open many connections at once; 5 drops most of them
    daemon_threads = True


@contextlib.contextmanager
def serve(folder: Path, port: int = 0, prefix: str = "/") -> Iterator[str]:
    """The site in ``folder`` at ``http://127.0.0.1:PORT{prefix}`` for the duration of the block."""
    handler_class = type("Handler", (_HostLikeHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(folder))
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()

"""The real app on a background werkzeug server (SQLite, Điện Biên demo) and headless Chromium.

Without /usr/bin/chromium, or when Playwright cannot start it, every browser test is skipped with
the reason. Set SCREENSHOT_DIR (docs/screenshots/make.py does) to keep PNGs of the pages visited.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import make_app, upgrade

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}
log = logging.getLogger(__name__)


class LiveServer:
    """The app served by werkzeug in a daemon thread on 127.0.0.1 and a free port."""

    def __init__(self, app):
        from werkzeug.serving import make_server

        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)
        self.server.server_close()


def keep_test_logs() -> None:
    """Alembic's logging set-up disables the loggers that exist; turn the tests' back on."""
    for name, logger in logging.root.manager.loggerDict.items():
        if name.startswith("tests.") and isinstance(logger, logging.Logger):
            logger.disabled = False


def demo_app(folder: Path):
    """A fresh SQLite app in `folder`, migrated and loaded with the Điện Biên demo."""
    app = make_app(f"sqlite:///{folder / 'browser.sqlite3'}")
    upgrade(app)
    keep_test_logs()
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return app


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    """The demo app served over real HTTP for the whole module."""
    app = demo_app(tmp_path_factory.mktemp("browser"))
    with LiveServer(app) as server:
        yield server
    with app.app_context():
        from scheduler.extensions import db

        db.engine.dispose()


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by Playwright (skips when it cannot start)."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests skipped: {CHROMIUM} is missing")
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                  args=CHROMIUM_ARGS)
        except Error as exc:
            pytest.skip(f"browser tests skipped: Playwright cannot start {CHROMIUM} ({exc})")
        yield chromium
        chromium.close()


@pytest.fixture()
def new_page(browser, live_server):
    """A function: a fresh page (own cookies) at the live server, 1280×800, Vietnamese."""
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT,
                                      locale="vi-VN")
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def shoot():
    """A function: save a PNG of the page as `name`.png when SCREENSHOT_DIR is set."""
    folder = os.environ.get("SCREENSHOT_DIR")

    def save(page, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)
            log.info("screenshot %s", name)

    return save

"""What the app's end-to-end tests share: the demo app served by ``streamlit run`` (one
server per test module), headless Debian Chromium driven by Playwright, the screenshots'
folders (the test's own, and ``$SEAL_E2E_ARTIFACTS`` when set), a signed-in tab
(:class:`Journey`, :class:`Screen` at a laptop's or a wide screen's size) and the layout
checks (nothing scrolls sideways, a pop-over lies inside the window, nothing is cut off).

The fixtures are imported by each test module (``from .e2e_kit import server, browser,
shots``): module-scoped, so each module starts its own server on its own demo database."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: The marks of every end-to-end module: skipped, saying why, without Chromium.
E2E = [
    pytest.mark.e2e,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install "
                       "chromium; .ci/run does): the app's end-to-end tests need a browser"),
]
ML25 = "valdoria-ministry-of-labour-2025"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: The screens every page must fit: a laptop's and a wide screen's.
SIZES = {"laptop": (1366, 800), "wide": (1920, 1080)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``streamlit run app.py`` on a new demo database; yields (base URL, data folder)."""
    data = tmp_path_factory.mktemp("e2e-data")
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), SEAL_DATA_DIR=str(data),
               SEAL_PASSWORD_PROFILE="CHEAPEST", SEAL_APP_DEMO="yes")
    env.pop("SEAL_DATABASE_URL", None)
    # the demo, as seal app --demo makes it (the app itself never does)
    subprocess.run([sys.executable, "-m", "seal_engine", "db", "init", "--demo"], cwd=ROOT,
                   env=env, check=True, stdout=subprocess.DEVNULL)
    log = open(data / "server.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the app did not start:\n" +
                                   (data / "server.log").read_text(errors="replace"))
            time.sleep(0.3)
        yield base, data
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed "
                                   "(it is in the test extra: pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> list[Path]:
    folders = [tmp_path_factory.mktemp("e2e-screenshots")]
    extra = os.environ.get("SEAL_E2E_ARTIFACTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        folders.append(Path(extra))
    return folders


def open_store(data: Path):
    """The served demo database, opened by the test itself (to check what a page saved)."""
    import seal_engine.store as st

    return st.open_store(f"sqlite:///{data / 'seal.db'}")


class Journey:
    """A signed-in browser tab with the helpers each step uses."""

    def __init__(self, browser, base: str, shots: list[Path]):
        self.context = browser.new_context(viewport={"width": 1366, "height": 768},
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.base = base
        self.shots = shots
        self.n = 0

    def settle(self, timeout: float = 30) -> None:
        """Wait until the app is connected, its script has finished and nothing is loading."""
        page = self.page
        page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']",
                               state="attached", timeout=timeout * 1000)
        stable, end = 0, time.monotonic() + timeout
        while stable < 4:
            state = page.get_attribute("[data-testid='stApp']", "data-test-script-state")
            busy = page.locator("[data-testid='stSkeleton'], [data-testid='stSpinner']").count()
            stable = stable + 1 if state == "notRunning" and not busy else 0
            if time.monotonic() > end:
                raise TimeoutError(f"the app kept running (state {state})")
            page.wait_for_timeout(150)

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.settle(120)

    def shot(self, name: str) -> Path:
        self.n += 1
        path = self.shots[0] / f"{name}.png"
        self.page.screenshot(path=str(path))
        for extra in self.shots[1:]:
            shutil.copyfile(path, extra / path.name)
        body = self.page.inner_text("[data-testid='stMain']")
        assert "Traceback" not in body and "Something went wrong" not in body, name
        return path

    def sign_in(self, email: str, password: str) -> None:
        self.go("/")
        self.page.fill("#seal-email", email)
        self.page.fill("#seal-password", password)
        self.page.click("button[type=submit]")
        self.settle(120)

    def key(self, key: str):
        """The element of a widget key (Streamlit names it in a class, ':' and '.' as '-')."""
        return self.page.locator(f".st-key-{key.replace(':', '-').replace('.', '-')}")

    def click(self, name: str, within=None) -> None:
        (within or self.page).get_by_role("button", name=name, exact=True).first.click()
        self.settle()

    def text(self) -> str:
        return self.page.inner_text("[data-testid='stMain']")


class Screen(Journey):
    """A tab at one of :data:`SIZES`; its screenshots are named ``<prefix><name>`` (by default
    ``layout-<size>-<name>``)."""

    def __init__(self, browser, base: str, shots: list[Path], size: str,
                 prefix: str | None = None):
        super().__init__(browser, base, shots)
        width, height = SIZES[size]
        self.page.set_viewport_size({"width": width, "height": height})
        self.size = size
        self.prefix = f"layout-{size}-" if prefix is None else prefix

    def shot(self, name: str) -> Path:
        return super().shot(f"{self.prefix}{name}")


def no_sideways_scroll(j: Screen) -> None:
    """The page is no wider than the window (nothing hidden to the right)."""
    wide = j.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1], (j.size, wide)


def inside(j: Screen, selector: str) -> None:
    """Every element matching ``selector`` lies inside the window."""
    width, height = SIZES[j.size]
    for box in j.page.locator(selector).evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().toJSON())"):
        assert box["left"] >= 0 and box["right"] <= width, (j.size, selector, box)
        assert box["top"] >= 0 and box["bottom"] <= height, (j.size, selector, box)

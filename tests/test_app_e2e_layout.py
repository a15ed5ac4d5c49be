"""The app in a browser at a laptop's 1366 x 800 and a wide screen's 1920 x 1080: the plan page
and the questionnaire fit (screenshots of each, in ``$SEAL_E2E_ARTIFACTS`` when set, to look
at), long texts keep everything, and the page warns before a reload would lose typing.

Reuses the server, browser and screenshot fixtures of :mod:`tests.test_app_e2e` (a demo
database served by ``streamlit run``); skipped, saying why, without Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import test_app_e2e as e2e
from .test_app_e2e import CHROMIUM, ML25, Journey, _answers

# the fixtures of the journey: the demo app served, the browser, the screenshots' folders
server, browser, shots = e2e.server, e2e.browser, e2e.shots

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install "
                       "chromium; .ci/run does): the app's end-to-end tests need a browser"),
]
SIZES = {"laptop": (1366, 800), "wide": (1920, 1080)}


class Screen(Journey):
    """A signed-in tab at one of :data:`SIZES`."""

    def __init__(self, browser, base: str, shots: list[Path], size: str):
        super().__init__(browser, base, shots)
        width, height = SIZES[size]
        self.page.set_viewport_size({"width": width, "height": height})
        self.size = size

    def shot(self, name: str) -> Path:
        return super().shot(f"layout-{self.size}-{name}")


@pytest.fixture(scope="module")
def focal(server, browser, shots):
    """One signed-in focal point's tab per screen size."""
    base, _data = server
    tabs = {}
    for size in SIZES:
        tab = Screen(browser, base, shots, size)
        tab.sign_in("focal@demo.seal", "demo-focal-password")
        tabs[size] = tab
    yield tabs
    for tab in tabs.values():
        tab.context.close()


def test_a_reload_with_typing_not_yet_sent_asks_first(server, focal):
    _base, data = server
    j = focal["laptop"]
    _saved, a = _answers(data, ML25)
    j.go(f"/assessment?a={ML25}&d=RI")
    j.key(f"exp:{a.id}:RI-05").locator("summary").click()
    j.settle()
    field = j.key(f"q:{a.id}:RI-05.service").locator("input")
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    j.page.on("dialog", dismiss)
    field.click()
    field.press("Control+a")
    field.press_sequentially("Employment counselling for women returning to work", delay=5)
    try:  # typing not yet sent: leaving asks first (dismissed: the page stays)
        j.page.reload(timeout=2000)
    except Exception:  # noqa: BLE001 - Playwright times out on the reload cancelled
        pass
    assert dialogs == ["beforeunload"]
    assert field.input_value().startswith("Employment counselling")
    # once sent (a short pause in typing), a reload asks nothing and finds the text saved
    j.page.wait_for_timeout(1600)
    j.settle()
    saved, _a = _answers(data, ML25)
    assert saved["RI-05.service"] == "Employment counselling for women returning to work"
    j.page.reload()
    j.settle(60)
    assert dialogs == ["beforeunload"]

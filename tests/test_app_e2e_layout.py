"""The app in a browser at a laptop's 1366 x 800 and a wide screen's 1920 x 1080: the plan page
and the questionnaire fit (screenshots of each, in ``$SEAL_E2E_ARTIFACTS`` when set, to look
at), long texts keep everything, and the page warns before a reload would lose typing.

Reuses the server, browser and screenshot fixtures of :mod:`tests.e2e_kit` (a demo
database served by ``streamlit run``); skipped, saying why, without Chromium."""

from __future__ import annotations

import pytest

from . import e2e_kit as kit
from .e2e_kit import E2E, ML25, SIZES, Screen, inside, no_sideways_scroll
from .test_app_e2e import _answers

# the fixtures: the demo app served, the browser, the screenshots' folders
server, browser, shots = kit.server, kit.browser, kit.shots
pytestmark = E2E


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
    _open(j, f"exp:{a.id}:RI-05")
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


def _open(j: Screen, key: str) -> None:
    """Open the expander of widget key ``key`` (a benchmark), unless it is open."""
    details = j.key(key).locator("details").first
    if details.get_attribute("open") is None:
        details.locator("summary").first.click()
        j.settle()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_questionnaire_fits(server, focal, size):
    _base, data = server
    j = focal[size]
    _saved, a = _answers(data, ML25)
    j.go(f"/assessment?a={ML25}&d=RI")
    _open(j, f"exp:{a.id}:RI-01")
    grid = j.page.locator(f"[class*='st-key-t-{a.id}-RI-01-results']").first
    grid.scroll_into_view_if_needed()
    j.page.mouse.wheel(0, 120)
    j.page.wait_for_timeout(300)
    no_sideways_scroll(j)
    # the whole table in view: no column is cut off at the right
    scroll = grid.locator(".dvn-scroller").first.evaluate(
        "e => [e.scrollWidth, e.clientWidth]")
    assert scroll[0] <= scroll[1] + 2, (size, scroll)
    j.shot("questionnaire-table")
    benchmark = j.key(f"exp:{a.id}:RI-01")
    thread = benchmark.locator("summary", has_text="Ask the assessment team").first
    thread.scroll_into_view_if_needed()
    thread.click()
    j.settle()
    j.shot("questionnaire-thread")
    comment = benchmark.get_by_role("button", name="Add a comment").first
    comment.scroll_into_view_if_needed()
    comment.click()
    j.page.wait_for_timeout(400)
    inside(j, "[data-testid='stPopoverBody']")
    j.shot("questionnaire-comment")
    j.page.keyboard.press("Escape")


@pytest.mark.parametrize("size", list(SIZES))
def test_the_plan_page_fits_with_its_columns_a_click_away(server, focal, size):
    j = focal[size]
    j.go(f"/plan?a={ML25}")
    no_sideways_scroll(j)
    j.shot("plan-gaps")
    drafts = j.page.get_by_role("button", name="Draft the action plan")
    if drafts.count():
        drafts.click()
        j.settle()
    # the plan's grid (the gaps are a table; the milestones' grid, further down, is folded)
    grid = j.page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    assert "7 of 19 columns shown" in j.text()
    no_sideways_scroll(j)
    # the main columns side by side, none cut off at the right
    scroll = grid.locator(".dvn-scroller").first.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll[0] <= scroll[1] + 2, (size, scroll)
    j.shot("plan-grid")
    j.page.get_by_role("button", name="Columns shown").click()
    j.page.wait_for_timeout(400)
    inside(j, "[data-testid='stPopoverBody']")
    j.shot("plan-column-picker")
    j.page.get_by_role("button", name="Every column").click()
    j.settle()
    assert "columns shown; choose the others" not in j.text()
    j.page.keyboard.press("Escape")
    j.shot("plan-every-column")
    j.page.get_by_role("button", name="Columns shown").click()
    j.page.wait_for_timeout(300)
    j.page.get_by_role("button", name="Main columns").click()
    j.settle()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_admin_tiles_are_whole(server, browser, shots, size):
    base, _data = server
    j = Screen(browser, base, shots, size)
    j.sign_in("admin@demo.seal", "demo-admin-password")
    j.go("/admin")
    values = j.page.locator("[data-testid='stMetricValue'], [data-testid='stMetricLabel']")
    assert values.count() >= 10
    cut = values.evaluate_all("els => els.filter(e => e.scrollWidth > e.clientWidth + 1)"
                              ".map(e => e.innerText)")
    assert cut == [], (size, cut)
    no_sideways_scroll(j)
    j.shot("admin")
    # each tab is made when it is chosen (a rerun): each fits too, and shows its own lists
    for n, (tab, shows) in enumerate((("Institutions", "Add an institution"),
                                      ("Assessor assignments", "Assign"),
                                      ("Audit trail", "Verify the audit trail"),
                                      ("Report templates", "template"),
                                      ("Users", "Add a user")), 1):
        j.page.get_by_role("tab", name=tab).click()
        j.settle()
        panel = j.page.locator("[data-testid='stTabs'] [role='tabpanel']:visible")
        assert shows in panel.inner_text(), tab
        no_sideways_scroll(j)
        j.shot(f"admin-tab-{n}")
    j.context.close()


def test_a_wrong_password_keeps_the_address_typed_out_of_the_url(server, browser, shots):
    base, _data = server
    j = Screen(browser, base, shots, "laptop")
    j.go("/")
    j.page.click("button[type=submit]")  # empty: says what is missing
    j.settle()
    assert "Give your e-mail address and your password." in j.text()
    j.page.fill("#seal-email", "focal@demo.seal")
    j.page.fill("#seal-password", "not the password")
    j.page.click("button[type=submit]")
    j.settle()
    assert "Wrong e-mail address or password" in j.text()
    assert "focal" not in j.page.url and "demo.seal" not in j.page.url
    assert j.page.input_value("#seal-email") == "focal@demo.seal"
    j.shot("sign-in-refused")
    j.context.close()


def test_the_back_button_leaves_a_page_in_one_press(server, focal):
    """Pages opened from the menu, then Back: each press returns to the page before (it took
    two presses to leave Results)."""
    j = focal["laptop"]
    j.go("/")
    visited = []
    for title in ("Results", "Gaps and action plan", "Self-assessment"):
        j.page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
        j.settle()
        visited.append(j.page.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1])
    for expected in reversed(visited[:-1]):
        j.page.go_back()
        j.settle()
        assert j.page.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] == expected, visited

"""Every page of every role of the demo, in a browser at a laptop's 1366 x 800 and a wide
screen's 1920 x 1080: each page is opened as the role's menu opens it and left to settle, then
checked for what a person would see as broken: an error box, the page scrolling sideways,
something cut off at the right (a metric's value or label, a table, a grid's columns, a button's
words, a pop-over opened from the page), a code or raw id a person would have to decode (the
scan of :mod:`tests.test_app_words`, on the text the browser shows).  Each page is photographed
whole as ``<role>-<page>-<size>.png`` (in the test's folder, and in ``$SEAL_E2E_ARTIFACTS`` when
set), to be looked at.

One server, one browser, one context per role and size (the fixtures of
:mod:`tests.e2e_kit`); skipped, saying why, without Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from . import e2e_kit as kit
from .e2e_kit import E2E, ML25, SIZES, Screen, inside, no_sideways_scroll
from .test_app_words import codes_in

server, browser, shots = kit.server, kit.browser, kit.shots
pytestmark = E2E
NSO25 = "valdoria-national-statistics-office-2025"  # under review, half reviewed
#: Each role of the demo: its sign-in and every page of its menu (with the sections of a page
#: that show something else: the staff data and the submit section of the questionnaire).
ROLES = {
    "focal-point": ("focal@demo.seal", "demo-focal-password", {
        "home": "/",
        "process": "/process",
        "assessment": f"/assessment?a={ML25}&d=RI",
        "staff-data": f"/assessment?a={ML25}&d=_staff",
        "submit": f"/assessment?a={ML25}&d=_submit",
        "results": f"/results?a={ML25}",
        "plan": f"/plan?a={ML25}",
        "standards": "/standards",
        "account": "/account",
    }),
    "assessor": ("assessor@demo.seal", "demo-assessor-password", {
        "home": "/",
        "review": f"/review?a={NSO25}",
        "results": f"/results?a={NSO25}",
        "standards": "/standards",
        "account": "/account",
    }),
    "programme-officer": ("programme@demo.seal", "demo-programme-password", {
        "home": "/",
        "awards": "/awards",
        "portfolio": "/portfolio",
        "results": "/results",
        "standards": "/standards",
        "account": "/account",
    }),
    "analyst": ("analyst@demo.seal", "demo-analyst-password", {
        "home": "/",
        "portfolio": "/portfolio",
        "results": "/results",
        "standards": "/standards",
        "account": "/account",
    }),
    "admin": ("admin@demo.seal", "demo-admin-password", {
        "home": "/",
        "admin": "/admin",
        "portfolio": "/portfolio",
        "results": "/results",
        "standards": "/standards",
        "account": "/account",
    }),
}
LABEL = {"laptop": "1366x800", "wide": "1920x1080"}
#: What a page shows as its menu's page names: a test that the page opened is the one asked.
TITLES = {"home": None, "process": "Programme steps", "assessment": "Self-assessment",
          "staff-data": "Self-assessment", "submit": "Self-assessment", "results": "Results",
          "plan": "Gaps and action plan", "standards": "Standards", "account": "Your account",
          "review": "Review", "awards": "Awards", "portfolio": "Portfolio",
          "admin": "Administration"}

#: The elements of a page that must show all of their words: a metric's value and label, a
#: button's or a tab's label, an expander's title, a table (st.table) and a grid's columns.
_CUT = """main => {
  const out = [];
  const cut = (e, what) => out.push(what + ': ' + (e.innerText || '').trim().slice(0, 80));
  const right = main.getBoundingClientRect().right + 1;
  for (const e of main.querySelectorAll(
      "[data-testid='stMetricValue'] > div, [data-testid='stMetricLabel'] p, " +
      "[data-testid='stMetricDelta'] > div, [data-testid='stBaseButton-secondary'] p, " +
      "[data-testid='stBaseButton-primary'] p, [data-testid='stBaseButton-tertiary'] p, " +
      "[data-testid='stTab'] p, [data-testid='stExpander'] summary p")) {
    if (e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1) cut(e, 'words cut off');
  }
  for (const e of main.querySelectorAll("[data-testid='stTable'], [data-testid='stDataFrame']")) {
    if (e.offsetParent === null) continue;
    const scroller = e.querySelector('.dvn-scroller') || e.querySelector('table')?.parentElement
      || e;
    if (scroller.scrollWidth > scroller.clientWidth + 2) cut(e, 'table scrolls sideways');
    if (e.getBoundingClientRect().right > right) cut(e, 'table past the right edge');
  }
  for (const e of main.querySelectorAll("[data-testid='stVerticalBlock'] > div")) {
    const box = e.getBoundingClientRect();
    if (e.offsetParent !== null && box.width > 0 && box.right > right) cut(e, 'past the edge');
  }
  return out;
}"""
#: The words the browser shows on the page and in the sidebar, without the names of the
#: Material icons (drawn from a font whose ligatures are words such as "check_circle").
_WORDS = """() => {
  const icons = new Set([...document.querySelectorAll("[data-testid='stIconMaterial']")]
    .map(e => e.textContent.trim()));
  let text = ['stMain', 'stSidebar'].map(id => {
    const e = document.querySelector(`[data-testid='${id}']`);
    return e ? e.innerText : '';
  }).join('\\n');
  for (const name of icons) text = text.split(name).join(' ');
  return text;
}"""


def _whole_page_shot(j: Screen, name: str) -> Path:
    """A screenshot of the whole page, however long: the window is made as tall as the page
    for the picture, then set back."""
    width, height = SIZES[j.size]
    tall = j.page.evaluate("() => { const m = document.querySelector(\"[data-testid='stMain']\");"
                           " return m ? m.scrollHeight : document.body.scrollHeight; }")
    tall = min(max(height, int(tall) + 40), 9000)
    if tall > height:
        j.page.set_viewport_size({"width": width, "height": tall})
        j.page.wait_for_timeout(400)
    try:
        return j.shot(name)
    finally:
        if tall > height:
            j.page.set_viewport_size({"width": width, "height": height})
            j.page.wait_for_timeout(200)


def _open_a_benchmark(j: Screen) -> None:
    """On the Standards page: the first benchmark opened, as one reads its guidance."""
    summary = j.page.locator("[data-testid='stExpander'] summary").filter(
        has_text=re.compile(r"[A-Z]{2}-\d{2}")).first
    summary.click()
    j.page.wait_for_timeout(400)


def _popovers(j: Screen) -> list[str]:
    """Every pop-over the page shows a button for, opened in turn: each lies inside the window
    (returns the labels of those opened)."""
    buttons = j.page.locator("[data-testid='stMain'] [data-testid='stPopover'] button")
    opened = []
    for i in range(min(buttons.count(), 4)):
        button = buttons.nth(i)
        if not button.is_visible():
            continue
        button.scroll_into_view_if_needed()
        button.click()
        body = j.page.locator("[data-testid='stPopoverBody']").last
        body.wait_for(state="visible", timeout=10_000)
        j.page.wait_for_timeout(300)
        inside(j, "[data-testid='stPopoverBody']")
        opened.append(button.inner_text().strip())
        j.page.keyboard.press("Escape")
        j.page.wait_for_timeout(300)
    return opened


def _demo_codes(data: Path) -> set[str]:
    """The codes of the demo's assessments, institutions and standards: each has a name that
    a page shows instead."""
    import seal_engine.store as st

    with kit.open_store(data) as store:
        codes = set()
        for a in st.list_assessments(store, st.SYSTEM):
            codes |= {a.code, a.institution_code, a.standard_id}
        return codes


def _check_page(j: Screen, name: str, codes: set[str]) -> dict[str, list[str]]:
    """What is wrong on the page in view (empty: nothing)."""
    found: dict[str, list[str]] = {}
    errors = j.page.locator("[data-testid='stException'], [data-testid='stAlertContentError']")
    if errors.count():
        found["error box"] = [errors.nth(i).inner_text()[:200] for i in range(errors.count())]
    wide = j.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if wide[0] > wide[1]:
        found["sideways scroll"] = [str(wide)]
    cut = j.page.locator("[data-testid='stMain']").evaluate(_CUT)
    if cut:
        found["cut off"] = cut
    words = j.page.evaluate(_WORDS)
    shown = codes_in(words) + sorted(c for c in codes if c in words)
    if shown:
        found["codes"] = shown
    title = TITLES[name]
    if title is not None and title not in j.text():
        found["not the page asked"] = [j.page.url]
    return found


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_of_every_role_fits_and_reads(server, browser, shots, role, size):
    base, data = server
    email, password, pages = ROLES[role]
    codes = _demo_codes(data)
    j = Screen(browser, base, shots, size, prefix="")
    try:
        if role == "focal-point":  # the sign-in page, once per size, before signing in
            j.go("/")
            assert "Sign in" in j.text()
            no_sideways_scroll(j)
            _whole_page_shot(j, f"visitor-signin-{LABEL[size]}")
        j.sign_in(email, password)
        problems = {}
        for name, path in pages.items():
            j.go(path)
            if name == "standards":
                _open_a_benchmark(j)
            found = _check_page(j, name, codes)
            try:
                _popovers(j)
            except AssertionError as e:
                found["pop-over outside the window"] = [str(e)]
            try:
                _whole_page_shot(j, f"{role}-{name}-{LABEL[size]}")
            except AssertionError:  # "Something went wrong": the error box says which
                found.setdefault("error box", ["the page failed"])
            if found:
                problems[name] = found
        assert problems == {}, problems
    finally:
        j.context.close()

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
  const words = ["[data-testid='stMetricValue']", "[data-testid='stMetricLabel']",
                 "[data-testid='stMetricDelta']", "[data-testid^='stBaseButton']",
                 "[data-testid='stTab']", "[data-testid='stExpander'] summary"];
  const seen = new Set();
  for (const e of main.querySelectorAll(words.map(w => `${w}, ${w} *`).join(', '))) {
    if (e.offsetParent === null || e.closest('details:not([open]) > :not(summary)')) continue;
    const owner = e.closest(words.join(', '));
    if (e.scrollWidth > e.clientWidth + 1 && !seen.has(owner)) {
      seen.add(owner);
      cut(owner, 'words cut off');
    }
  }
  for (const e of main.querySelectorAll("[data-testid='stTable'], [data-testid='stDataFrame']")) {
    if (e.offsetParent === null || e.closest('details:not([open])')) continue;  // folded
    const scroller = e.querySelector('.dvn-scroller') || e.querySelector('table')?.parentElement
      || e;
    const heads = [...e.querySelectorAll('th')].map(h => h.innerText.trim()).join(' | ');
    const where = e.closest("[data-testid='stExpander']")?.querySelector('summary')?.innerText
      || '';
    if (scroller.scrollWidth > scroller.clientWidth + 2)
      out.push(`table scrolls sideways (${scroller.scrollWidth} > ${scroller.clientWidth}` +
               `${where ? ', in ' + where.trim().slice(0, 60) : ''}): ${heads.slice(0, 160)}`);
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
  const icons = new Set();
  for (const e of document.querySelectorAll("[data-testid='stMain'] *, " +
                                            "[data-testid='stSidebar'] *")) {
    if (!e.children.length && getComputedStyle(e).fontFamily.includes('Material'))
      icons.add(e.textContent.trim());
  }
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
    j.settle()  # what opening it draws (on a busy machine the page grows after a fixed wait)
    j.page.wait_for_timeout(400)


def _popovers(j: Screen) -> list[str]:
    """Every pop-over the page shows a button for, opened in turn: each lies inside the window
    (returns the labels of those opened)."""
    buttons = j.page.locator("[data-testid='stMain'] [data-testid='stPopover'] button")
    opened = []
    for i in range(min(buttons.count(), 4)):
        button = buttons.nth(i)
        if not button.is_visible() or not button.is_enabled():
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
        assert problems == {}, "\n".join(f"{role} {size} {page}: {what}: {items}"
                                          for page, found in problems.items()
                                          for what, items in found.items())
    finally:
        j.context.close()


_CUT_PAGE = """<div data-testid="stMain" style="width: 600px">
 <div data-testid="stVerticalBlock"><div>
  <div data-testid="stMetricLabel" style="width: 80px; overflow: hidden; white-space: nowrap;
       text-overflow: ellipsis"><p>Submitted, waiting for review</p></div>
  <div data-testid="stTable"><div style="overflow: auto; width: 200px"><table>
   <tr><th>What fails</th></tr>
   <tr><td style="white-space: nowrap">a reason far too long for two hundred pixels</td></tr>
  </table></div></div>
  <details><summary>Folded</summary><div data-testid="stTable"><div style="overflow: auto;
   width: 50px"><table><tr><td style="white-space: nowrap">hidden and long</td></tr></table>
   </div></div></details>
  <p>RI-01.results, anti_retaliation <span style="font-family: 'Material Symbols Rounded'"
     >check_circle</span> valdoria-ministry-of-labour-2025</p>
 </div></div>
</div><div data-testid="stSidebar">Signed in as</div>"""


def test_the_checks_find_what_they_look_for(browser):
    """A page made to fail each check: a metric's label cut, a table scrolling sideways (a
    folded one is left alone), codes in the text (an icon's name is not one)."""
    page = browser.new_page(viewport={"width": 800, "height": 600})
    try:
        page.set_content(_CUT_PAGE)
        cut = page.locator("[data-testid='stMain']").evaluate(_CUT)
        assert [c.split(":")[0].split(" (")[0] for c in cut] == [
            "words cut off", "table scrolls sideways"], cut
        words = page.evaluate(_WORDS)
        assert codes_in(words) == ["RI-01.results", "anti_retaliation"]
        assert "check_circle" not in words and "valdoria-ministry-of-labour-2025" in words
    finally:
        page.close()

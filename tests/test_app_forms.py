"""Text answers that keep everything and forms that remember, driven by ``AppTest`` on a copy
of the demo: a text over its limit refused with a message and kept in the box (never dropped,
as the browser's ``max_chars`` did with a long paste), a long-text question, "Add a user"
keeping what was typed after a refusal, countries chosen from the ISO 3166 list, and times
shown in the time zone each user chooses."""

from __future__ import annotations

import datetime as dt
import shutil

import seal_engine.store as st

from .appkit import ML25, actor, assessment, no_failure, open_app, store, texts
from .conftest import ROOT

SERVICE = "RI-05.service"  # the demo standard's one-line text question


def _key(qid: str, kind: str = "q") -> str:
    return f"{kind}:{assessment(ML25).id}:{qid}"


def _saved(qid: str):
    info = st.get_assessment(store(), st.SYSTEM, assessment(ML25).id)
    given = info.answers.get(qid)
    return given.value if given else None


def _limit(qid: str) -> int:
    info = st.get_assessment(store(), st.SYSTEM, assessment(ML25).id)
    return st.get_standard(store(), info.standard_id, info.standard_version) \
        .questions()[qid].text_limit


def test_a_paste_over_the_limit_is_refused_with_a_message_and_kept_in_the_box(app_db):
    at = open_app("focal_point", "assessment", a=ML25, d="RI")
    no_failure(at)
    before = _saved(SERVICE)
    limit = _limit(SERVICE)
    pasted = ("Employment counselling for women returning to work. " * 60)[: limit + 500]
    field = at.text_input(key=_key(SERVICE))
    assert not field.max_chars  # the browser no longer drops a longer paste silently
    field.input(pasted).run()
    assert _saved(SERVICE) == before  # refused: nothing half-saved
    assert at.text_input(key=_key(SERVICE)).value == pasted  # kept, to shorten
    errors = [e.value for e in at.error]
    assert any(f"{limit + 500:,} characters long" in e and "shorten it by 500" in e
               for e in errors), errors
    shorter = pasted[:limit]
    at.text_input(key=_key(SERVICE)).input(shorter).run()
    no_failure(at)
    assert _saved(SERVICE) == shorter.strip()
    assert f"{limit:,} of at most {limit:,} characters." in texts(at)  # near the limit


def _long_text_version(tmp_path) -> int:
    """A new version of the demo's standard in which the text question is a long text of at
    most 3,000 characters, stored, and the Ministry of Labour's 2025 assessment moved to it."""
    info = st.get_assessment(store(), st.SYSTEM, assessment(ML25).id)
    folder = tmp_path / "standard"
    shutil.copytree(ROOT / "standards" / info.standard_id, folder,
                    ignore=shutil.ignore_patterns("translations"))  # those are of this version
    index = folder / "standard.yaml"
    text = index.read_text("utf-8")
    current = f"version: {info.standard_version}\n"
    assert current in text
    index.write_text(text.replace(current, f"version: {info.standard_version + 1}\n", 1),
                     "utf-8")
    for path in folder.glob("*.yaml"):
        body = path.read_text("utf-8")
        at = body.find(f"id: {SERVICE}")
        if at >= 0:
            typed = body.index("type: text", at)
            path.write_text(body[:typed] + "type: long_text\n        max_length: 3000"
                            + body[typed + len("type: text"):], "utf-8")
    st.add_standard(store(), st.SYSTEM, folder)
    st.move_assessment(store(), actor("focal_point"), info.id, info.standard_version + 1,
                       info.version, apply=True)
    return info.standard_version + 1


def test_a_long_text_is_several_paragraphs_with_its_limit_shown_as_it_nears(app_db, tmp_path):
    version = _long_text_version(tmp_path)
    assert _limit(SERVICE) == 3000
    at = open_app("focal_point", "assessment", a=ML25, d="RI")
    no_failure(at)
    area = at.text_area(key=_key(SERVICE))
    assert not area.max_chars
    paragraphs = "Counselling for women returning to work.\n\n" + "It reached more women. " * 110
    area.input(paragraphs).run()
    no_failure(at)
    assert _saved(SERVICE) == paragraphs.strip()
    shown = texts(at)
    assert f"{len(paragraphs):,} of at most 3,000 characters." in shown
    assert "the page warns you before you leave it with text not yet saved" in shown
    too_long = paragraphs + "More. " * 100
    at.text_area(key=_key(SERVICE)).input(too_long).run()
    assert _saved(SERVICE) == paragraphs.strip()
    assert at.text_area(key=_key(SERVICE)).value == too_long
    assert any("at most 3,000 are allowed" in e.value for e in at.error)
    assert version == st.get_assessment(store(), st.SYSTEM, assessment(ML25).id) \
        .standard_version


def test_add_a_user_keeps_what_was_typed_after_a_refusal(app_db):
    at = open_app("admin", "admin")
    email = at.text_input(key="add_user:email")
    email.input("nadia.new@example.org")
    at.text_input(key="add_user:name").input("Nadia New")
    at.text_input(key="add_user:password").input("short")
    [b for b in at.button if b.label == "Add the user"][0].click().run()
    assert any("at least 10 characters" in e.value for e in at.error)
    # every field as it was, to correct
    assert at.text_input(key="add_user:email").value == "nadia.new@example.org"
    assert at.text_input(key="add_user:name").value == "Nadia New"
    at.text_input(key="add_user:password").input("a first password")
    [b for b in at.button if b.label == "Add the user"][0].click().run()
    no_failure(at)
    assert st.find_user(store(), st.SYSTEM, "nadia.new@example.org").display_name == "Nadia New"
    assert at.text_input(key="add_user:email").value == ""  # saved: the form is empty again


def test_add_a_user_says_which_field_is_missing(app_db):
    at = open_app("admin", "admin")
    at.text_input(key="add_user:email").input("nadia.new@example.org")
    [b for b in at.button if b.label == "Add the user"][0].click().run()
    assert [e.value for e in at.error] == ["Give the name, the first password."]
    assert at.text_input(key="add_user:email").value == "nadia.new@example.org"


def test_the_analysts_country_is_chosen_from_the_iso_list(app_db):
    from seal_engine.app.countries import country_label, iso_countries

    user = st.create_user(store(), st.SYSTEM, email="ana@example.org", display_name="Ana",
                          password="a test password")
    at = open_app("admin", "admin")
    at.selectbox(key="admin_user").set_value(user.id).run()
    country = at.selectbox(key="grant:country")
    options = set(country.options)
    assert {country_label(c.name) for c in iso_countries()} <= options
    assert len(iso_countries()) >= 240
    assert "Republic of Valdoria" in options  # the demo's institutions' country, kept
    assert "Lao People's Democratic Republic (Laos)" in options
    at.selectbox(key="grant:role").set_value("analyst")
    [b for b in at.button if b.label == "Give the role"][0].click().run()
    assert [e.value for e in at.error] == ["Choose the country the analyst works on."]
    at.selectbox(key="grant:role").set_value("analyst")
    at.selectbox(key="grant:country").set_value("Lao People's Democratic Republic")
    [b for b in at.button if b.label == "Give the role"][0].click().run()
    no_failure(at)
    assert "analyst:Lao People's Democratic Republic" in st.find_user(
        store(), st.SYSTEM, user.id).roles


def test_times_are_shown_in_the_time_zone_each_user_chooses(app_db):
    at = open_app("admin", "account")
    no_failure(at)
    assert "UTC" in texts(at)
    picker = [s for s in at.selectbox if s.label == "Show times in"][0]
    assert picker.value == "UTC" and "Asia/Vientiane" in picker.options
    picker.set_value("America/Panama").run()
    no_failure(at)
    me = actor("admin")
    assert st.get_preferences(store(), me).time_zone == "America/Panama"
    assert "America/Panama" in texts(at)
    # every time the app shows is in it, the zone named: the audit trail too
    at.switch_page("views/admin.py")
    at.session_state["admin_tabs"] = "Audit trail"  # only the open tab is made
    at.run()
    entries = [d for d in at.dataframe if "When" in d.value.columns][0].value
    assert entries["When"].str.endswith(" America/Panama").all()
    # another user still reads UTC
    other = open_app("analyst", "account")
    assert [s for s in other.selectbox if s.label == "Show times in"][0].value == "UTC"


def test_fmt_datetime_names_the_zone():
    from seal_engine.app.i18n import fmt_datetime

    when = dt.datetime(2026, 3, 8, 15, 2, tzinfo=dt.UTC)
    assert fmt_datetime(when, "UTC") == "8 March 2026, 15:02 UTC"
    assert fmt_datetime(when, "America/Panama") == "8 March 2026, 10:02 America/Panama"
    assert fmt_datetime(when, "Asia/Vientiane") == "8 March 2026, 22:02 Asia/Vientiane"
    assert fmt_datetime(when.replace(tzinfo=None), "UTC") == "8 March 2026, 15:02 UTC"

"""Each user's language, kept with their preferences: set by the user alone, version-checked,
audited and sealed with the user's record; and the browser's language before signing in."""

from __future__ import annotations

import pytest

import seal_engine.store as st
from seal_engine.app import i18n
from seal_engine.errors import PermissionDeniedError, StaleWriteError, StoreError

from .conftest import demo_actors


def test_each_user_chooses_their_language(demo_store):
    store, who = demo_store, demo_actors(demo_store)
    focal = who["focal_point"]
    prefs = st.get_preferences(store, focal)
    assert (prefs.language, prefs.language_version) == (None, 0)
    v = st.set_language(store, focal, "es", 0)
    prefs = st.get_preferences(store, focal)
    assert (prefs.language, prefs.language_version) == ("es", v)
    assert prefs.time_zone is None and prefs.version == 0  # the time zone untouched
    assert st.get_preferences(store, who["assessor"]).language is None  # their own
    with pytest.raises(StaleWriteError):
        st.set_language(store, focal, "fr", 0)  # read before the change
    with pytest.raises(StoreError, match="'Spanish' is not a language code"):
        st.set_language(store, focal, "Spanish", v)
    with pytest.raises(PermissionDeniedError):
        st.set_language(store, who["admin"], "fr", v, user_id=focal.user_id)
    v = st.set_language(store, focal, None, v)  # back to the browser's
    assert st.get_preferences(store, focal).language is None
    # the time zone and the language are versioned apart
    tz = st.set_time_zone(store, focal, "America/Panama", 0)
    assert st.set_language(store, focal, "pt", v) == v + 1
    prefs = st.get_preferences(store, focal)
    assert (prefs.time_zone, prefs.version, prefs.language) == ("America/Panama", tz, "pt")
    entry = sorted((e for e in st.list_audit(store, st.SYSTEM, limit=1000)
                    if e.action == "user.preferences"), key=lambda e: e.seq)[-1]
    assert entry.entity == f"user:{focal.user_id}" and entry.payload["language"] == "pt"
    assert st.verify_audit(store).ok  # the language row is sealed with the user's record


@pytest.mark.parametrize("header, expected", [
    ("es-CO,es;q=0.9,en;q=0.8", "es"),
    ("de-DE,de;q=0.9,fr;q=0.8,en;q=0.5", "fr"),
    ("en;q=0.2, pt-BR;q=0.9", "pt"),
    ("de, *;q=0.1", None),
    ("", None),
])
def test_the_browsers_language_comes_from_accept_language(header, expected, monkeypatch):
    monkeypatch.setattr(i18n, "languages",
                        lambda: {"en": "English", "es": "Español", "fr": "Français",
                                 "pt": "Português"})
    assert i18n.browser_language(header) == expected

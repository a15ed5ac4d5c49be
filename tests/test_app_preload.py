"""While a signed-in page is idle, the browser loads the parts of Streamlit's code it otherwise
loads only when a page first shows a chart, a grid or a table (``/seal/preload.js``).  The
parts are Streamlit's hashed file names, read from the installed Streamlit's build: these tests
fail when a Streamlit upgrade renames or drops them, instead of the preloading silently doing
nothing."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import streamlit

import seal_engine.app.server as server

from .appkit import no_failure, open_app

JS = Path(streamlit.__file__).parent / "static" / "static" / "js"


def test_every_part_preloaded_is_in_the_installed_streamlit_s_build():
    chunks = server.preloaded_chunks()
    assert [c.split(".", 1)[0] for c in chunks] == list(server.PRELOADED)
    for chunk in chunks:
        assert (JS / chunk).is_file(), chunk
    # the charts' part brings Vega's embed with it (the largest part of a first chart)
    charts = (JS / chunks[0]).read_text("utf-8")
    assert re.search(r'from"\./embed\.[\w-]+\.js"', charts)


def test_the_parts_are_those_streamlit_s_entry_script_imports_lazily():
    page = (JS.parent.parent / "index.html").read_text("utf-8")
    entry = re.search(r'src="\./static/js/(index\.[\w-]+\.js)"', page).group(1)
    text = (JS / entry).read_text("utf-8")
    for chunk in server.preloaded_chunks():
        assert f"import(`./{chunk}`)" in text, chunk


def test_the_script_is_served_with_the_parts_names():
    response = asyncio.run(server.preload_js(None))
    text = response.body.decode("utf-8")
    assert response.media_type == "text/javascript"
    listed = re.search(r"\}\)\((\[.*\])\);\s*$", text, re.S)
    assert listed and json.loads(listed.group(1)) == list(server.preloaded_chunks())
    assert server.PRELOAD_JS in {r.path for r in server.routes()}


def test_a_signed_in_page_carries_the_script_in_a_hidden_container(app_db):
    at = open_app("analyst")
    no_failure(at)
    scripts = [h.proto for h in at.get("html") if server.PRELOAD_JS in h.proto.body]
    assert len(scripts) == 1 and scripts[0].unsafe_allow_javascript
    import seal_engine.app.main as main

    assert ".st-key-seal_preload { display: none; }" in main._CSS


def test_nobody_signed_in_gets_no_script(app_db):
    at = open_app(None)
    no_failure(at)
    assert not [h for h in at.get("html") if server.PRELOAD_JS in h.proto.body]

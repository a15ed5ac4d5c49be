"""The Seal app: ``streamlit run app.py`` (or ``seal app``) serves it on the database of
SEAL_DATABASE_URL, by default a SQLite file created on first start with the demo data.  The
pages are in seal_engine/app/."""

import streamlit as st

from seal_engine.app.server import app_options

app = st.App("seal_engine/app/main.py", **app_options())

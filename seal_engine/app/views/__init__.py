"""One script per page, run by ``st.navigation`` (see ``main.py``); each ends with
``if __name__ == "__main__": run_page(render, roles=...)``.  The folder is not named ``pages/``
on purpose: Streamlit gives that name a meaning of its own."""

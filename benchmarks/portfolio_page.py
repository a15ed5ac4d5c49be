"""The portfolio page's script, warm, with the comparison kept from the run before (a rerun
with nothing written since: paging the ranking, looking for a name) and made again (as the
first run after a write), interleaved, through ``benchmarks/app.py``'s AppTest harness:
wall-clock and the script thread's CPU seconds, median of the rounds.

    python benchmarks/portfolio_page.py --db /tmp/seal-1000-B.db [--rounds 5]

The database is one ``benchmarks/app.py --institutions 1000 --db FILE`` built.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("bench_app", ROOT / "benchmarks" / "app.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    logging.disable(logging.WARNING)
    os.environ.setdefault("SEAL_PASSWORD_PROFILE", "CHEAPEST")
    url = f"sqlite:///{args.db.resolve()}"
    os.environ["SEAL_DATABASE_URL"] = url
    bench._compile_once()
    apps = {k: at for k, at in bench._apps(url).items() if k[1] == "portfolio"}
    bench._count_cpu()
    out: dict = {}
    for _ in range(args.rounds):
        for (role, _page, _params), at in apps.items():
            for mode in ("kept", "made again"):
                if mode == "made again":
                    at.session_state["pf_compared"] = None
                out.setdefault((role, mode), []).append(bench._time(at))
    print(f"portfolio page, {args.rounds} rounds, load average {os.getloadavg()[0]:.1f}")
    for (role, mode), v in out.items():
        print(f"  {role:<8} comparison {mode:<10}  "
              f"{statistics.median(w for w, _c in v):.3f} s wall  "
              f"{statistics.median(c for _w, c in v):.3f} s CPU")


if __name__ == "__main__":
    main()

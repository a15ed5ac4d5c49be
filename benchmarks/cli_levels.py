"""``seal score FOLDER`` (the table) against an earlier checkout: what naming the levels by the
standard's titles in the run's language costs (each standard's levels looked up once per run).

    python benchmarks/cli_levels.py --before /tmp/base [--institutions 150] [--rounds 9]

``--before``: a checkout of the code to compare with (``git archive REV | tar -x -C DIR``).
Each round runs the command once per checkout, interleaved, in a fresh process (``python -m
seal_engine``, PYTHONPATH set to the checkout), on a generated portfolio (one period, no
workforce files), in English and in Spanish; the median and fastest of each and their ratios
are printed with the load average before and after."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def _run(root: Path, folder: Path, lang: str) -> float:
    env = dict(os.environ, COLUMNS="200", SEAL_LANG=lang, PYTHONPATH=str(root))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "seal_engine", "score", str(folder),
                           "--workers", "1"], env=env, cwd=tempfile.gettempdir(),
                          capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{root}: seal score failed:\n{done.stderr}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--institutions", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    roots = {"before": args.before.resolve(), "after": HERE}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "portfolio"
        subprocess.run([sys.executable, "-m", "seal_engine", "generate", "--institutions",
                        str(args.institutions), "--periods", "2025", "--no-workforce", "-o",
                        str(folder)], check=True, capture_output=True,
                       env=dict(os.environ, PYTHONPATH=str(HERE)))
        for lang in ("es", "en"):
            load = os.getloadavg()
            took: dict[str, list[float]] = {k: [] for k in roots}
            for _ in range(args.rounds):
                for name, root in roots.items():
                    took[name].append(_run(root, folder, lang))
            med = {k: statistics.median(v) for k, v in took.items()}
            low = {k: min(v) for k, v in took.items()}
            print(f"{lang}: median before {med['before']:.3f} s, after {med['after']:.3f} s, "
                  f"ratio {med['after'] / med['before']:.3f}; fastest {low['before']:.3f} s, "
                  f"{low['after']:.3f} s, ratio {low['after'] / low['before']:.3f} "
                  f"({args.rounds} rounds; load {load[0]:.2f} -> {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()

"""Where batches run: in this process, on a local process pool (all cores), or on a Dask cluster
(a ``LocalCluster`` on this machine, or an existing cluster by its scheduler's address).

Each executor maps a function over batches and yields the results in the order of the batches,
with a bounded number in flight, so that results stream and memory stays flat however many
batches there are.  Standards are sent once per worker: to the pool's initializer, or scattered
to every Dask worker once; each worker process compiles a standard once (keyed by its content
hash, see :mod:`seal_engine.compilation`).
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import Problem, SealError, install_hint

__all__ = ["DASK_HINT", "EXECUTORS", "cores", "run_batches"]

#: The executors by name.
EXECUTORS: tuple[str, ...] = ("local", "dask")
DASK_HINT = install_hint("dask")


def cores() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _dask():
    try:
        import dask.bag  # noqa: F401
        import distributed
    except ImportError as e:
        raise ImportError(f"the Dask executor needs dask and distributed: {DASK_HINT}") from e
    return distributed


def _serial(fn, batches, standards) -> Iterator[Any]:
    from .rows import receive_standards

    receive_standards(standards)
    for b in batches:
        yield fn(b)


def _pool(fn, batches, standards, workers: int) -> Iterator[Any]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .rows import receive_standards

    # forkserver (or spawn): never fork a process that may hold threads and open databases;
    # but those re-import the main script, so one read from stdin (python -) forks
    main = getattr(sys.modules.get("__main__"), "__file__", None)
    methods = multiprocessing.get_all_start_methods()
    method = "forkserver" if "forkserver" in methods else "spawn"
    if main is not None and not os.path.exists(main) and "fork" in methods:
        method = "fork"
    ctx = multiprocessing.get_context(method)
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=receive_standards,
                             initargs=(list(standards),)) as pool:
        pending: deque = deque()
        it = iter(batches)
        for b in it:
            pending.append(pool.submit(fn, b))
            if len(pending) >= workers * 3:
                break
        while pending:
            done = pending.popleft().result()
            for b in it:
                pending.append(pool.submit(fn, b))
                break
            yield done


def _with_standards(fn, batch, standards):
    from .rows import receive_standards

    receive_standards(standards)
    return fn(batch)


def _on_dask(fn, batches, standards, workers: int, scheduler: str | None) -> Iterator[Any]:
    distributed = _dask()
    cluster = None
    try:
        if scheduler:
            try:
                client = distributed.Client(scheduler, timeout="10s")
            except OSError as e:
                raise SealError(Problem(f"cannot reach the Dask scheduler at {scheduler!r} "
                                        f"({e}); check the address (tcp://HOST:8786) and that "
                                        "it runs", field="scheduler")) from None
        else:
            cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                               processes=True, dashboard_address=None)
            client = distributed.Client(cluster)
        with client:
            sent = client.scatter(list(standards), broadcast=True) if standards else []
            pending: deque = deque()
            it = iter(batches)
            limit = max(2, workers * 3)
            for b in it:
                pending.append(client.submit(_with_standards, fn, b, sent, pure=False))
                if len(pending) >= limit:
                    break
            while pending:
                done = pending.popleft().result()
                for b in it:
                    pending.append(client.submit(_with_standards, fn, b, sent, pure=False))
                    break
                yield done
    finally:
        if cluster is not None:
            cluster.close()


def run_batches(fn: Callable[[Any], Any], batches: Iterable[Any], *, executor: str = "local",
                workers: int | None = None, scheduler: str | None = None,
                standards: Iterable = ()) -> Iterator[Any]:
    """``fn(batch)`` for each batch, in order.  ``executor``: ``local`` (a process pool of
    ``workers`` processes, all cores by default; one worker runs in this process) or ``dask``
    (a ``LocalCluster`` of ``workers`` processes, or the cluster whose scheduler is at
    ``scheduler``).  ``standards`` are sent once to each worker.  ``fn`` must be a function
    of a module (workers import it by name)."""
    if executor not in EXECUTORS:
        raise SealError(Problem(f"unknown executor {executor!r}; choose one of "
                                f"{', '.join(EXECUTORS)}", field="executor"))
    if workers is not None and workers < 1:
        raise SealError(Problem(f"workers must be 1 or more, got {workers!r}", field="workers"))
    if scheduler and executor != "dask":
        raise SealError(Problem("a scheduler address goes with the dask executor",
                                field="scheduler"))
    standards = list(standards)
    n = workers or cores()
    if executor == "dask":
        return _on_dask(fn, batches, standards, n, scheduler)
    if n == 1:
        return _serial(fn, batches, standards)
    return _pool(fn, batches, standards, n)

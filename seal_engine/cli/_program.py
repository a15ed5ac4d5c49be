"""What the ``seal`` program does to its own process before a command runs: the garbage
collector set for a program that starts, does one thing and ends.

A ``seal score`` makes some 100,000 objects that the collector tracks (the modules, the models'
validators, the standard, the assessment), most of them alive until it ends, and frees almost
everything else by reference counting.  Python's collector, set for long-running programs,
examines the young objects every 700 allocations, the older ones every 7,000 and all of them
every 70,000 or so, and all of them once more when the program ends: 40 to 90 ms of a cold
``seal score`` on the development machine, spent finding almost nothing to free
(``benchmarks/README.md``).  So, in the ``seal`` program only (a program importing
:mod:`seal_engine` keeps its collector as it is):

- the first collection waits for :data:`STARTUP_OBJECTS` objects instead of 700; once it has
  run (a command that goes on: a server, a batch of thousands), what is alive then is
  frozen (:func:`gc.freeze`: never examined again, as it would be kept anyway) and the
  collector goes back to the thresholds it had, so a long run collects exactly as before;
- at exit, what is alive is frozen so that the interpreter's last collection does not examine
  it (the memory goes back to the system with the process).  Objects left in reference cycles
  at exit are then not finalized, which Python does not promise either: the engine closes
  what it writes itself (``with``), and the standard streams are flushed as always.

Cyclic garbage made before the first collection (a few megabytes at most) is freed by it, as
it was by the earlier ones: only the moment differs.
"""

from __future__ import annotations

import atexit
import gc

__all__ = ["STARTUP_OBJECTS", "quick_start"]

#: objects allocated (less those freed) before the first collection of a ``seal`` process
STARTUP_OBJECTS = 100_000

_state: dict = {}


def quick_start() -> bool:
    """Set the collector of this process for a ``seal`` command (see the module's docstring);
    ``False`` (and nothing changed) if the collector is off or was set so already."""
    if _state or not gc.isenabled() or gc.get_threshold()[0] == 0:
        return False
    _state["thresholds"] = gc.get_threshold()
    gc.set_threshold(max(STARTUP_OBJECTS, _state["thresholds"][0]),
                     *_state["thresholds"][1:])
    gc.callbacks.append(_after_first_collection)
    atexit.register(gc.freeze)
    return True


def _after_first_collection(phase: str, info: dict) -> None:
    """Once the first collection has run: what is alive is frozen and the thresholds are the
    ones the process had.  Stays registered, doing nothing (removing a callback while the
    collector calls them would skip the next one in its list)."""
    if phase != "stop" or "thresholds" not in _state or _state.get("done"):
        return
    _state["done"] = True
    gc.freeze()
    gc.set_threshold(*_state["thresholds"])

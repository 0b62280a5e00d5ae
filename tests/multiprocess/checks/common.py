"""Helpers shared by the checks: a barrier start for concurrent calls, percentiles."""

import math
import threading


def at_once(calls):
    """Run the callables in threads released together; returns [(result, exception)] in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        barrier.wait()
        try:
            results[index] = (call(), None)
        except Exception as exc:  # noqa: BLE001 - reported by the check
            results[index] = (None, exc)

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def percentile(samples, pct):
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)] if ordered else None


def check(condition, message):
    if not condition:
        raise AssertionError(message)

"""Timing helpers shared by the benchmark figures."""

import math
import statistics
import time


def time_runs(func, runs=20, warmup=1, before_each=None):
    """Call ``func`` ``warmup`` times untimed, then ``runs`` times timed.

    ``before_each`` (e.g. ``env.invalidate_all``) runs before every call, outside the timing.
    Returns the figure dict run.py expects: median in milliseconds, plus p95/min/max.
    """
    for _ in range(warmup):
        if before_each:
            before_each()
        func()
    samples = []
    for _ in range(runs):
        if before_each:
            before_each()
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    ordered = sorted(samples)
    return {
        "value": round(statistics.median(ordered), 1),
        "unit": "ms",
        "p95": round(ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)], 1),
        "min": round(ordered[0], 1),
        "max": round(ordered[-1], 1),
        "runs": runs,
    }


def demo_till(env, user=None):
    """The demo shop's open session, as the web client of ``user`` (default: admin) calls it.

    Returns (config, session, context). The session is opened as admin: open_ui refuses the
    superuser outside tests.
    """
    admin = env.ref("base.user_admin")
    config = env.ref("point_of_sale.pos_config_main").with_user(admin)
    if not config.current_session_id:
        config.open_ui()
    user = user or admin
    context = dict(user.context_get(), allowed_company_ids=[config.company_id.id])
    return config, config.current_session_id.with_user(user).with_context(context), context

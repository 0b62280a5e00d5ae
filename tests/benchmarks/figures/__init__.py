"""Benchmark figures: every module here (not starting with "_") is one figure.

A figure module defines:
    NAME = "short_name"                 # table row and JSON key
    DESCRIPTION = "what is measured"    # one line
    def measure(env, runs=20):          # `runs` is optional in the signature
        return {"value": 12.3, "unit": "ms", ...any extra keys...}   # or None: not applicable

`env` is a superuser environment on the database being measured (vanilla or suite). Its
transaction is rolled back after the figure, so figures do not see each other's records; a
figure that needs committed data (e.g. post-commit hooks) may call env.cr.commit() itself: the
benchmark databases are throwaway copies. See pos_load.py and bench_utils.time_runs.
"""

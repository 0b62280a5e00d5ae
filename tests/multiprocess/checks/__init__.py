"""One module per multi-process check; each has NAME and run(ctx) -> dict of figures (raises on failure).

Order matters: run.py runs them as listed in ORDER (the destructive ones, which kill processes, last).
"""

ORDER = ["token_once", "last_unit", "push_across_nodes", "push_fanout", "evidence_chains", "approval_restart",
         "worker_kill", "crons_once"]

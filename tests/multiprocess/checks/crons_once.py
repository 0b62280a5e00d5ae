"""(f) Crons with two nodes: each due job runs once; a node killed mid-run loses nothing.

Both nodes have a cron worker on the same database; Odoo's cron locking (the job row taken FOR NO KEY
UPDATE SKIP LOCKED, nextcall re-checked) lets one of them run a due job. Made due here as Odoo's own
_trigger() does: nextcall in the past, then NOTIFY cron_trigger, which wakes every cron worker at once.

1. The suite's crons (security alerts and digest, reorder digest, reconciliation) are due at once: each
   runs once (one ir.cron.progress row per run), no mail is queued twice.
2. A slow job (one row, then 4 s of pg_sleep) is due; the cron worker running it is killed (SIGKILL, by
   pid) mid-run: its transaction rolls back (once its backend
   finds the client gone), the job stays due, and
   the next wake runs it once (Odoo wakes cron workers every 60 s or on a trigger: the check sends the
   trigger rather than wait a minute). Exactly one committed row. PostgreSQL cannot tell which
   worker runs it (a worker may use a connection opened by its master), so every cron worker of both
   nodes is killed; the masters fork new ones.
"""

import os
import signal
import time

from db import Db

from .common import check

NAME = "crons_once"


def _make_due(ctx, cron_id):
    ctx.db.execute("UPDATE ir_cron SET nextcall = (now() at time zone 'UTC') - interval '1 minute' WHERE id = %s",
                   [cron_id])
    _wake(ctx)


def _wake(ctx):
    # Cron workers LISTEN on a connection to the "postgres" database (NOTIFY is per database), as
    # Odoo's ir.cron._notifydb() sends it.
    postgres = Db("postgres")
    try:
        postgres.execute("SELECT pg_notify('cron_trigger', %s)", [ctx.opts.db])
    finally:
        postgres.close()


def _wait(predicate, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()


def run(ctx):
    fx = ctx.fixture
    figures = {}
    # 1. The suite's own crons, due together: each runs once (one ir.cron.progress row per run), and
    #    no mail is queued twice.
    cron_ids = fx["suite_cron_ids"]
    check(cron_ids, "the suite's crons are installed")
    progress = "SELECT count(*) FROM ir_cron_progress WHERE cron_id = %s"
    before = {cid: ctx.db.one(progress, [cid])[0] for cid in cron_ids}
    last_mail = ctx.db.one("SELECT coalesce(max(id), 0) FROM mail_mail")[0]
    ctx.db.execute("UPDATE ir_cron SET nextcall = (now() at time zone 'UTC') - interval '1 minute' "
                   "WHERE id = ANY(%s)", [cron_ids])
    _wake(ctx)
    moved = _wait(lambda: ctx.db.one("SELECT bool_and(nextcall > now() at time zone 'UTC') FROM ir_cron "
                                     "WHERE id = ANY(%s)", [cron_ids])[0], 60)
    check(moved, "the suite's crons ran within 60 s")
    time.sleep(2)  # the other node's cron worker had its chance
    runs = {cid: ctx.db.one(progress, [cid])[0] - before[cid] for cid in cron_ids}
    check(all(n == 1 for n in runs.values()), f"each suite cron ran once with two nodes: {runs}")
    dupes = ctx.db.all(
        "SELECT msg.subject, count(*) FROM mail_mail m JOIN mail_message msg ON msg.id = m.mail_message_id "
        "WHERE m.id > %s GROUP BY msg.subject, msg.model, msg.res_id, m.email_to HAVING count(*) > 1",
        [last_mail])
    check(not dupes, f"a mail was queued twice: {dupes}")
    figures["suite_crons"] = len(cron_ids)
    figures["mails_queued"] = ctx.db.one("SELECT count(*) FROM mail_mail WHERE id > %s", [last_mail])[0]

    cron_id = fx["slow_cron_id"]
    _make_due(ctx, cron_id)
    running = _wait(lambda: ctx.db.one(
        "SELECT application_name FROM pg_stat_activity WHERE datname = %s AND query LIKE 'SELECT pg_sleep(4)%%'",
        [ctx.opts.db]), 60)
    check(running, "the slow job started within 60 s")
    # Which worker runs it cannot be read from PostgreSQL (a worker's connection may carry its master's
    # pid in application_name): every cron worker of both nodes is killed, the one running it among them.
    victims = {node.name: node.cron_worker_pids() for node in ctx.nodes}
    check(any(victims.values()), f"the nodes have cron workers to kill: {victims}")
    for pids in victims.values():
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    figures["cron_workers_killed"] = sum(len(p) for p in victims.values())
    # Its backend aborts (releasing the job's row lock) once pg_sleep returns and it finds the client gone.
    gone = _wait(lambda: not ctx.db.one(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state <> 'idle' "
        "AND query LIKE 'SELECT pg_sleep(4)%%'", [ctx.opts.db])[0], 30)
    check(gone, "the killed worker's database session ended")
    _wake(ctx)
    done = _wait(lambda: ctx.db.one("SELECT nextcall > now() at time zone 'UTC' FROM ir_cron WHERE id = %s",
                                    [cron_id])[0], 60)
    check(done, "the killed job ran again within 60 s")
    time.sleep(2)
    hits = ctx.db.one("SELECT count(*) FROM lpmp_cron_hits")[0]
    check(hits == 1, f"the slow job's work was committed {hits} times (the killed run must leave nothing)")
    figures["slow_job_commits"] = hits
    return figures

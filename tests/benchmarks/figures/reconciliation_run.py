"""Reconciliation run (pos_ledger_reconciliation) over 100 and 1,000 closed sessions of 50 orders each.

One real session is sold (50 orders, cash and card, taxed) and closed through the ORM, so its journal
entry, card payment, cash statement line and pickings are Odoo's own. It is then cloned by SQL
(every row of the session, its orders, lines, payments, moves, move lines, account payments and
statement lines, foreign keys remapped) into 1,000 closed sessions. The figure times one run over
the first 100 clones and one over all 1,000, and counts their SQL statements: both must grow
linearly (grouped queries, no query per order). Vanilla Odoo has no reconciliation: 0 there.
"""

import time
import uuid

from bench_utils import demo_till  # tests/benchmarks is on sys.path (run.py puts it there)

from odoo import Command, fields

NAME = "reconciliation_run"
DESCRIPTION = "pos_ledger_reconciliation: one run over 1,000 closed sessions of 50 orders (also 100: ms_100)"
ORDERS = 50
SESSIONS = (100, 1000)
CLONED = ("pos_session", "pos_order", "pos_order_line", "pos_payment", "account_move", "account_move_line",
          "account_payment", "account_bank_statement_line")
SUFFIXED = ("name", "uuid", "pos_reference", "access_token", "ticket_code", "move_name")


def _shop(env):
    config, _session, _context = demo_till(env)  # the demo company, as the other figures use it
    company = config.company_id
    cash_journal = env["account.journal"].create({"name": "LPBENCH Cash", "type": "cash", "code": "LPBC",
                                                  "company_id": company.id})
    bank_journal = env["account.journal"].search([("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
    cash = env["pos.payment.method"].create({"name": "LPBENCH Cash", "journal_id": cash_journal.id})
    card = env["pos.payment.method"].create({"name": "LPBENCH Card", "journal_id": bank_journal.id})
    shop = env["pos.config"].create({"name": "LPBENCH Reconciliation",
                                     "payment_method_ids": [Command.set([cash.id, card.id])]})
    if "guard_enabled" in shop._fields:
        shop.guard_enabled = False
    product = env["product.product"].create({
        "name": "LPBENCH reconciliation service", "type": "service", "available_in_pos": True, "list_price": 10.0,
        "taxes_id": [Command.set(company.account_sale_tax_id.ids)]})
    return shop.with_user(env.ref("base.user_admin")), cash, card, product


def _sold_session(env):
    shop, cash, card, product = _shop(env)
    shop.open_ui()
    session = shop.current_session_id
    session.set_opening_control(0, "")
    taxes = product.taxes_id
    orders = []
    for index in range(ORDERS):
        quantity = 1 + index % 3
        prices = taxes.compute_all(product.lst_price, session.currency_id, quantity, product=product)
        order_uuid = str(uuid.uuid4())
        orders.append({
            "uuid": order_uuid, "name": f"Order {order_uuid}", "session_id": session.id, "sequence_number": index + 1,
            "date_order": fields.Datetime.to_string(fields.Datetime.now()), "pricelist_id": shop.pricelist_id.id,
            "fiscal_position_id": False, "user_id": env.ref("base.user_admin").id, "partner_id": False,
            "to_invoice": False, "amount_total": prices["total_included"],
            "amount_tax": prices["total_included"] - prices["total_excluded"], "amount_paid": prices["total_included"],
            "amount_return": 0, "state": "paid", "last_order_preparation_change": "{}",
            "lines": [Command.create({
                "product_id": product.id, "qty": quantity, "price_unit": product.lst_price, "discount": 0,
                "price_subtotal": prices["total_excluded"], "price_subtotal_incl": prices["total_included"],
                "tax_ids": [Command.set(taxes.ids)], "pack_lot_ids": [], "price_type": "original"})],
            "payment_ids": [Command.create({"amount": prices["total_included"], "name": fields.Datetime.now(),
                                            "payment_method_id": (cash if index % 2 else card).id})],
        })
    env["pos.order"].sync_from_ui(orders)
    counted = sum(session.order_ids.payment_ids.filtered(lambda p: p.payment_method_id == cash).mapped("amount"))
    session.post_closing_cash_details(counted)
    session.close_session_from_ui()
    assert session.state == "closed", session.state
    return session


def _rows(env, session):
    moves = session.move_id | session.bank_payment_ids.move_id | session.statement_line_ids.move_id
    return {
        "pos_session": session.ids, "pos_order": session.order_ids.ids, "pos_order_line": session.order_ids.lines.ids,
        "pos_payment": session.order_ids.payment_ids.ids, "account_move": moves.ids,
        "account_move_line": moves.line_ids.ids, "account_payment": session.bank_payment_ids.ids,
        "account_bank_statement_line": session.statement_line_ids.ids,
    }


def _clone(env, rows, copies):
    """Copy every row ``copies`` times (copy k keeps its own session, orders, moves...), FKs remapped."""
    cr = env.cr
    env.flush_all()
    cr.execute("""
        SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text
          FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s) AND c.confrelid::regclass::text = ANY(%s)""",
               [list(CLONED), list(CLONED)])
    fks = {}
    for table, column, target in cr.fetchall():
        fks.setdefault(table, {})[column] = target
    for table in CLONED:
        cr.execute(f"""CREATE TEMP TABLE map_{table} ON COMMIT DROP AS
                       SELECT src.id AS old_id, g AS k, nextval('{table}_id_seq')::int AS new_id
                         FROM {table} src, generate_series(1, %s) g WHERE src.id = ANY(%s)""",
                   [copies, rows[table]])
        cr.execute(f"CREATE INDEX ON map_{table} (old_id, k)")
    # The copied rows point at each other (session <-> moves <-> payments): foreign keys are checked
    # by triggers, off for this transaction only while the copies are inserted.
    cr.execute("SET LOCAL session_replication_role = replica")
    for table in CLONED:
        cr.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s "
                   "ORDER BY ordinal_position", [table])
        columns, exprs = [], []
        for column, data_type in cr.fetchall():
            columns.append(f'"{column}"')
            if column == "id":
                exprs.append("m.new_id")
            elif column in fks.get(table, {}):
                target = fks[table][column]
                exprs.append(f'COALESCE((SELECT t.new_id FROM map_{target} t WHERE t.old_id = src."{column}" '
                             f'AND t.k = m.k), src."{column}")')
            elif column in SUFFIXED and data_type in ("character varying", "text"):
                exprs.append(f"src.\"{column}\" || '-' || m.k")
            else:
                exprs.append(f'src."{column}"')
        cr.execute(f"""INSERT INTO {table} ({", ".join(columns)})
                       SELECT {", ".join(exprs)} FROM {table} src JOIN map_{table} m ON m.old_id = src.id""")
    cr.execute("SET LOCAL session_replication_role = DEFAULT")
    cr.execute("SELECT new_id FROM map_pos_session ORDER BY k")
    ids = [row[0] for row in cr.fetchall()]
    for table in CLONED:
        cr.execute(f"DROP TABLE map_{table}")
    env.invalidate_all()
    return ids


def _run(env, company, ids):
    cr = env.cr
    cr.execute("SAVEPOINT lp_bench_recon")
    env.invalidate_all()
    sessions = env["pos.session"].browse(ids)
    queries = cr.sql_log_count
    start = time.perf_counter()
    result = env["pos.reconciliation.run"]._lp_reconcile(company, sessions)
    env.flush_all()
    elapsed = (time.perf_counter() - start) * 1000
    queries = cr.sql_log_count - queries
    found = result["found"]
    cr.execute("ROLLBACK TO SAVEPOINT lp_bench_recon")
    env.invalidate_all()
    return elapsed, queries, found


def measure(env, runs=3):
    if "pos.reconciliation.run" not in env:
        return {"value": 0, "unit": "ms", "skipped": "pos_ledger_reconciliation is not installed"}
    t0 = time.perf_counter()
    session = _sold_session(env)
    ids = _clone(env, _rows(env, session), max(SESSIONS))
    setup_s = round(time.perf_counter() - t0, 1)
    company = session.company_id
    result = {"unit": "ms", "orders_per_session": ORDERS, "setup_s": setup_s}
    for count in SESSIONS:
        samples = [_run(env, company, ids[:count]) for _i in range(max(1, min(runs, 3)))]
        times = sorted(sample[0] for sample in samples)
        result[f"ms_{count}"] = round(times[len(times) // 2], 1)
        result[f"queries_{count}"] = samples[-1][1]
        result[f"exceptions_{count}"] = samples[-1][2]
    result["value"] = result[f"ms_{max(SESSIONS)}"]
    result["time_growth"] = round(result["ms_1000"] / result["ms_100"], 2) if result["ms_100"] else None
    result["query_growth"] = round(result["queries_1000"] / result["queries_100"], 2) if result["queries_100"] else None
    return result

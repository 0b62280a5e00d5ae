"""Reorder digest over 10,000 products: time and query count (not a unit test: run by hand).

Creates, inside one transaction that is rolled back at the end, N storable products (default 10,000)
with an orderpoint each at the demo shop's stock location: a third of them under their minimum, a
fifth short at the till in the ledger (with and without a breach), plus the same share at a second
warehouse with its own recipient. Then measures `res.company._pos_stock_digest_rows()` and the whole
cron (rows + one rendered mail per warehouse), counting SQL queries; and, for days of cover, the
demand read at POS load beside the quantity read over the same products.

    PYTHONPATH=/opt/odoo18 lp-run --exclusive /opt/odoo18/venv/bin/python \
        tests/benchmarks/bench_reorder_digest.py --db DB [--products 10000] -- --addons-path=...

The database needs pos_stock_pro installed with demo data (e.g. a `bin/suite-test pos_stock_pro --keep-db`).
"""

import argparse
import time

from odoo import Command


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--products", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("odoo_args", nargs="*")
    opts = parser.parse_args()

    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config([*opts.odoo_args, "-d", opts.db, "--log-level=warn"], setup_logging=True)
    registry = Registry(opts.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        try:
            run(env, opts)
        finally:
            cr.rollback()


def run(env, opts):
    t0 = time.perf_counter()
    admin = env.ref("base.user_admin")
    config = env.ref("point_of_sale.pos_config_main").with_user(admin)
    if not config.current_session_id:
        config.open_ui()
    session = config.current_session_id.sudo()
    company = config.company_id
    warehouse = config.picking_type_id.warehouse_id
    location = config.pos_stock_location_id
    second = env["stock.warehouse"].create({"name": "Bench Depot", "code": "BDEP", "company_id": company.id})
    users = env["res.users"].create([
        {"name": "Bench buyer", "login": "bench_buyer", "email": "buyer@bench.example"},
        {"name": "Bench depot buyer", "login": "bench_depot", "email": "depot@bench.example"}])
    company.pos_stock_digest_user_ids = [Command.set(users[0].ids)]
    second.pos_stock_digest_user_ids = [Command.set(users[1].ids)]
    Product, Quant = env["product.product"], env["stock.quant"]
    Orderpoint = env["stock.warehouse.orderpoint"]
    products = Product.browse()
    for start in range(0, opts.products, 1000):
        batch = Product.create([{"name": f"Digest bench {i:05d}", "is_storable": True, "list_price": 2 + i % 50}
                                for i in range(start, min(start + 1000, opts.products))])
        products |= batch
    for index, product in enumerate(products):
        Quant._update_available_quantity(product, location, 3 if index % 3 == 0 else 50)
    half = len(products) // 2
    for start in range(0, len(products), 1000):
        batch = products[start:start + 1000]
        Orderpoint.create([{
            "product_id": p.id, "warehouse_id": (warehouse if i + start < half else second).id,
            "location_id": (location if i + start < half else second.lot_stock_id).id,
            "product_min_qty": 5, "product_max_qty": 40, "qty_multiple": 1} for i, p in enumerate(batch)])
    short = products[::5]
    env["pos.stock.override.log"]._pos_stock_log(session, "blocked", [
        {"product_id": p.id, "requested": 4, "available": 1, "shortfall": 3, "price": p.lst_price} for p in short])
    env.flush_all()
    env.cr.precommit.clear()
    setup = time.perf_counter() - t0
    print(f"setup: {len(products)} products, {len(products)} orderpoints, {len(short)} ledger rows in {setup:.1f} s")

    # Days of cover at POS load: the demand read beside the quantity read, over the same products
    # (done customer moves for every other product, inserted in SQL: the ORM path is not what is measured).
    customers = env.ref("stock.stock_location_customers")
    env.cr.execute("""
        INSERT INTO stock_move (company_id, product_id, product_uom, location_id, location_dest_id, name,
                                procure_method, product_uom_qty, product_qty, quantity, state, date)
        SELECT %s, p.id, t.uom_id, %s, %s, 'bench', 'make_to_stock', 3, 3, 3, 'done', now() - interval '3 days'
          FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id
         WHERE p.id = ANY(%s)""", [company.id, location.id, customers.id, products.ids[::2]])
    config.pos_stock_badge_basis = "cover"
    env.flush_all()
    for label, func in (("quantities (load)", lambda: config._pos_stock_read_quantities(products.ids)),
                        ("demand (load, days of cover)", lambda: config._pos_stock_read_demand(products.ids))):
        for _run in range(opts.runs):
            env.invalidate_all()
            before = env.cr.sql_log_count
            start = time.perf_counter()
            result = func()
            elapsed = time.perf_counter() - start
            print(f"{label}: {elapsed * 1000:.0f} ms, {env.cr.sql_log_count - before} queries, {len(result)} products")

    for label, func in (("digest rows", company._pos_stock_digest_rows),
                        ("cron (rows + mails)", env["res.company"]._cron_pos_stock_reorder_digest)):
        for _run in range(opts.runs):
            env.cr.execute("SAVEPOINT bench_digest")
            env.invalidate_all()
            before = env.cr.sql_log_count
            start = time.perf_counter()
            result = func()
            env.flush_all()
            elapsed = time.perf_counter() - start
            queries = env.cr.sql_log_count - before
            size = len(result) if isinstance(result, list) else result
            print(f"{label}: {elapsed * 1000:.0f} ms, {queries} queries, result {size}")
            env.cr.execute("ROLLBACK TO SAVEPOINT bench_digest")


if __name__ == "__main__":
    main()

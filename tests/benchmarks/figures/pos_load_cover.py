"""POS load with kits and the "days of cover" badge basis (issue 14's figure: ≤ 1.05× vanilla).

As pos_load_kits (every bench product storable and in stock, 200 of them kits), and inside the same rolled
back transaction every bench product gets a done delivery to a customer three days ago, so the till's load
carries a daily demand for each product. The suite's demo till shows days of cover (its
pos_stock_badge_basis is set to "cover"); vanilla has no such setting and loads the same catalogue, the same
moves and the same kits. Both databases need mrp (LP_BENCH_VANILLA_ADDONS=mrp).
"""

from bench_utils import demo_till  # tests/benchmarks is on sys.path

from figures import pos_load_kits

NAME = "pos_load_cover"
DESCRIPTION = ("pos.session.load_data([]) with the bench products in stock, 200 of them kits, each with "
               "3 days of deliveries and the days-of-cover badge, incl. JSON encoding")


def measure(env, runs=10):
    config = demo_till(env)[0]
    if "pos_stock_badge_basis" in config._fields:
        config.pos_stock_badge_basis = "cover"
    location = config.picking_type_id.default_location_src_id
    customers = env.ref("stock.stock_location_customers")
    # One done delivery per product (SQL: 5,000 moves through the ORM would take minutes and time nothing).
    env.cr.execute(
        """INSERT INTO stock_move (name, product_id, product_uom, product_uom_qty, product_qty, quantity,
                                   location_id, location_dest_id, company_id, state, date, procure_method,
                                   create_date, write_date, create_uid, write_uid)
           SELECT 'LPBENCH demand', p.id, t.uom_id, 1 + p.id %% 5, 1 + p.id %% 5, 1 + p.id %% 5,
                  %s, %s, %s, 'done', now() - interval '3 days', 'make_to_stock', now(), now(), 1, 1
             FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id
            WHERE t.default_code LIKE 'LPBENCH-%%'""",
        [location.id, customers.id, config.company_id.id],
    )
    env.invalidate_all()
    result = pos_load_kits.measure(env, runs=runs)
    data = demo_till(env)[1].load_data([])
    loaded = data.get("product.product", {}).get("data", [])
    result["with_demand"] = sum(1 for p in loaded if p.get("_pos_stock_demand"))
    return result

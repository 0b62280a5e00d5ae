"""POS load with storable products in stock (pos_stock_pro adds their quantities to the load).

The bench products (LPBENCH-*) are turned storable, each with a quant at the shop's stock location,
inside the measuring transaction (rolled back afterwards), so vanilla and suite load the same catalogue.
"""

import json

from bench_utils import demo_till, time_runs  # tests/benchmarks is on sys.path (run.py puts it there)

from odoo.tools import json_default

NAME = "pos_load_stock"
DESCRIPTION = "pos.session.load_data([]) with every bench product storable and in stock, incl. JSON encoding"


def measure(env, runs=10):
    config, session, _context = demo_till(env)
    location = config.picking_type_id.default_location_src_id
    env.cr.execute("UPDATE product_template SET is_storable = TRUE WHERE default_code LIKE 'LPBENCH-%%'")
    env.cr.execute(
        """INSERT INTO stock_quant (product_id, location_id, company_id, quantity, reserved_quantity,
                                    in_date, create_date, write_date, create_uid, write_uid)
           SELECT p.id, %s, %s, 10 + p.id %% 50, 0, now(), now(), now(), 1, 1
             FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id
            WHERE t.default_code LIKE 'LPBENCH-%%'""",
        [location.id, config.company_id.id],
    )
    env.invalidate_all()

    def load():
        json.dumps(session.load_data([]), default=json_default)

    result = time_runs(load, runs=runs, before_each=env.invalidate_all)
    data = session.load_data([])
    products = data.get("product.product", {}).get("data", [])
    result["products"] = len(products)
    result["with_stock_qty"] = sum(1 for p in products if "_pos_stock_qty" in p)
    return result

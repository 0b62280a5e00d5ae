"""POS load with 200 kits among the bench products (pos_stock_pro_mrp badges them from their components).

As pos_load_stock, every bench product is storable and in stock; then, inside the measuring transaction
(rolled back afterwards), the last 200 bench products become kits (a phantom BoM of 1 + 2 units of two
other bench products, one of the 200 in a second unit of measure: dozens). Both databases must have mrp
(LP_BENCH_VANILLA_ADDONS=mrp): the figure is the glue's cost, not mrp's.
"""

from odoo import Command

from figures import pos_load_stock  # tests/benchmarks is on sys.path

NAME = "pos_load_kits"
DESCRIPTION = "pos.session.load_data([]) with the bench products in stock, 200 of them kits, incl. JSON encoding"
KITS = 200


def measure(env, runs=10):
    if "mrp.bom" not in env:
        raise RuntimeError("pos_load_kits needs mrp in both databases (LP_BENCH_VANILLA_ADDONS=mrp)")
    products = env["product.product"].search([("default_code", "=like", "LPBENCH-%")], order="default_code")
    kits, components = products[-KITS:], products[:-KITS]
    unit, dozen = env.ref("uom.product_uom_unit"), env.ref("uom.product_uom_dozen")
    env["mrp.bom"].create([{
        "product_tmpl_id": kit.product_tmpl_id.id, "product_id": kit.id, "type": "phantom",
        "bom_line_ids": [
            Command.create({"product_id": components[2 * i].id, "product_qty": 1, "product_uom_id": unit.id}),
            Command.create({"product_id": components[2 * i + 1].id, "product_qty": 2,
                    "product_uom_id": (dozen if i == 0 else unit).id}),
        ],
    } for i, kit in enumerate(kits)])
    # pos_load_stock makes everything storable and stocked, then times the load.
    result = pos_load_stock.measure(env, runs=runs)
    data = pos_load_stock.demo_till(env)[1].load_data([])
    loaded = data.get("product.product", {}).get("data", [])
    result["kits_badged"] = sum(1 for p in loaded if p.get("_pos_stock_kit"))
    return result

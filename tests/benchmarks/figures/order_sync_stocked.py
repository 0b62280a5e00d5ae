"""Order sync of a routine sale whose products are in stock (pos_stock_pro's gate judges it, no shortfall).

Same sale as order_sync.py, but the shop's stock location is first given plenty of each storable
product (inside the measuring transaction), so the suite's figure is the cost of judging a routine
sale, not of recording a shortfall (the demo's storable products are out of stock).
"""

from figures import order_sync

NAME = "order_sync_stocked"
DESCRIPTION = "pos.order.sync_from_ui of one paid cash sale (2 lines), products in stock"


def _give_stock(config, products):
    location = config.picking_type_id.default_location_src_id
    for product in products.filtered("is_storable"):
        config.env["stock.quant"].sudo()._update_available_quantity(product, location, 1_000_000)


def measure(env, runs=20):
    return order_sync.measure(env, runs=runs, prepare=_give_stock)

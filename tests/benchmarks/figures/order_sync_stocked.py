"""Order sync of a routine sale whose products are in stock (pos_stock_pro's gate judges it, no shortfall).

Same sale as order_sync.py, but the shop's stock location is first given plenty of each storable
product (inside the measuring transaction), so the suite's figure is the cost of judging a routine
sale, not of recording a shortfall (the demo's storable products are out of stock).
"""

from bench_utils import time_runs  # tests/benchmarks is on sys.path (run.py puts it there)

from figures.order_sync import _sale

NAME = "order_sync_stocked"
DESCRIPTION = "pos.order.sync_from_ui of one paid cash sale (2 lines), products in stock"


def measure(env, runs=20):
    admin = env.ref("base.user_admin")
    config = env.ref("point_of_sale.pos_config_main").with_user(admin)
    if not config.current_session_id:
        config.open_ui()
    context = dict(admin.context_get(), allowed_company_ids=[config.company_id.id])
    session = config.current_session_id.with_user(admin).with_context(context)
    cash_method = session.payment_method_ids.filtered("is_cash_count")[:1] or session.payment_method_ids[:1]
    products = env["product.product"].search(
        [("available_in_pos", "=", True), ("type", "=", "consu"), ("lst_price", ">", 0)], limit=2)
    location = config.picking_type_id.default_location_src_id
    for product in products.filtered("is_storable"):
        env["stock.quant"]._update_available_quantity(product, location, 1_000_000)
    Order = env["pos.order"].with_user(admin).with_context(context)

    def sync():
        Order.sync_from_ui([_sale(session, products, cash_method)])
        env.flush_all()

    result = time_runs(sync, runs=runs, before_each=env.invalidate_all)
    result["lines_per_order"] = len(products)
    return result

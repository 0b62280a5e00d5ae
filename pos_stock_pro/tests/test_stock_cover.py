from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestStockCover(StockProCommon):
    """Days of cover = on hand / average daily demand (done customer moves, net of returns, over N days)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.config.write({"pos_stock_badge_basis": "cover", "pos_stock_cover_window": 30})

    def done_move(self, product, qty, src, dest, uom=None, days_ago=1):
        move = self.env["stock.move"].create({
            "name": "cover test", "product_id": product.id, "product_uom_qty": qty,
            "product_uom": (uom or product.uom_id).id, "location_id": src.id, "location_dest_id": dest.id,
        })
        move._action_confirm()
        move.quantity = qty
        move.picked = True
        move._action_done()
        move.date = fields.Datetime.now() - timedelta(days=days_ago)
        return move

    def test_days_of_cover_of_a_product_with_known_moves(self):
        dozen = self.env.ref("uom.product_uom_dozen")
        self.done_move(self.plenty, 18, self.location, self.customers)  # a sale
        self.done_move(self.plenty, 1, self.shelf, self.customers, uom=dozen)  # a delivery of 12, from a child
        self.done_move(self.plenty, 6, self.customers, self.location)  # a customer return
        self.done_move(self.plenty, 100, self.location, self.customers, days_ago=40)  # outside the window
        other_wh = self.env["stock.warehouse"].create({"name": "Elsewhere", "code": "ELS"})
        self.env["stock.quant"]._update_available_quantity(self.plenty, other_wh.lot_stock_id, 50)
        self.done_move(self.plenty, 50, other_wh.lot_stock_id, self.customers)  # another shop's sale
        # 18 + 12 - 6 = 24 units in 30 days: 0.8 a day. On hand: 50 - 30 + 6 - 100 = -74 (forced out).
        demand = self.config._pos_stock_read_demand([self.plenty.id, self.scarce.id])
        self.assertAlmostEqual(demand[self.plenty.id], 0.8)
        self.assertNotIn(self.scarce.id, demand, "no sale: no demand (unbounded cover)")

        self.env["stock.quant"]._update_available_quantity(self.plenty, self.location, 100)  # 26 on hand
        session = self.open_till()
        products = {p["id"]: p for p in session.load_data([])["product.product"]["data"]}
        self.assertEqual(products[self.plenty.id]["_pos_stock_qty"], 26.0)
        self.assertAlmostEqual(products[self.plenty.id]["_pos_stock_demand"], 0.8)
        self.assertEqual(products[self.scarce.id]["_pos_stock_demand"], 0.0)
        cover = products[self.plenty.id]["_pos_stock_qty"] / products[self.plenty.id]["_pos_stock_demand"]
        self.assertAlmostEqual(cover, 32.5)

        # The poll (and the push, same values) carries the demand beside the quantities.
        result = self.config.with_user(self.till_user).pos_stock_poll(0, [self.plenty.id])
        self.assertAlmostEqual(result["demand"][str(self.plenty.id)], 0.8)

    def test_quantity_basis_ships_no_demand(self):
        self.config.pos_stock_badge_basis = "quantity"
        session = self.open_till()
        products = {p["id"]: p for p in session.load_data([])["product.product"]["data"]}
        self.assertNotIn("_pos_stock_demand", products[self.plenty.id])
        self.assertNotIn("demand", self.config.with_user(self.till_user).pos_stock_poll(0, [self.plenty.id]))

    def test_demand_is_one_set_of_grouped_queries_whatever_the_number_of_products(self):
        many = self.env["product.product"].create([
            {"name": f"Cover Bulk {i}", "is_storable": True, "available_in_pos": True} for i in range(25)])
        for product in many | self.plenty:
            self.done_move(product, 2, self.location, self.customers)
        self.env.flush_all()

        def count_queries(product_ids):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            demand = self.config._pos_stock_read_demand(product_ids)
            return self.cr.sql_log_count - before, demand

        count_queries(self.plenty.ids)  # warm the caches
        few, _demand = count_queries(self.plenty.ids)
        lots, demand = count_queries((many | self.plenty).ids)
        self.assertEqual(few, lots, "the number of queries does not grow with the products")
        self.assertLessEqual(lots, 9, "8, and 9 in the full run (pos_stock_pro_mrp and mrp installed)")
        self.assertEqual(len(demand), 26)

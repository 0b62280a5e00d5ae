from odoo.tests import tagged

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestStockLoad(StockProCommon):
    def _loaded(self, session):
        data = session.load_data([])
        return {product["id"]: product for product in data["product.product"]["data"]}

    def test_quantities_load_with_the_pos(self):
        session = self.open_till()
        products = self._loaded(session)
        self.assertEqual(products[self.plenty.id]["_pos_stock_qty"], 50.0, "children of the location count")
        self.assertEqual(products[self.scarce.id]["_pos_stock_qty"], 1.0)
        self.assertIn("_pos_stock_ts", products[self.plenty.id])
        self.assertNotIn("_pos_stock_qty", products[self.service.id], "services show nothing")
        self.assertIn("pos_stock_gate_bypass", products[self.plenty.id])

    def test_one_grouped_query_whatever_the_number_of_products(self):
        many = self.env["product.product"].create([
            {"name": f"Bulk {i}", "is_storable": True, "available_in_pos": True} for i in range(30)])
        self.env.flush_all()

        def count_queries(product_ids):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            quantities = self.config._pos_stock_read_quantities(product_ids)
            return self.cr.sql_log_count - before, quantities

        count_queries(self.plenty.ids)  # warm the caches (access rules, fields)
        few, _quantities = count_queries(self.plenty.ids)
        lots, quantities = count_queries((many | self.plenty).ids)
        self.assertEqual(few, lots, "the number of queries does not grow with the products")
        self.assertLessEqual(lots, 7, "6, and 7 with pos_stock_pro_mrp installed (its kits: one grouped BoM read)")
        self.assertEqual(quantities[self.plenty.id], 50.0)

    def test_free_basis_subtracts_reservations(self):
        quant = self.env["stock.quant"].search(
            [("product_id", "=", self.plenty.id), ("location_id", "=", self.location.id)])
        quant.sudo().write({"reserved_quantity": 15.0})
        self.assertEqual(self.config._pos_stock_read_quantities([self.plenty.id])[self.plenty.id], 50.0)
        self.config.pos_stock_basis = "free"
        self.assertEqual(self.config._pos_stock_read_quantities([self.plenty.id])[self.plenty.id], 35.0)

    def test_closing_mode_subtracts_unpicked_sales(self):
        self.company.point_of_sale_update_stock_quantities = "closing"
        session = self.open_till()
        self.assertTrue(session.update_stock_at_closing)
        self.env["pos.order"].sync_from_ui([self.ui_order([(self.plenty, 4)])])
        self.assertFalse(session.order_ids.picking_ids, "closing mode: no picking yet")
        self.assertEqual(self.config._pos_stock_read_quantities([self.plenty.id])[self.plenty.id], 46.0)

    def test_other_locations_for_the_tooltip(self):
        other_wh = self.env["stock.warehouse"].create({"name": "Far Away", "code": "FAR"})
        self.env["stock.quant"]._update_available_quantity(self.plenty, other_wh.lot_stock_id, 6)
        rows = self.config.with_user(self.till_user).pos_stock_other_locations(self.plenty.id)
        self.assertEqual([(row["name"], row["qty"]) for row in rows], [("FAR/Stock", 6.0)],
                         "this shop's location and its children are excluded")
        result = self.config.with_user(self.till_user).pos_stock_request_transfer(
            self.plenty.id, other_wh.lot_stock_id.id, 4)
        self.assertTrue(result["ok"])
        picking = self.env["stock.picking"].search([("name", "=", result["name"])])
        self.assertEqual((picking.state, picking.location_dest_id), ("draft", self.location))
        refused = self.config.with_user(self.till_user).pos_stock_request_transfer(self.plenty.id, self.location.id, -1)
        self.assertFalse(refused["ok"])

"""A template with variants (sizes): the card sums them, the picker and the gate see each variant."""

import json

from odoo import Command
from odoo.tests import tagged

from odoo.addons.pos_stock_pro.models.stock_quant import DIRTY_KEY, PUSH_KEY

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestVariantStock(StockProCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        size = cls.env["product.attribute"].create({
            "name": "Tee Size", "create_variant": "always",
            "value_ids": [Command.create({"name": "S"}), Command.create({"name": "M"}), Command.create({"name": "L"})],
        })
        cls.tee = cls.env["product.template"].create({
            "name": "Stock Tee", "is_storable": True, "available_in_pos": True, "list_price": 20.0,
            "taxes_id": False,
            "attribute_line_ids": [Command.create({"attribute_id": size.id,
                                                    "value_ids": [Command.set(size.value_ids.ids)]})],
        })
        by_size = {variant.product_template_variant_value_ids.name: variant for variant in cls.tee.product_variant_ids}
        cls.tee_s, cls.tee_m, cls.tee_l = by_size["S"], by_size["M"], by_size["L"]
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.tee_s, cls.location, 2.0)
        Quant._update_available_quantity(cls.tee_m, cls.shelf, 10.0)  # a child location counts
        # L: nothing here. M also in another warehouse (tooltip).
        cls.far = cls.env["stock.warehouse"].create({"name": "Far Tees", "code": "FTEE"})
        Quant._update_available_quantity(cls.tee_m, cls.far.lot_stock_id, 4.0)
        Quant._update_available_quantity(cls.tee_l, cls.far.lot_stock_id, 6.0)

    def test_every_variant_loads_its_own_quantity(self):
        session = self.open_till()
        products = {p["id"]: p for p in session.load_data([])["product.product"]["data"]}
        self.assertEqual(products[self.tee_s.id]["_pos_stock_qty"], 2.0)
        self.assertEqual(products[self.tee_m.id]["_pos_stock_qty"], 10.0)
        self.assertEqual(products[self.tee_l.id]["_pos_stock_qty"], 0.0)

    def test_variants_left_out_by_limited_loading_travel_on_a_sibling(self):
        """Limited loading may load one variant only; the POS fetches the others later, unprocessed."""
        fields = self.env["product.product"]._load_pos_data_fields(self.config.id)
        [loaded] = self.tee_s.read(fields, load=False)
        self.env["product.product"]._process_pos_ui_product_product([loaded], self.config)
        self.assertEqual(loaded["_pos_stock_qty"], 2.0)
        self.assertEqual(loaded["_pos_stock_variant_qty"], {str(self.tee_m.id): 10.0, str(self.tee_l.id): 0.0},
                         "the card can sum all three sizes")

    def test_push_names_the_variant_that_changed(self):
        self.open_till()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.cr.precommit.data.pop(DIRTY_KEY, None)
        self.env.cr.postcommit.data.pop(PUSH_KEY, None)
        self.env["stock.quant"]._update_available_quantity(self.tee_s, self.location, -1.0)
        keys = set(self.env.cr.precommit.data.get(DIRTY_KEY, set()))
        self.assertEqual(keys, {(self.tee_s.id, self.location.id)})
        self.assertEqual(self.env["pos.config"]._pos_stock_push(keys), 1)
        self.env.cr.precommit.run()
        rows = self.env["bus.bus"].sudo().search([("message", "like", "POS_STOCK_PRO")], order="id desc", limit=1)
        self.assertEqual(json.loads(rows.message)["payload"]["qty"], {str(self.tee_s.id): 1.0})

    def test_gate_judges_the_variant_sold_not_the_template(self):
        session = self.open_till()
        # 12 tees in the shop, but only 2 in S: 3 S are short.
        result = session.pos_stock_check_gate("tee-s", [self.line(self.tee_s, 3)])
        self.assertFalse(result["ok"])
        [line] = result["lines"]
        self.assertEqual((line["product_id"], line["requested"], line["available"]), (self.tee_s.id, 3.0, 2.0))
        self.assertIn("S", line["name"], "the cashier is told which size is short")
        self.assertTrue(session.pos_stock_check_gate("tee-m", [self.line(self.tee_m, 3)])["ok"])

    def test_sync_flags_the_short_variant(self):
        self.open_till()
        result = self.env["pos.order"].with_user(self.till_user).sync_from_ui(
            [self.ui_order([(self.tee_l, 1), (self.tee_m, 1)])])
        order = self.env["pos.order"].browse(result["pos.order"][0]["id"])
        self.assertTrue(order.pos_stock_flagged)
        row = self.ledger(order_id=order.id)
        self.assertEqual((row.product_id, row.qty_requested, row.qty_available), (self.tee_l, 1.0, 0.0))

    def test_tooltip_lists_each_variant_elsewhere(self):
        rows = self.config.with_user(self.till_user).pos_stock_other_locations(self.tee_s.id)
        self.assertEqual([(row["name"], row["product_id"], row["qty"]) for row in rows],
                         [("FTEE/Stock", self.tee_l.id, 6.0), ("FTEE/Stock", self.tee_m.id, 4.0)])
        self.assertTrue(all(row["product_name"] for row in rows), "the row says which variant")
        result = self.config.with_user(self.till_user).pos_stock_request_transfer(
            rows[0]["product_id"], rows[0]["location_id"], 2)
        picking = self.env["stock.picking"].search([("name", "=", result["name"])])
        self.assertEqual(picking.move_ids.product_id, self.tee_l)

"""Raw RPCs a dishonest cashier could use to get around the stock gate (issue 17, stock gate)."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestStockGateHoles(StockProCommon):
    def setUp(self):
        super().setUp()
        self.session = self.open_till()
        self.Order = self.env["pos.order"].with_user(self.till_user)

    def _sync(self, data):
        result = self.Order.sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def test_cashier_cannot_point_the_gate_at_another_location(self):
        far = self.env["stock.warehouse"].create({"name": "Full Warehouse", "code": "FULL"})
        self.env["stock.quant"]._update_available_quantity(self.scarce, far.lot_stock_id, 100)
        other_type = far.pos_type_id or far.out_type_id
        config = self.config.with_user(self.till_user)
        for vals in ({"picking_type_id": other_type.id}, {"warehouse_id": far.id}, {"ship_later": True}):
            with self.assertRaises(AccessError, msg=f"refused: {vals}"):
                config.write(vals)
        other_config = self.config.copy({"name": "Far Shop", "picking_type_id": other_type.id})
        with self.assertRaises(AccessError):
            self.session.write({"config_id": other_config.id})
        self.assertEqual(self.config.pos_stock_location_id, self.location)
        self.assertFalse(self.check_gate(self.session, "far-1", self.line(self.scarce, 5))["ok"],
                         "the gate still counts the shop's own location")
        # A manager may still set the shop up.
        self.config.with_user(self.manager_user).write({"ship_later": True})

    def test_shipping_date_on_a_till_that_does_not_ship_later_is_judged(self):
        self.assertFalse(self.config.ship_later)
        data = self.ui_order([(self.scarce, 5)], uuid="ship-1")
        data.update(shipping_date="2030-01-01", partner_id=self.customer.id)  # shipping needs a customer
        order = self._sync(data)
        self.assertEqual(order.state, "paid", "never lost")
        self.assertTrue(order.pos_stock_flagged)
        row = self.ledger(order_id=order.id)
        self.assertEqual((row.outcome, row.qty_requested, row.qty_available), ("bypass", 5.0, 1.0))

    def test_ship_later_till_still_leaves_ship_later_orders_to_the_stock_app(self):
        self.config.ship_later = True
        data = self.ui_order([(self.scarce, 5)], uuid="ship-2")
        data.update(shipping_date="2030-01-01", partner_id=self.customer.id)  # shipping needs a customer
        order = self._sync(data)
        self.assertFalse(order.pos_stock_flagged)
        self.assertFalse(self.ledger(order_id=order.id))

    def test_positive_line_naming_an_unrelated_refund_is_gated(self):
        paid = self._sync(self.ui_order([(self.plenty, 1)], uuid="paid-1"))
        unrelated = paid.lines.id
        blocked = self.check_gate(
            self.session, "fake-refund", self.line(self.scarce, 5, refunded_orderline_id=unrelated))
        self.assertFalse(blocked["ok"], "a sale, whatever it says it refunds")
        data = self.ui_order([(self.scarce, 5)], uuid="fake-refund")
        data["lines"][0][2]["refunded_orderline_id"] = unrelated
        order = self._sync(data)
        self.assertTrue(order.pos_stock_flagged)
        row = self.ledger(order_id=order.id, outcome="bypass")
        self.assertEqual((row.product_id, row.qty_short), (self.scarce, 4.0))

    def test_a_genuine_refund_is_not_gated(self):
        paid = self._sync(self.ui_order([(self.scarce, 1)], uuid="sold-1"))
        data = self.ui_order([(self.scarce, -1)], uuid="refund-1")
        data["lines"][0][2]["refunded_orderline_id"] = paid.lines.id
        refund = self._sync(data)
        self.assertFalse(refund.pos_stock_flagged)
        self.assertFalse(self.ledger(order_id=refund.id))

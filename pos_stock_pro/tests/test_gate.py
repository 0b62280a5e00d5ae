from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestStockGate(StockProCommon):
    """The Pay-time gate as a till calls it (raw RPC = the public method as the till user)."""

    def setUp(self):
        super().setUp()
        self.session = self.open_till()

    def test_enough_stock_passes_and_holds(self):
        result = self.check_gate(self.session, "order-a", self.line(self.plenty, 5), self.line(self.scarce, 1))
        self.assertEqual(result, {"ok": True})
        holds = self.env["pos.stock.hold"].search([("order_uuid", "=", "order-a")])
        self.assertEqual(sorted(holds.mapped("qty")), [1.0, 5.0])
        self.assertFalse(self.ledger(session_id=self.session.id))

    def test_second_till_cannot_sell_units_held_by_the_first(self):
        self.assertTrue(self.check_gate(self.session, "order-a", self.line(self.scarce, 1))["ok"])
        result = self.check_gate(self.session, "order-b", self.line(self.scarce, 1))
        self.assertFalse(result["ok"])
        self.assertEqual(result["lines"][0]["available"], 0.0)
        # The same order asking again replaces its own hold instead of competing with it.
        self.assertTrue(self.check_gate(self.session, "order-a", self.line(self.scarce, 1))["ok"])

    def test_shortfall_is_blocked_and_recorded(self):
        result = self.check_gate(self.session, "order-x", self.line(self.scarce, 3), self.line(self.plenty, 1))
        self.assertFalse(result["ok"])
        self.assertEqual(result["value"], sorted([[self.scarce.id, 3000], [self.plenty.id, 1000]]))
        [line] = result["lines"]
        self.assertEqual((line["product_id"], line["requested"], line["available"], line["shortfall"]),
                         (self.scarce.id, 3.0, 1.0, 2.0))
        row = self.ledger(session_id=self.session.id)
        self.assertEqual(row.outcome, "blocked")
        self.assertEqual((row.qty_requested, row.qty_available, row.qty_short), (3.0, 1.0, 2.0))
        self.assertEqual(row.value_at_stake, 50.0)
        self.assertEqual(row.order_uuid, "order-x")
        self.assertEqual(row.create_uid, self.till_user)

    def test_refunds_services_and_bypassed_products_are_not_gated(self):
        self.assertTrue(self.check_gate(self.session, "r", self.line(self.scarce, -5))["ok"])
        self.assertTrue(self.check_gate(
            self.session, "r2", self.line(self.scarce, -5, refunded_orderline_id=42))["ok"])
        # Issue 17: a positive line is a sale whatever refund it names (test_gate_holes).
        self.assertFalse(self.check_gate(
            self.session, "r3", self.line(self.scarce, 5, refunded_orderline_id=42))["ok"])
        self.assertTrue(self.check_gate(self.session, "s", self.line(self.service, 99))["ok"])
        self.scarce.product_tmpl_id.pos_stock_gate_bypass = True
        self.assertTrue(self.check_gate(self.session, "b", self.line(self.scarce, 5))["ok"])

    def test_enforced_categories_limit_the_gate(self):
        self.config.pos_stock_enforce_categ_ids = [Command.set(self.env["pos.category"].create({"name": "Other"}).ids)]
        self.assertTrue(self.check_gate(self.session, "c", self.line(self.scarce, 5))["ok"])
        self.config.pos_stock_enforce_categ_ids = [Command.set(self.pos_categ.ids)]
        self.assertFalse(self.check_gate(self.session, "c", self.line(self.scarce, 5))["ok"])

    def test_allow_negative_disables_the_gate(self):
        self.config.pos_stock_allow_negative = True
        self.assertEqual(self.check_gate(self.session, "n", self.line(self.scarce, 5)),
                         {"ok": True, "gate": "disabled"})

    def test_closing_mode_counts_unpicked_sales(self):
        self.session.sudo().close_session_from_ui()
        self.company.point_of_sale_update_stock_quantities = "closing"
        session = self.open_till()
        self.env["pos.order"].sync_from_ui([self.ui_order([(self.scarce, 1)])])
        self.assertFalse(self.check_gate(session, "later", self.line(self.scarce, 1))["ok"])

    def test_non_pos_user_cannot_probe_the_gate(self):
        stranger = self.env["res.users"].create({
            "name": "Stranger", "login": "stk_stranger",
            "groups_id": [Command.set(self.env.ref("base.group_user").ids)]})
        with self.assertRaises(AccessError):
            self.session.with_user(stranger).pos_stock_check_gate("x", [self.line(self.scarce, 1)])

    def test_ledger_names_the_till_actor_not_the_client(self):
        """Issue 9 item 3: without employee login the cashier is the Odoo user's employee, whatever
        (or nothing) the client names."""
        self.check_gate(self.session, "order-who", self.line(self.scarce, 3))
        self.session.pos_stock_check_gate("order-who-2", [self.line(self.scarce, 3)], cashier_id=self.manager.id)
        rows = self.ledger(session_id=self.session.id)
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows.mapped("cashier_id"), self.cashier)

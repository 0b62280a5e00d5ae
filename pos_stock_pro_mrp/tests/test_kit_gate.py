"""The gate on kits, through the RPCs and sync_from_ui as raw calls (what a forged client meets too)."""

from odoo.tests import tagged

from odoo.addons.pos_loss_prevention_base.tests.common import MANAGER_PIN

from .common import KitCommon


@tagged("post_install", "-at_install")
class TestKitGate(KitCommon):
    def setUp(self):
        super().setUp()
        self.session = self.open_till()
        self.Order = self.env["pos.order"].with_user(self.till_user)

    def _sync(self, data):
        result = self.Order.sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _short(self, result, product):
        return next(line for line in result["lines"] if line["product_id"] == product.id)

    def test_kit_is_judged_on_its_components(self):
        result = self.check_gate(self.session, "kit-1", self.line(self.planter, 5))
        self.assertFalse(result["ok"], "5 kits need 1.5 kg of soil, 1.2 kg on the shelf")
        self.assertEqual([line["product_id"] for line in result["lines"]], [self.soil.id], "5 pots are there")
        soil = self._short(result, self.soil)
        self.assertAlmostEqual(soil["requested"], 1.5)
        self.assertAlmostEqual(soil["available"], 1.2)
        self.assertIn("Planter Kit", soil["name"], "the cashier sees which kit is short")
        self.assertEqual(result["value"], sorted([[self.pot.id, 5000], [self.soil.id, 1500]]),
                         "the token is bound to what leaves stock")
        row = self.ledger(order_uuid="kit-1", outcome="blocked")
        self.assertEqual(row.product_id, self.soil)
        self.assertEqual(row.kit_product_ids, self.planter, "the ledger names the kit and the short component")
        self.assertAlmostEqual(row.qty_short, 0.3)
        self.assertIsNone(self.env["pos.stock.override.log"]._evidence_verify_chain(self.config.company_id)[1],
                          "the kit is sealed in the row's hash, and the chain verifies")

    def test_kit_in_stock_passes_and_holds_its_components(self):
        self.assertTrue(self.check_gate(self.session, "kit-2", self.line(self.planter, 3))["ok"])
        holds = self.env["pos.stock.hold"].sudo().search([("order_uuid", "=", "kit-2")])
        held = {hold.product_id: hold.qty for hold in holds}
        self.assertEqual(set(held), {self.pot, self.soil}, "the components are held, not the kit")
        self.assertAlmostEqual(held[self.soil], 0.9)

    def test_component_sold_alone_and_in_a_kit_is_summed(self):
        result = self.check_gate(self.session, "kit-3", self.line(self.planter, 3), self.line(self.pot, 3))
        self.assertFalse(result["ok"])
        pot = self._short(result, self.pot)
        self.assertEqual((pot["requested"], pot["available"]), (6.0, 5.0), "3 alone + 3 in kits")
        self.assertEqual(self.ledger(order_uuid="kit-3", product_id=self.pot.id).kit_product_ids, self.planter)

    def test_two_kits_sharing_a_component_are_summed(self):
        result = self.check_gate(self.session, "kit-4", self.line(self.planter, 2), self.line(self.twin, 2))
        self.assertFalse(result["ok"])
        pot = self._short(result, self.pot)
        self.assertEqual(pot["requested"], 6.0, "2 Planter Kits (2 pots) + 2 Twin sets (4 pots)")
        self.assertEqual(self.ledger(order_uuid="kit-4", product_id=self.pot.id).kit_product_ids,
                         self.planter | self.twin)
        self.assertTrue(self.check_gate(
            self.session, "kit-5", self.line(self.planter, 1), self.line(self.twin, 2))["ok"])

    def test_nested_kit_is_judged_on_the_leaves(self):
        result = self.check_gate(self.session, "kit-6", self.line(self.gift, 5))
        self.assertFalse(result["ok"])
        self.assertEqual(self._short(result, self.soil)["requested"], 1.5)
        self.assertEqual(self.ledger(order_uuid="kit-6").kit_product_ids, self.gift)

    def test_bypassed_kit_is_not_judged(self):
        self.planter.pos_stock_gate_bypass = True
        self.assertTrue(self.check_gate(self.session, "kit-7", self.line(self.planter, 50))["ok"])

    def test_sync_backstop_flags_and_ledgers_a_short_kit(self):
        order = self._sync(self.ui_order([(self.planter, 5)], uuid="kit-sync-1"))
        self.assertEqual(order.state, "paid", "a paid order is never lost")
        self.assertTrue(order.pos_stock_flagged)
        row = self.ledger(order_id=order.id)
        self.assertEqual(row.outcome, "bypass")
        self.assertEqual(row.product_id, self.soil)
        self.assertEqual(row.kit_product_ids, self.planter)
        self.assertAlmostEqual(row.qty_requested, 1.5)
        self.assertAlmostEqual(row.qty_available, 1.2)
        self.assertTrue(order.message_ids.filtered(lambda m: "Planter Kit" in (m.body or "")))

    def test_sync_backstop_sums_a_kit_and_its_component_sold_alone(self):
        order = self._sync(self.ui_order([(self.planter, 3), (self.pot, 3)], uuid="kit-sync-2"))
        self.assertTrue(order.pos_stock_flagged)
        row = self.ledger(order_id=order.id)
        self.assertEqual((row.product_id, row.qty_requested, row.qty_available), (self.pot, 6.0, 5.0))

    def test_sync_of_a_kit_in_stock_is_not_flagged(self):
        order = self._sync(self.ui_order([(self.planter, 2), (self.pot, 1)], uuid="kit-sync-3"))
        self.assertFalse(order.pos_stock_flagged)
        self.assertFalse(self.ledger(order_id=order.id))
        moved = order.picking_ids.move_ids
        self.assertEqual(set(moved.product_id.ids), {self.pot.id, self.soil.id}, "core explodes the kit's picking")

    def test_approved_kit_override_is_consumed_at_sync(self):
        lines = [self.line(self.planter, 5)]
        blocked = self.session.pos_stock_check_gate("kit-ok", lines)
        approval = self.session.lp_request_approval(
            "stock_override", self.manager.id, MANAGER_PIN, value=blocked["value"], order_uuid="kit-ok",
            reason="soil sack in the back", requested_by_id=self.cashier.id)
        self.assertTrue(approval["ok"])
        order = self._sync(self.ui_order([(self.planter, 5)], uuid="kit-ok", token=approval["token"]))
        self.assertFalse(order.pos_stock_flagged, "the token bound to the components matches the kit line")
        self.assertFalse(self.ledger(order_id=order.id))

from odoo import Command
from odoo.tests import tagged

from odoo.addons.pos_loss_prevention_base.tests.common import MANAGER_PIN

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestOrderSyncBackstop(StockProCommon):
    """sync_from_ui as a raw RPC: paid orders are never lost; shortfalls without a valid token are flagged."""

    def setUp(self):
        super().setUp()
        self.session = self.open_till()
        self.Order = self.env["pos.order"].with_user(self.till_user)

    def _approve(self, uuid, lines, pin=MANAGER_PIN):
        blocked = self.session.pos_stock_check_gate(uuid, lines)
        self.assertFalse(blocked["ok"])
        return self.session.lp_request_approval(
            "stock_override", self.manager.id, pin, value=blocked["value"], order_uuid=uuid,
            reason="customer waiting, stock in back room", requested_by_id=self.cashier.id)

    def _sync(self, data):
        result = self.Order.sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def test_shortfall_without_token_is_accepted_flagged_and_ledgered(self):
        order = self._sync(self.ui_order([(self.scarce, 3)], uuid="raw-1"))
        self.assertEqual(order.state, "paid", "a paid order is never lost")
        self.assertTrue(order.pos_stock_flagged)
        row = self.ledger(order_id=order.id)
        self.assertEqual(row.outcome, "bypass")
        self.assertEqual((row.qty_requested, row.qty_available, row.qty_short), (3.0, 1.0, 2.0))
        self.assertTrue(order.message_ids.filtered(lambda m: "Stock shortfall" in (m.body or "")))

    def test_approved_override_is_consumed_at_sync(self):
        lines = [self.line(self.scarce, 3)]
        approval = self._approve("ok-1", lines)
        self.assertTrue(approval["ok"])
        approved = self.ledger(order_uuid="ok-1", outcome="approved")
        self.assertEqual(approved.approver_id, self.manager)
        self.assertEqual(approved.cashier_id, self.cashier)
        self.assertEqual(approved.reason, "customer waiting, stock in back room")
        self.assertFalse(approved.token_consumed)
        order = self._sync(self.ui_order([(self.scarce, 3)], uuid="ok-1", token=approval["token"]))
        self.assertFalse(order.pos_stock_flagged)
        self.assertFalse(self.ledger(order_id=order.id))
        approved.invalidate_recordset()
        self.assertTrue(approved.token_consumed)
        self.assertEqual(approved.token_id.consumed_res_id, order.id)
        self.assertFalse(order.pos_stock_override_token, "the token is not kept on the order")

    def test_replayed_token_is_refused_and_ledgered(self):
        approval = self._approve("ok-2", [self.line(self.scarce, 3)])
        self._sync(self.ui_order([(self.scarce, 3)], uuid="ok-2", token=approval["token"]))
        replay = self._sync(self.ui_order([(self.scarce, 3)], uuid="replay-2", token=approval["token"]))
        self.assertEqual(replay.state, "paid")
        self.assertTrue(replay.pos_stock_flagged)
        row = self.ledger(order_id=replay.id)
        self.assertEqual(row.outcome, "bypass")
        self.assertIn("already used", row.message)

    def test_token_for_other_quantities_is_refused(self):
        approval = self._approve("ok-3", [self.line(self.scarce, 2)])
        order = self._sync(self.ui_order([(self.scarce, 5)], uuid="ok-3", token=approval["token"]))
        self.assertTrue(order.pos_stock_flagged)
        self.assertIn("another value", self.ledger(order_id=order.id).message)

    def test_forged_token_is_refused(self):
        order = self._sync(self.ui_order([(self.scarce, 3)], uuid="forged", token="not-a-real-token"))
        self.assertTrue(order.pos_stock_flagged)
        self.assertIn("unknown", self.ledger(order_id=order.id).message)

    def test_enough_stock_syncs_without_a_trace(self):
        order = self._sync(self.ui_order([(self.plenty, 2), (self.scarce, 1)]))
        self.assertFalse(order.pos_stock_flagged)
        self.assertFalse(self.ledger(order_id=order.id))

    def test_sync_releases_the_hold(self):
        self.session.pos_stock_check_gate("held-1", [self.line(self.scarce, 1)])
        self._sync(self.ui_order([(self.scarce, 1)], uuid="held-1"))
        self.assertFalse(self.env["pos.stock.hold"].search([("order_uuid", "=", "held-1")]))

    def test_gate_disabled_still_records(self):
        self.config.pos_stock_allow_negative = True
        order = self._sync(self.ui_order([(self.scarce, 4)]))
        self.assertFalse(order.pos_stock_flagged)
        self.assertEqual(self.ledger(order_id=order.id).outcome, "gate_disabled")

    def test_draft_orders_are_not_judged(self):
        data = self.ui_order([(self.scarce, 9)])
        data["state"] = "draft"
        order = self._sync(data)
        self.assertFalse(self.ledger(order_id=order.id))

    def test_token_survives_a_draft_sync(self):
        """Restaurant flow: the order is saved as a draft after the override, then paid."""
        approval = self._approve("draft-1", [self.line(self.scarce, 3)])
        draft = self.ui_order([(self.scarce, 3)], uuid="draft-1", token=approval["token"])
        draft.update(state="draft", payment_ids=[], amount_paid=0)
        order = self._sync(draft)
        self.assertEqual(order.state, "draft")
        final = self.ui_order([(self.scarce, 3)], uuid="draft-1")  # the till's copy lost the token
        final["lines"] = [Command.update(order.lines.id, final["lines"][0][2])]  # the till updates its saved line
        final["access_token"] = order.access_token
        order = self._sync(final)
        self.assertEqual(order.state, "paid")
        self.assertFalse(order.pos_stock_flagged)
        self.assertFalse(order.pos_stock_override_token)

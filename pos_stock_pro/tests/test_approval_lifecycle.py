"""Issue 10: the stock override goes through the base's approval lifecycle like every action."""

import importlib.util
import json

from odoo import Command
from odoo.tests import tagged
from odoo.tools.misc import file_path

from odoo.addons.pos_loss_prevention_base.tests.common import MANAGER_PIN

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestStockApprovalLifecycle(StockProCommon):
    def setUp(self):
        super().setUp()
        self.session = self.open_till()

    def test_override_without_reason_is_refused_by_the_server(self):
        blocked = self.session.pos_stock_check_gate("why-1", [self.line(self.scarce, 3)])
        for reason in (None, "", "   "):
            result = self.session.lp_request_approval(
                "stock_override", self.manager.id, MANAGER_PIN, value=blocked["value"], order_uuid="why-1",
                reason=reason, requested_by_id=self.cashier.id)
            self.assertFalse(result["ok"])
            self.assertFalse(result["token"])
            self.assertIn("reason", result["message"])
        self.assertFalse(self.env["pos.approval.token"].sudo().search([("order_uuid", "=", "why-1")]))
        self.assertTrue(self.ledger(order_uuid="why-1"), "the refusals are on the stock ledger")
        granted = self.session.lp_request_approval(
            "stock_override", self.manager.id, MANAGER_PIN, value=blocked["value"], order_uuid="why-1",
            reason="stock in the back room", requested_by_id=self.cashier.id)
        self.assertTrue(granted["ok"])

    # ------------------------------------------------------------------ one carrier
    def _approve(self, uuid, qty):
        blocked = self.session.pos_stock_check_gate(uuid, [self.line(self.scarce, qty)])
        return self.session.lp_request_approval(
            "stock_override", self.manager.id, MANAGER_PIN, value=blocked["value"], order_uuid=uuid,
            reason="stock in the back room", requested_by_id=self.cashier.id)["token"]

    def _sync(self, data):
        result = self.env["pos.order"].with_user(self.till_user).sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def test_override_travels_in_the_base_carrier(self):
        token = self._approve("car-1", 3)
        data = self.ui_order([(self.scarce, 3)], uuid="car-1")
        data["lp_approval_tokens"] = json.dumps([token])
        order = self._sync(data)
        self.assertFalse(order.pos_stock_flagged)
        consumed = self.env["pos.approval.token"].sudo().search([("order_uuid", "=", "car-1")])
        self.assertEqual((consumed.consumed_res_model, consumed.consumed_res_id), ("pos.order", order.id),
                         "linked by the base's consume API, late (the order did not exist when judged)")

    def test_another_actions_token_does_not_override(self):
        """A token minted for another addon's action (a discount) is no stock override."""
        data = self.ui_order([(self.scarce, 3)], uuid="car-2")
        Token = self.env["pos.approval.token"]
        value = self.session.pos_stock_check_gate("car-2", [self.line(self.scarce, 3)])["value"]
        other = Token._lp_mint(self.session, "discount", value=value, approver=self.manager, order_uuid="car-2")
        data["lp_approval_tokens"] = json.dumps([other])
        order = self._sync(data)
        self.assertTrue(order.pos_stock_flagged)
        self.assertFalse(Token.sudo().search([("order_uuid", "=", "car-2")]).consumed_at,
                         "skipped, not consumed: it stays the discount gate's")

    def test_migrated_draft_token_still_overrides(self):
        """A database holding a draft saved by 18.0.1.1.0 with its override in the old field."""
        token = self._approve("mig-1", 3)
        draft = self.ui_order([(self.scarce, 3)], uuid="mig-1")
        draft.update(state="draft", payment_ids=[], amount_paid=0)
        order = self._sync(draft)
        self.env.cr.execute("UPDATE pos_order SET pos_stock_override_token = %s, lp_approval_tokens = NULL "
                            "WHERE id = %s", [token, order.id])
        path = file_path("pos_stock_pro/migrations/18.0.1.2.0/post-migration.py")
        spec = importlib.util.spec_from_file_location("pos_stock_pro_migration_18_0_1_2_0", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.1.0")
        order.invalidate_recordset()
        self.assertEqual(order._lp_approval_tokens(), [token])
        self.assertFalse(order.pos_stock_override_token)
        final = self.ui_order([(self.scarce, 3)], uuid="mig-1")  # the new till code sends no token
        final["lines"] = [Command.update(order.lines.id, final["lines"][0][2])]
        final["access_token"] = order.access_token
        order = self._sync(final)
        self.assertEqual(order.state, "paid")
        self.assertFalse(order.pos_stock_flagged, "the migrated token still overrides")

    def test_previous_till_code_is_still_understood(self):
        """One version: a till still sending pos_stock_override_token gets its override."""
        token = self._approve("old-1", 3)
        order = self._sync(self.ui_order([(self.scarce, 3)], uuid="old-1", token=token))
        self.assertFalse(order.pos_stock_flagged)
        self.assertFalse(order.pos_stock_override_token, "never stored in the old field")

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestShortfallLedger(StockProCommon):
    def setUp(self):
        super().setUp()
        self.session = self.open_till()

    def test_wrong_pin_is_ledgered(self):
        blocked = self.session.pos_stock_check_gate("pin-1", [self.line(self.scarce, 2)])
        result = self.session.lp_request_approval(
            "stock_override", self.manager.id, "0000", value=blocked["value"], order_uuid="pin-1", reason="x",
            requested_by_id=self.cashier.id)
        self.assertFalse(result["ok"])
        row = self.ledger(order_uuid="pin-1", outcome="pin_failed")
        self.assertEqual(row.approver_id, self.manager)
        self.assertEqual(row.qty_short, 1.0)
        self.assertTrue(row.message)

    def test_not_allowed_approver_is_ledgered(self):
        blocked = self.session.pos_stock_check_gate("pin-2", [self.line(self.scarce, 2)])
        self.session.lp_request_approval(
            "stock_override", self.outsider.id, "2468", value=blocked["value"], order_uuid="pin-2", reason="x")
        self.assertEqual(self.ledger(order_uuid="pin-2", outcome="pin_failed").approver_id, self.outsider)

    def test_other_actions_leave_no_stock_row(self):
        self.session.lp_request_approval("refund", self.manager.id, "0000", value=5, order_uuid="pin-3")
        self.assertFalse(self.ledger(order_uuid="pin-3"))

    def test_cancelled_dialog_is_ledgered(self):
        self.session.pos_stock_log_cancel("cx-1", [self.line(self.scarce, 4)], self.cashier.id)
        row = self.ledger(order_uuid="cx-1")
        self.assertEqual(row.outcome, "cancelled")
        self.assertEqual(row.cashier_id, self.cashier)

    def test_rows_are_immutable_even_for_admin(self):
        self.session.pos_stock_check_gate("im-1", [self.line(self.scarce, 4)])
        row = self.ledger(order_uuid="im-1")
        with self.assertRaises(UserError):
            row.sudo().write({"qty_short": 0})
        with self.assertRaises(UserError):
            row.sudo().unlink()
        checked, broken, _reason = row._evidence_verify_chain(self.company)
        self.assertGreaterEqual(checked, 1)
        self.assertFalse(broken)

    def test_till_cannot_write_the_ledger_directly(self):
        with self.assertRaises(AccessError):
            self.env["pos.stock.override.log"].with_user(self.till_user).create({
                "product_id": self.scarce.id, "outcome": "approved", "session_id": self.session.id})

    def test_other_company_rows_are_hidden(self):
        self.session.pos_stock_check_gate("mc-1", [self.line(self.scarce, 4)])
        other = self.env["res.company"].create({"name": "Other Co"})
        outsider = self.env["res.users"].create({
            "name": "Other Manager", "login": "stk_other_mgr", "company_id": other.id,
            "company_ids": [Command.set(other.ids)],
            "groups_id": [Command.set(self.env.ref("point_of_sale.group_pos_manager").ids)]})
        self.assertFalse(self.env["pos.stock.override.log"].with_user(outsider).search([("order_uuid", "=", "mc-1")]))

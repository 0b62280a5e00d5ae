"""Issue 10: the stock override goes through the base's approval lifecycle like every action."""

from odoo.tests import tagged

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

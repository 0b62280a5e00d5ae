from odoo import Command
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.addons.pos_hr.tests.test_frontend import TestPosHrHttpCommon
from odoo.addons.pos_loss_prevention_base.tests.common import MANAGER_PIN

from .common import create_tour_manager


@tagged("post_install", "-at_install")
class TestGuardTour(TestPointOfSaleHttpCommon):
    def test_cashier_blocked_then_manager_overrides(self):
        config = self.main_pos_config
        self.assertTrue(config.cash_control)
        manager = create_tour_manager(self.env, self.pos_admin)
        config.with_user(self.pos_user).open_ui()
        session = config.current_session_id
        self.start_pos_tour("SessionGuardBlockThenOverride", login="pos_user")
        self.assertEqual(session.state, "closed")
        logs = self.env["pos.session.guard.log"].search([("session_id", "=", session.id)])
        blocked = logs.filtered(lambda log: log.outcome == "blocked")
        overridden = logs.filtered(lambda log: log.outcome == "overridden")
        self.assertEqual(len(blocked), 1)
        self.assertEqual(blocked.difference, 40)
        self.assertEqual(overridden.approver_id, manager)
        self.assertIn("Customer paid twice", overridden.reason)
        self.assertEqual(overridden.user_id, self.pos_user)
        failed = self.env["pos.pin.attempt.log"].search([("session_id", "=", session.id)])
        self.assertEqual(failed.outcome, "pin_failed")
        self.assertIn("Customer paid twice", " ".join(session.message_ids.mapped("body")))


    def test_second_cash_drawer_counted_and_overridden(self):
        """Issue 11: the popup lists each cash method on its own row and the guard holds each."""
        config = self.main_pos_config
        journal = self.env["account.journal"].create({"name": "Cash Drawer 2", "type": "cash", "code": "CSH2"})
        drawer2 = self.env["pos.payment.method"].create({"name": "Cash Drawer 2", "journal_id": journal.id})
        config.write({"payment_method_ids": [Command.link(drawer2.id)]})
        self.env["product.product"].create({
            "name": "Drawer Widget", "available_in_pos": True, "list_price": 30.0, "taxes_id": False,
        })
        manager = create_tour_manager(self.env, self.pos_admin)
        config.with_user(self.pos_user).open_ui()
        session = config.current_session_id
        self.start_pos_tour("SessionGuardSecondCashDrawer", login="pos_user")
        self.assertEqual(session.state, "closed")
        logs = self.env["pos.session.guard.log"].search([("session_id", "=", session.id)])
        blocked = logs.filtered(lambda log: log.outcome == "blocked")
        overridden = logs.filtered(lambda log: log.outcome == "overridden")
        self.assertEqual((blocked.payment_method_id, blocked.expected, blocked.counted), (drawer2, 30, 20))
        self.assertEqual((overridden.payment_method_id, overridden.difference), (drawer2, -10))
        self.assertEqual(overridden.approver_id, manager)


@tagged("post_install", "-at_install")
class TestGuardEmployeeLoginTour(TestPosHrHttpCommon):
    def test_employee_at_the_till_decides_not_the_odoo_user(self):
        """pos_hr's own "manager" employees close with any difference natively; here they need a PIN."""
        self.admin.pos_approval_pin = MANAGER_PIN
        self.main_pos_config.advanced_employee_ids = self.emp3
        self.emp3.pin = "5652"
        self.main_pos_config.with_user(self.pos_user).open_ui()
        session = self.main_pos_config.current_session_id
        self.start_pos_tour("SessionGuardEmployeeLogin", login="pos_user")
        self.assertEqual(session.state, "closed")
        logs = self.env["pos.session.guard.log"].search([("session_id", "=", session.id)])
        blocked = logs.filtered(lambda log: log.outcome == "blocked")
        overridden = logs.filtered(lambda log: log.outcome == "overridden")
        self.assertEqual(blocked.employee_id, self.emp3)
        self.assertEqual(overridden.approver_id, self.admin)
        self.assertIn("Float not counted at opening", overridden.reason)

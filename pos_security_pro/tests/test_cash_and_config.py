from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SecurityCommon


@tagged("post_install", "-at_install")
class TestCashAndConfig(SecurityCommon):
    def statement_lines(self):
        return self.env["account.bank.statement.line"].search([("pos_session_id", "=", self.session.id)])

    def test_cash_out_without_approval_is_refused_before_money_moves(self):
        # No assertRaises: its savepoint would roll back the refusal row shared through the test cursor.
        try:
            self.session.try_cash_in_out("out", 50.0, "lunch", {"translatedType": "out"})
        except UserError as error:
            self.assertIn("approval", str(error))
        else:
            self.fail("the cash out went through")
        self.assertFalse(self.statement_lines())
        log = self.env["pos.approval.log"].search([("session_id", "=", self.session.id)])
        self.assertEqual((log.status, log.action_type), ("denied", "cash_out"))

    def test_cash_out_with_approval_for_that_amount(self):
        token = self.approve("cash_out", 50.0)["token"]
        with self.assertRaises(UserError):
            self.session.try_cash_in_out("out", 80.0, "lunch", {"lp_approval_token": token, "translatedType": "out"})
        self.session.try_cash_in_out("out", 50.0, "lunch", {"lp_approval_token": token, "translatedType": "out"})
        self.assertEqual(len(self.statement_lines()), 1)
        with self.assertRaises(UserError):  # replay
            self.session.try_cash_in_out("out", 50.0, "lunch", {"lp_approval_token": token, "translatedType": "out"})
        self.assertEqual(len(self.statement_lines()), 1)

    def test_cash_in_by_manager_role_needs_no_approval(self):
        self.cashier.sudo().pos_security_role_id = self.role_manager
        self.session.try_cash_in_out("in", 20.0, "float", {"translatedType": "in"})
        self.assertEqual(len(self.statement_lines()), 1)

    def test_cashier_cannot_switch_security_settings_off(self):
        config = self.config.with_user(self.till_user)
        for vals in ({"lp_offline_policy": "flag"}, {"lp_autolock_enabled": False},
                     {"advanced_employee_ids": [Command.link(self.cashier.id)]}, {"module_pos_hr": False},
                     {"restrict_price_control": False}):
            with self.assertRaises(AccessError):
                config.write(vals)
        self.config.with_user(self.manager_user).write({"lp_offline_policy": "flag"})
        self.assertEqual(self.config.lp_offline_policy, "flag")

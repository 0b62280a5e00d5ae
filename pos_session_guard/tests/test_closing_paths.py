from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import GuardCommon


@tagged("post_install", "-at_install")
class TestClosingPaths(GuardCommon):
    """Every path that closes a session meets the rule, tried as a till user without the right."""

    def test_post_closing_cash_details(self):
        self.assertBlocked(self.session.post_closing_cash_details, 70)

    def test_close_session_from_ui_after_writing_the_count_directly(self):
        self.session.write({"cash_register_balance_end_real": 70})
        self.assertBlocked(self.session.close_session_from_ui)
        self.assertNotEqual(self.session.state, "closed")
        self.assertEqual(self.logs("blocked").path, "pos")

    def test_backend_close_button(self):
        self.session.write({"cash_register_balance_end_real": 70})
        self.assertBlocked(self.session.action_pos_session_closing_control)
        self.assertEqual(self.logs("blocked").path, "backend")

    def test_validate_and_close_methods(self):
        self.session.write({"cash_register_balance_end_real": 70})
        self.assertBlocked(self.session.action_pos_session_validate)
        self.assertBlocked(self.session.action_pos_session_close)
        self.assertEqual(len(self.logs("blocked")), 2)

    def test_backend_close_as_manager_still_needs_an_approved_reason(self):
        self.session.write({"cash_register_balance_end_real": 70})
        self.assertBlocked(self.session.with_user(self.manager_user).action_pos_session_closing_control)

    def test_cashier_cannot_switch_the_guard_off(self):
        config = self.config.with_user(self.till_user)
        for vals in ({"guard_enabled": False}, {"guard_tolerance_amount": 1000},
                     {"guard_override_group_ids": [Command.set([])]}):
            with self.assertRaises(AccessError):
                config.write(vals)

    def test_cashier_cannot_reset_closing_start(self):
        with self.assertRaises(AccessError):
            self.session.write({"guard_closing_started_at": False})

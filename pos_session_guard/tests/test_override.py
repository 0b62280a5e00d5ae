from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.pos_loss_prevention_base.tests.common import MANAGER_PIN

from .common import GuardCommon

ACTION = "session_close_override"


class OverrideCommon(GuardCommon):
    def _token(self, counted, approver=None, pin=MANAGER_PIN):
        return self.session.lp_request_approval(
            ACTION, (approver or self.manager).id, pin, value=counted, requested_by_id=self.cashier.id)


@tagged("post_install", "-at_install")
class TestOverrideEmployeeLogin(OverrideCommon):
    employee_login = True

    def test_employee_login_override_by_manager_pin(self):
        result = self._token(60.0)
        self.assertTrue(result["ok"], result["message"])
        answer = self.session.guard_register_override(60, [], result["token"], "Float taken to the bank")
        self.assertTrue(answer["ok"])
        self.session.post_closing_cash_details(60)
        self.session.close_session_from_ui()
        self.assertEqual(self.session.state, "closed")
        log = self.logs("overridden")
        self.assertEqual(log.approver_id, self.manager)
        self.assertEqual(log.reason, "Float taken to the bank")
        self.assertEqual(log.difference, -40)
        self.assertFalse(self.logs("within_tolerance"), "an overridden close is logged once")
        bodies = " ".join(self.session.message_ids.mapped("body"))
        self.assertIn("Float taken to the bank", bodies)
        self.assertIn(self.manager.name, bodies)

    def test_employee_login_ignores_the_odoo_user_group(self):
        """With employee login the manager user who opened the till does not make everyone a manager."""
        answer = self.session.with_user(self.manager_user).guard_register_override(60, [], None, "trust me")
        self.assertFalse(answer["ok"])

    def test_cashier_is_not_an_approver(self):
        self.cashier.pos_approval_pin = "4444"
        self.assertFalse(self._token(60.0, approver=self.cashier, pin="4444")["ok"])
        self.assertNotIn(self.cashier.id, [a["id"] for a in self.session.lp_get_approvers(ACTION, 60.0)])

    def test_override_employee_list(self):
        self.config.sudo().guard_override_employee_ids = self.outsider
        self.assertTrue(self._token(60.0, approver=self.outsider, pin="2468")["ok"])

    def test_token_for_another_count_or_replayed_is_refused(self):
        token = self._token(50.0)["token"]
        answer = self.session.guard_register_override(60, [], token, "x")
        self.assertFalse(answer["ok"])
        self.assertIn("another value", answer["message"])
        token = self._token(60.0)["token"]
        self.assertTrue(self.session.guard_register_override(60, [], token, "x")["ok"])
        self.assertFalse(self.session.guard_register_override(60, [], token, "x")["ok"])


@tagged("post_install", "-at_install")
class TestOverrideUserLogin(OverrideCommon):
    def test_without_employee_login_the_manager_user_overrides_with_a_reason(self):
        session = self.session.with_user(self.manager_user)
        self.assertTrue(session.guard_register_override(60, [], None, "Counted twice")["ok"])
        session.post_closing_cash_details(60)
        session.close_session_from_ui()
        self.assertEqual(self.session.state, "closed")

    def test_an_override_without_pin_is_announced_to_the_suite(self):
        """Owner alerts (pos_security_pro) hear of it through the base's _lp_notify, like a PIN approval."""
        PosSession = type(self.env["pos.session"])
        with patch.object(PosSession, "_lp_notify", autospec=True) as notify:
            self.session.with_user(self.manager_user).guard_register_override(60, [], None, "Counted twice")
        self.assertEqual(notify.call_count, 1)
        _session, action, status, info = notify.call_args.args
        self.assertEqual((action, status), (ACTION, "approved"))
        self.assertEqual((info["amount"], info["reason"], info["approver"]), (-40, "Counted twice", self.manager))

    def test_cashier_cannot_override_alone(self):
        answer = self.session.guard_register_override(60, [], None, "I say so")
        self.assertFalse(answer["ok"])
        self.assertBlocked(self.session.post_closing_cash_details, 60)

    def test_reason_is_mandatory(self):
        with self.assertRaises(UserError):
            self.session.with_user(self.manager_user).guard_register_override(60, [], None, "   ")

    def test_override_is_for_that_count_only(self):
        self.session.with_user(self.manager_user).guard_register_override(60, [], None, "Counted twice")
        self.assertBlocked(self.session.post_closing_cash_details, 55)

    def test_backend_wizard(self):
        self.session.write({"cash_register_balance_end_real": 70})
        action = self.session.with_user(self.manager_user).action_guard_override()
        wizard_form = Form(self.env[action["res_model"]].with_user(self.manager_user).with_context(**action["context"]))
        self.assertEqual(wizard_form.difference, -30)
        wizard_form.reason = "Till miscount confirmed by the owner"
        wizard_form.save().action_confirm()
        self.session.with_user(self.manager_user).action_pos_session_closing_control()
        self.assertEqual(self.session.state, "closed")
        self.assertEqual(self.logs("overridden").path, "backend")

    def test_backend_wizard_needs_the_right(self):
        with self.assertRaises(AccessError):
            self.env["pos.session.guard.override.wizard"].with_user(self.till_user).create(
                {"session_id": self.session.id, "reason": "x"})

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import MANAGER_PIN, LossPreventionCommon


@tagged("post_install", "-at_install")
class TestApprovalPin(LossPreventionCommon):
    def test_pin_is_stored_as_salted_slow_hash_and_never_read_back(self):
        stored = self.manager.sudo().pos_approval_pin_hash
        self.assertTrue(stored.startswith("$pbkdf2-sha512$"))
        self.assertNotIn(MANAGER_PIN, stored)
        self.assertFalse(self.manager.pos_approval_pin)
        self.assertTrue(self.manager.pos_approval_pin_set)
        other = self.env["hr.employee"].create({"name": "Same PIN", "pos_approval_pin": MANAGER_PIN})
        self.assertNotEqual(other.sudo().pos_approval_pin_hash, stored, "hashes must be salted")

    def test_till_user_cannot_read_the_hash(self):
        with self.assertRaises(AccessError):
            self.env["hr.employee"].with_user(self.till_user).browse(self.manager.id).read(["pos_approval_pin_hash"])

    def test_pin_format(self):
        for bad in ("12", "abcd", "12 34", "1234567890123"):
            with self.assertRaises(ValidationError):
                self.manager.pos_approval_pin = bad

    def test_wrong_pins_lock_the_approver(self):
        for attempt in range(4):
            result = self.manager._lp_verify_pin("0000")
            self.assertEqual(result["reason"], "wrong_pin", attempt)
        result = self.manager._lp_verify_pin("0000")
        self.assertEqual(result["reason"], "locked")
        # Even the right PIN is refused during the cooldown: guessing gains nothing.
        self.assertEqual(self.manager._lp_verify_pin(MANAGER_PIN)["reason"], "locked")
        self.manager.sudo().pos_pin_locked_until = fields.Datetime.now() - timedelta(seconds=1)
        self.assertTrue(self.manager._lp_verify_pin(MANAGER_PIN)["ok"])
        self.assertEqual(self.manager.sudo().pos_pin_failed_attempts, 0)

    def test_right_pin_resets_counter(self):
        self.manager._lp_verify_pin("0000")
        self.assertEqual(self.manager.sudo().pos_pin_failed_attempts, 1)
        self.assertTrue(self.manager._lp_verify_pin(MANAGER_PIN)["ok"])
        self.assertEqual(self.manager.sudo().pos_pin_failed_attempts, 0)

    def test_employee_without_pin(self):
        self.assertEqual(self.cashier._lp_verify_pin("1234")["reason"], "no_pin")

    def test_unlock_button(self):
        for _i in range(5):
            self.manager._lp_verify_pin("0000")
        self.manager.action_pos_pin_unlock()
        self.assertTrue(self.manager._lp_verify_pin(MANAGER_PIN)["ok"])

    def test_only_pos_managers_lift_a_lockout(self):
        """Issue 17 item 4: a plain POS user calling the unlock action (as call_kw would) is refused."""
        for _i in range(5):
            self.manager._lp_verify_pin("0000")
        with self.assertRaises(AccessError):
            self.manager.with_user(self.till_user).action_pos_pin_unlock()
        self.assertEqual(self.manager._lp_verify_pin(MANAGER_PIN)["reason"], "locked", "still locked")
        self.manager.with_user(self.manager_user).action_pos_pin_unlock()
        self.assertTrue(self.manager._lp_verify_pin(MANAGER_PIN)["ok"])

    def test_attempts_left_wording(self):
        messages = [self.manager._lp_verify_pin("0000")["message"] for _i in range(4)]
        self.assertEqual(messages[0], "Wrong PIN (4 attempts left).")
        self.assertEqual(messages[3], "Wrong PIN (1 attempt left).")

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.pos_loss_prevention_base.tests.common import MANAGER_PIN

from .common import SUPERVISOR_PIN_2, SecurityCommon


@tagged("post_install", "-at_install")
class TestApprovalLog(SecurityCommon):
    def logs(self):
        return self.env["pos.approval.log"].search([("session_id", "=", self.session.id)], order="id")

    def test_approval_writes_an_approved_row(self):
        result = self.approve("discount", 20, order_uuid="uuid-a", approver=self.supervisor, pin=SUPERVISOR_PIN_2,
                              reason="Price Error / Erreur de prix", notes="ticket 42")
        self.assertTrue(result["ok"])
        log = self.logs()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.status, "approved")
        self.assertEqual(log.action_type, "discount")
        self.assertEqual(log.approved_by_id, self.supervisor)
        self.assertEqual(log.requested_by_id, self.cashier)
        self.assertEqual(log.requested_by_user_id, self.till_user)
        self.assertEqual(log.reason_id, self.env.ref("pos_security_pro.reason_price_error"))
        self.assertEqual(log.notes, "ticket 42")
        self.assertEqual(log.order_uuid, "uuid-a")

    def test_wrong_pin_and_not_allowed_are_logged(self):
        self.assertFalse(self.approve("discount", 20, approver=self.supervisor, pin="0000")["ok"])
        self.assertFalse(self.approve("discount", 30, approver=self.supervisor, pin=SUPERVISOR_PIN_2)["ok"])
        self.assertEqual(self.logs().mapped("status"), ["pin_failed", "denied"])

    def test_pin_brute_force_locks_the_approver(self):
        for _attempt in range(5):
            self.assertFalse(self.approve("refund", 10, pin="0000")["ok"])
        result = self.approve("refund", 10, pin=MANAGER_PIN)
        self.assertFalse(result["ok"], "the right PIN is refused during the cooldown")
        self.assertIn("try again", result["message"])
        self.assertEqual(len(self.logs().filtered(lambda log: log.status == "pin_failed")), 6)
        self.assertFalse(self.env["pos.approval.token"].search([("session_id", "=", self.session.id)]))

    def test_rows_are_evidence(self):
        self.approve("discount", 20)
        log = self.logs()
        with self.assertRaises(UserError):
            log.sudo().write({"status": "denied"})
        with self.assertRaises(UserError):
            log.sudo().unlink()
        with self.assertRaises(AccessError):
            log.with_user(self.till_user).read(["status"])

    def test_chain_detects_sql_edit(self):
        self.approve("discount", 20)
        self.approve("discount", 30)
        Log = self.env["pos.approval.log"]
        _checked, broken, _reason = Log._evidence_verify_chain(self.company)
        self.assertFalse(broken)
        first = self.logs()[0]
        self.env.cr.execute("UPDATE pos_approval_log SET new_value = '99' WHERE id = %s", [first.id])
        _checked, broken, reason = Log._evidence_verify_chain(self.company)
        self.assertEqual(broken, first)
        self.assertIn("no longer matches", reason)
        notification = Log.action_evidence_verify_integrity()
        self.assertEqual(notification["params"]["type"], "danger")

    def test_only_managers_review(self):
        self.approve("discount", 20)
        log = self.logs()
        with self.assertRaises(AccessError):
            log.with_user(self.till_user).action_mark_reviewed()
        log.with_user(self.manager_user).action_mark_reviewed()
        self.assertEqual(log.reviewed_by_id, self.manager_user)

from odoo.tests import tagged

from .common import SUPERVISOR_PIN_2, SecurityCommon


@tagged("post_install", "-at_install")
class TestTillActorRequester(SecurityCommon):
    """Issue 9 item 3: "Requested By" is the server's till actor, never the client's word alone."""

    def test_without_employee_login_the_user_employee_asks(self):
        self.assertFalse(self.config.module_pos_hr)
        for requested_by_id in (False, self.supervisor.id):  # nothing sent (the demo's case), or a lie
            result = self.session.lp_request_approval(
                "discount", self.supervisor.id, SUPERVISOR_PIN_2, value=20,
                reason="Price Error / Erreur de prix", requested_by_id=requested_by_id)
            self.assertTrue(result["ok"], result)
        logs = self.env["pos.approval.log"].search([("session_id", "=", self.session.id)])
        self.assertEqual(len(logs), 2)
        self.assertEqual(logs.mapped("requested_by_id"), self.cashier)
        self.assertEqual(logs.mapped("requested_by_user_id"), self.till_user)

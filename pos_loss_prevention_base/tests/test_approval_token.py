from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MANAGER_PIN, SUPERVISOR_PIN, LossPreventionCommon


@tagged("post_install", "-at_install")
class TestApprovalToken(LossPreventionCommon):
    """The approval RPCs as a till would call them (raw RPC = the same public methods)."""

    def setUp(self):
        super().setUp()
        self.session = self.open_till()

    def _request(self, pin, approver=None, **kw):
        approver = approver or self.manager
        return self.session.lp_request_approval(
            "test_action", approver.id, pin, value=kw.pop("value", 12.5), order_uuid=kw.pop("order_uuid", "order-1"),
            reason="test", requested_by_id=self.cashier.id, **kw)

    def test_approvers_are_the_managers_with_a_pin(self):
        names = [a["name"] for a in self.session.lp_get_approvers("test_action", 12.5)]
        self.assertIn(self.manager.name, names)
        self.assertNotIn(self.outsider.name, names)
        self.assertNotIn(self.cashier.name, names)

    def test_wrong_pin_is_refused_and_logged(self):
        result = self._request("9999")
        self.assertFalse(result["ok"])
        self.assertFalse(result["token"])
        log = self.env["pos.pin.attempt.log"].search([("session_id", "=", self.session.id)])
        self.assertEqual(log.outcome, "pin_failed")
        self.assertEqual(log.employee_id, self.manager)
        self.assertEqual(log.requested_by_id, self.cashier)

    def test_not_allowed_approver_even_with_right_pin(self):
        result = self._request(SUPERVISOR_PIN, approver=self.outsider)
        self.assertFalse(result["ok"])
        log = self.env["pos.pin.attempt.log"].search([("session_id", "=", self.session.id)])
        self.assertEqual(log.outcome, "not_allowed")

    def test_token_is_single_use_and_bound(self):
        Token = self.env["pos.approval.token"]
        result = self._request(MANAGER_PIN)
        self.assertTrue(result["ok"])
        token = result["token"]
        session = self.session.sudo()
        for kwargs, why in (
            ({"value": 13.0}, "another value"),
            ({"order_uuid": "order-2"}, "another order"),
        ):
            bound = {"value": 12.5, "order_uuid": "order-1", **kwargs}
            record, reason = Token._lp_consume(token, session, "test_action", **bound)
            self.assertFalse(record)
            self.assertIn(why, reason)
        record, reason = Token._lp_consume(token, session, "other_action", value=12.5, order_uuid="order-1")
        self.assertIn("another action", reason)
        record, reason = Token._lp_consume(token, session, "test_action", value=12.50, order_uuid="order-1")
        self.assertTrue(record, reason)
        self.assertEqual(record.approver_id, self.manager)
        record, reason = Token._lp_consume(token, session, "test_action", value=12.5, order_uuid="order-1")
        self.assertFalse(record)
        self.assertIn("already used", reason)

    def test_expired_and_unknown_tokens(self):
        Token = self.env["pos.approval.token"]
        token = self._request(MANAGER_PIN)["token"]
        Token.sudo().search([], limit=1).write({"expires_at": fields.Datetime.now() - timedelta(seconds=1)})
        record, reason = Token._lp_consume(token, self.session.sudo(), "test_action", value=12.5, order_uuid="order-1")
        self.assertFalse(record)
        self.assertIn("expired", reason)
        self.assertIn("unknown", Token._lp_consume("forged", self.session.sudo(), "test_action")[1])

    def test_only_hashes_are_stored(self):
        token = self._request(MANAGER_PIN)["token"]
        self.assertFalse(self.env["pos.approval.token"].sudo().search([("token_hash", "=", token)]))

    def test_till_user_cannot_read_or_mint_tokens_directly(self):
        with self.assertRaises(AccessError):
            self.env["pos.approval.token"].with_user(self.till_user).search([])
        with self.assertRaises(AccessError):
            self.env["pos.approval.token"].with_user(self.till_user).create({"token_hash": "x", "action": "a"})

    def test_lockout_through_the_rpc(self):
        for _i in range(5):
            self._request("0000")
        result = self._request(MANAGER_PIN)
        self.assertFalse(result["ok"])
        outcomes = self.env["pos.pin.attempt.log"].search([("session_id", "=", self.session.id)]).mapped("outcome")
        self.assertIn("pin_locked", outcomes)

"""Single-use approval tokens.

A supervisor's PIN, once verified by the server, mints a token bound to what was approved:
(session, order uuid, action, value, approver). The POS carries the plaintext token with the
order; the server consumes it once. Only its sha256 is stored, so the table leaks nothing usable.
"""

import hashlib
import json
import secrets
from datetime import timedelta

from odoo import _, api, fields, models

DEFAULT_TTL_SECONDS = 300


def canonical_value(value):
    """One spelling per approved value, so 10, 10.0 and "10.000000" bind the same token."""
    if value is None or value is False:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return "%.6f" % value
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return str(value)


class PosApprovalToken(models.Model):
    _name = "pos.approval.token"
    _description = "POS Approval Token"
    _order = "id desc"

    token_hash = fields.Char(required=True, index=True, readonly=True)
    action = fields.Char(required=True, readonly=True)
    value = fields.Char(readonly=True, help="Canonical spelling of the approved value.")
    session_id = fields.Many2one("pos.session", required=True, readonly=True, ondelete="cascade", index=True)
    order_uuid = fields.Char(readonly=True, index=True)
    approver_id = fields.Many2one("hr.employee", readonly=True, ondelete="set null")
    requested_by_id = fields.Many2one("hr.employee", readonly=True, ondelete="set null")
    reason = fields.Char(readonly=True)
    product_id = fields.Many2one(
        "product.product", readonly=True, ondelete="set null",
        help="The product of the line the approval was asked for (empty: not bound to a product).")
    expires_at = fields.Datetime(required=True, readonly=True)
    consumed_at = fields.Datetime(readonly=True)
    consumed_res_model = fields.Char(readonly=True)
    consumed_res_id = fields.Integer(readonly=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True)

    @staticmethod
    def _hash(token):
        return hashlib.sha256((token or "").encode("utf-8")).hexdigest()

    @api.model
    def _lp_mint(self, session, action, value=None, approver=None, order_uuid=None, reason=None,
                 requested_by=None, ttl=DEFAULT_TTL_SECONDS, product=None):
        """Create a token and return its plaintext (shown once, to the till that asked).

        A token bound to an order lives at least the action's declared ``order_ttl`` (see
        pos.lp.action): it is consumed when the order syncs, which may be hours later."""
        spec = self.env["pos.lp.action"]._lp_spec(action)
        if order_uuid and spec["order_ttl"]:
            ttl = max(ttl, spec["order_ttl"])
        token = secrets.token_urlsafe(24)
        self.sudo().create({
            "token_hash": self._hash(token),
            "action": action,
            "value": canonical_value(value),
            "session_id": session.id,
            "order_uuid": order_uuid or False,
            "approver_id": approver.id if approver else False,
            "requested_by_id": requested_by.id if requested_by else False,
            "reason": reason or False,
            "product_id": product.id if product else False,
            "expires_at": fields.Datetime.now() + timedelta(seconds=ttl),
        })
        return token

    @api.model
    def _lp_consume(self, token, session, action, value=None, order_uuid=None, res_model=None, res_id=None,
                    product=None):
        """Consume a token once. Returns (token_record, "") or (empty recordset, refusal reason).

        ``product``: the product of the line being judged; a token bound to another product is
        refused (the approval named the line's product, see ``lp_request_approval``).

        The UPDATE ... WHERE consumed_at IS NULL makes two concurrent consumers race safely:
        exactly one gets the row back.
        """
        empty = self.sudo().browse()
        if not token:
            return empty, _("no approval token")
        record = self.sudo().search([("token_hash", "=", self._hash(token))], limit=1)
        if not record:
            return empty, _("unknown approval token")
        if record.consumed_at:
            return empty, _("approval token already used")
        if record.expires_at < fields.Datetime.now():
            return empty, _("approval token expired")
        if record.session_id != session:
            return empty, _("approval token belongs to another session")
        if record.action != action:
            return empty, _("approval token was given for another action")
        if record.value != canonical_value(value):
            return empty, _("approval token was given for another value")
        if record.order_uuid and record.order_uuid != (order_uuid or False):
            return empty, _("approval token was given for another order")
        if product and record.product_id and record.product_id != product:
            return empty, _("approval token was given for another product")
        # SQL: atomic compare-and-set (see the docstring); the ORM's write cannot say "only if still unused".
        self.env.cr.execute(
            """UPDATE pos_approval_token
                  SET consumed_at = now() at time zone 'UTC', consumed_res_model = %s, consumed_res_id = %s
                WHERE id = %s AND consumed_at IS NULL
            RETURNING id""",
            [res_model, res_id, record.id],
        )
        if not self.env.cr.fetchone():
            return empty, _("approval token already used")
        record.invalidate_recordset(["consumed_at", "consumed_res_model", "consumed_res_id"])
        return record, ""

    def _lp_link_consumed(self, record):
        """Name what a token consumed before its record existed (an order judged before it is
        created) was used on. Only the base writes this table."""
        self.sudo().filtered(lambda token: token.consumed_at and not token.consumed_res_id).write({
            "consumed_res_model": record._name, "consumed_res_id": record.id})

    @api.autovacuum
    def _gc_expired_tokens(self):
        """Unused tokens are worthless after expiry; consumed ones stay linked from the logs."""
        self.sudo().search([
            ("consumed_at", "=", False),
            ("expires_at", "<", fields.Datetime.now() - timedelta(days=1)),
        ]).unlink()

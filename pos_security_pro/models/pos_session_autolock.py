"""The server's record of an auto-locked till (the twin of the till's sessionStorage flag).

One row per lock, inserted when the till locks itself and closed by the supervisor-approved login
that unlocks it. A row of its own, not a field on pos.session: the session row is written by the
order sync and the closing, and a till locking itself must not contend with them (the base's
pos.session.login rows follow the same rule). Written by the server only (sudo): the till user
has no write access, and a raw RPC cannot clear a lock.
"""

from odoo import fields, models


class PosSessionAutolock(models.Model):
    _name = "pos.session.autolock"
    _description = "POS Auto-Lock"
    _order = "id desc"

    session_id = fields.Many2one("pos.session", required=True, readonly=True, index=True, ondelete="cascade")
    config_id = fields.Many2one(related="session_id.config_id", string="Point of Sale")
    locked_at = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    locked_employee_id = fields.Many2one("hr.employee", "Cashier at Lock", readonly=True, ondelete="set null")
    unlocked_at = fields.Datetime(readonly=True, index=True)
    unlocked_employee_id = fields.Many2one("hr.employee", "Unlocked For", readonly=True, ondelete="set null")
    approver_id = fields.Many2one("hr.employee", "Unlocked By", readonly=True, ondelete="set null")
    token_id = fields.Many2one("pos.approval.token", "Approval", readonly=True, ondelete="set null")

    def _lp_open(self, session):
        """The lock that holds ``session`` now (empty when the till is not locked)."""
        return self.sudo().search([("session_id", "=", session.id), ("unlocked_at", "=", False)], limit=1)

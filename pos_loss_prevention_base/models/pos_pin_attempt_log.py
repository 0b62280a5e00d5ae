"""Evidence of every refused approval PIN (wrong, locked, not allowed), for every addon."""

from odoo import fields, models


class PosPinAttemptLog(models.Model):
    _name = "pos.pin.attempt.log"
    _inherit = ["pos.evidence.mixin"]
    _description = "POS PIN Attempt"
    _evidence_hashed_fields = (
        "create_date", "create_uid", "company_id", "employee_id", "requested_by_id", "session_id",
        "action", "outcome", "order_uuid", "message",
    )

    employee_id = fields.Many2one("hr.employee", "Approver", readonly=True, ondelete="restrict", index=True)
    requested_by_id = fields.Many2one("hr.employee", readonly=True, ondelete="restrict")
    session_id = fields.Many2one("pos.session", readonly=True, ondelete="restrict", index=True)
    config_id = fields.Many2one(related="session_id.config_id", store=True, string="Point of Sale")
    action = fields.Char(readonly=True)
    outcome = fields.Selection(
        [("pin_failed", "Wrong PIN"), ("pin_locked", "Locked Out"), ("not_allowed", "Not Allowed")],
        readonly=True, required=True)
    order_uuid = fields.Char("Order UUID", readonly=True)
    message = fields.Char(readonly=True)

"""Every attempt to close a session with a cash difference: evidence, never edited."""

import json

from odoo import api, fields, models

OUTCOMES = [
    ("blocked", "Blocked"),
    ("overridden", "Overridden"),
    ("within_tolerance", "Closed within Tolerance"),
    ("cash_move_during_closing", "Cash Move during Closing"),
    ("would_block", "Would Block (observing)"),
]
PATHS = [
    ("pos", "POS Closing"),
    ("rpc", "Server Call"),
    ("backend", "Backend"),
]


class PosSessionGuardLog(models.Model):
    _name = "pos.session.guard.log"
    _inherit = ["pos.evidence.mixin"]
    _description = "POS Closing Difference"
    _rec_name = "session_id"
    _evidence_hashed_fields = (
        "create_date", "create_uid", "company_id", "session_id", "user_id", "employee_id", "approver_id",
        "currency_id", "expected", "counted", "difference", "tolerance", "closing_cash_moves",
        "bank_differences", "outcome", "path", "reason",
    )

    session_id = fields.Many2one("pos.session", required=True, readonly=True, ondelete="restrict", index=True)
    config_id = fields.Many2one(related="session_id.config_id", store=True, string="Point of Sale")
    payment_method_id = fields.Many2one(
        "pos.payment.method", readonly=True, ondelete="restrict", index=True,
        help="The cash method (drawer, cash machine) whose count this row is about.")
    user_id = fields.Many2one("res.users", "Odoo User", readonly=True, ondelete="restrict",
                              default=lambda self: self.env.user)
    employee_id = fields.Many2one("hr.employee", "Cashier", readonly=True, ondelete="restrict",
                                  help="Employee logged in at the till (employee login).")
    approver_id = fields.Many2one("hr.employee", "Approved By", readonly=True, ondelete="restrict",
                                  help="Employee whose approval PIN the server verified.")
    currency_id = fields.Many2one("res.currency", readonly=True, ondelete="restrict", required=True)
    expected = fields.Monetary("Expected Cash", readonly=True)
    counted = fields.Monetary("Counted Cash", readonly=True)
    difference = fields.Monetary(readonly=True, help="Counted minus expected.")
    tolerance = fields.Monetary(readonly=True)
    closing_cash_moves = fields.Monetary(
        "Cash Moves during Closing", readonly=True,
        help="Cash in/out made after closing started: they do not lower what the guard expects.")
    bank_differences = fields.Char(readonly=True, help="Non-cash differences, as recomputed by the server.")
    outcome = fields.Selection(OUTCOMES, required=True, readonly=True, index=True)
    path = fields.Selection(PATHS, readonly=True)
    reason = fields.Text(readonly=True)
    abs_difference = fields.Monetary("Absolute Difference", compute="_compute_abs_difference", store=True)

    def _evidence_payload(self, sequence=None):
        """Sealed fields plus the payment method, when there is one: rows written before the
        field existed keep the payload (and the hash) they were sealed with."""
        payload = super()._evidence_payload(sequence)
        if not self.payment_method_id:
            return payload
        data = json.loads(payload)
        data["payment_method_id"] = self.payment_method_id.id
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)

    @api.depends("difference")
    def _compute_abs_difference(self):
        for log in self:
            log.abs_difference = abs(log.difference)

"""Status history of reconciliation exceptions: evidence of who ignored what, when and why."""

from odoo import fields, models

from .pos_reconciliation_exception import STATUSES


class PosReconciliationExceptionHistory(models.Model):
    _name = "pos.reconciliation.exception.history"
    _inherit = ["pos.evidence.mixin"]
    _description = "POS Reconciliation Exception History"
    _evidence_hashed_fields = (
        "create_date", "create_uid", "company_id", "exception_id", "user_id", "old_status", "new_status", "note",
    )

    exception_id = fields.Many2one("pos.reconciliation.exception", required=True, readonly=True,
                                   ondelete="restrict", index=True)
    user_id = fields.Many2one("res.users", "By", readonly=True, ondelete="restrict",
                              default=lambda self: self.env.user)
    old_status = fields.Selection(STATUSES, "From", readonly=True)
    new_status = fields.Selection(STATUSES, "To", required=True, readonly=True)
    note = fields.Text(readonly=True)

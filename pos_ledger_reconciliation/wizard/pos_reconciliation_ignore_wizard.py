"""Ignore reconciliation exceptions: the reason is mandatory and goes into their history."""

from odoo import fields, models


class PosReconciliationIgnoreWizard(models.TransientModel):
    _name = "pos.reconciliation.ignore.wizard"
    _description = "Ignore Reconciliation Exceptions"

    exception_ids = fields.Many2many("pos.reconciliation.exception", "pos_recon_ignore_wizard_exception_rel",
                                     "wizard_id", "exception_id", string="Exceptions", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.exception_ids.action_ignore(self.reason)
        return {"type": "ir.actions.act_window_close"}

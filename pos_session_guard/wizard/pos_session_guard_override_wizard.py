"""Backend approval of a closing difference, by a user of the config's override groups."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class PosSessionGuardOverrideWizard(models.TransientModel):
    _name = "pos.session.guard.override.wizard"
    _description = "Approve a POS Closing Difference"

    session_id = fields.Many2one("pos.session", required=True, readonly=True)
    currency_id = fields.Many2one(related="session_id.currency_id")
    expected = fields.Monetary(compute="_compute_figures")
    counted = fields.Monetary(compute="_compute_figures")
    difference = fields.Monetary(compute="_compute_figures")
    tolerance = fields.Monetary(compute="_compute_figures")
    reason = fields.Text(required=True)

    @api.depends("session_id")
    def _compute_figures(self):
        for wizard in self:
            evaluation = wizard.session_id._guard_evaluate(wizard.session_id.cash_register_balance_end_real)
            wizard.expected = evaluation["expected"]
            wizard.counted = evaluation["counted"]
            wizard.difference = evaluation["difference"]
            wizard.tolerance = evaluation["tolerance"]

    def action_confirm(self):
        self.ensure_one()
        session = self.session_id
        config = session.config_id.sudo()
        if not self.env.user.groups_id & config.guard_override_group_ids:
            raise AccessError(_("You are not allowed to approve closing differences for %(pos)s.", pos=config.name))
        if not (self.reason or "").strip():
            raise UserError(_("A reason is required to close with a cash difference."))
        evaluation = session._guard_evaluate(session.cash_register_balance_end_real)
        if evaluation["over_tolerance"]:
            session._guard_log(evaluation, "overridden", "backend",
                               approver=self.env.user.employee_id, reason=self.reason.strip())
            session._guard_notify_override(evaluation, self.env.user.employee_id, self.reason.strip())
        return {"type": "ir.actions.act_window_close"}

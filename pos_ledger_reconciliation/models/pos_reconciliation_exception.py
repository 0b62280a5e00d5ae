"""One problem between what the tills recorded and what the ledger or the warehouse holds.

Rows are written by the reconciliation run (``pos.reconciliation.run``) only. Finance changes the
status (ignore with a reason, reopen) and the assignee; every status change leaves a row in the
hash-chained history (``pos.reconciliation.exception.history``).
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

TYPES = [
    ("entry_missing", "Journal Entry Missing"),
    ("entry_draft", "Journal Entry in Draft"),
    ("entry_unbalanced", "Journal Entry Unbalanced"),
    ("entry_reversed", "Journal Entry Reversed"),
    ("payment_posted", "Payments Not Posted as Recorded"),
    ("payment_mapping", "Payment Method Mapping Error"),
    ("cash_statement", "Cash Count vs Cash Journal"),
    ("cash_difference", "Closing Difference Booked"),
    ("transit", "Transit Balance Unreconciled"),
    ("tax", "Tax Mismatch"),
    ("discount", "Sales after Discounts Mismatch"),
    ("picking", "Picking Missing or Not Done"),
    ("closing_stale", "Session Left in Closing Control"),
    ("negative_quant", "Negative Stock through POS Sales"),
    ("terminal", "Payment Terminal Finding"),
]
SEVERITIES = [("low", "Low"), ("medium", "Medium"), ("high", "High")]
STATUSES = [("open", "Open"), ("resolved", "Resolved"), ("ignored", "Ignored")]

# What a finance user may change; everything else is the run's.
USER_FIELDS = {"status", "ignore_reason", "assignee_id", "resolution_note"}


class PosReconciliationException(models.Model):
    _name = "pos.reconciliation.exception"
    _inherit = ["mail.thread"]
    _description = "POS Reconciliation Exception"
    _order = "status_rank, amount_at_stake desc, id desc"

    name = fields.Char(required=True, readonly=True)
    type = fields.Selection(TYPES, required=True, readonly=True, index=True)
    fingerprint = fields.Char(required=True, readonly=True, index=True,
                              help="Identifies the problem from one run to the next.")
    severity = fields.Selection(SEVERITIES, required=True, default="medium", readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    config_id = fields.Many2one("pos.config", "Shop", readonly=True, index=True, ondelete="set null")
    session_id = fields.Many2one("pos.session", readonly=True, index=True, ondelete="set null")
    payment_method_id = fields.Many2one("pos.payment.method", readonly=True, ondelete="set null")
    product_id = fields.Many2one("product.product", readonly=True, ondelete="set null")
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_at_stake = fields.Monetary(readonly=True, help="How much money the problem concerns, in the "
                                                          "company's currency.")
    explanation = fields.Text(readonly=True)
    suggested_fix = fields.Text(readonly=True)
    status = fields.Selection(STATUSES, required=True, default="open", tracking=True, index=True)
    status_rank = fields.Integer(compute="_compute_status_rank", store=True)
    ignore_reason = fields.Text(tracking=True)
    resolution_note = fields.Text(readonly=True)
    assignee_id = fields.Many2one("res.users", tracking=True)
    first_seen = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    last_seen = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    resolved_at = fields.Datetime(readonly=True)
    history_ids = fields.One2many("pos.reconciliation.exception.history", "exception_id", readonly=True)

    @api.depends("status")
    def _compute_status_rank(self):
        ranks = {"open": 0, "ignored": 1, "resolved": 2}
        for exception in self:
            exception.status_rank = ranks.get(exception.status, 3)

    @api.constrains("status", "ignore_reason")
    def _check_ignore_reason(self):
        for exception in self:
            if exception.status == "ignored" and not (exception.ignore_reason or "").strip():
                raise ValidationError(_("Say why this exception is ignored: a reason is mandatory."))

    # ------------------------------------------------------------------ writes
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(_("Reconciliation exceptions are raised by the reconciliation run only."))
        records = super().create(vals_list)
        note = _("Found by the reconciliation run.")
        self.env["pos.reconciliation.exception.history"].sudo().create([{
            "exception_id": record.id, "company_id": record.company_id.id, "old_status": False,
            "new_status": record.status, "note": note,
        } for record in records])
        return records

    def write(self, vals):
        if not self.env.su and {f for f in vals if not f.startswith("message_")} - USER_FIELDS:
            raise UserError(_("Only the status, the reason and the assignee of a reconciliation exception "
                              "can be changed; the rest is what the reconciliation run found."))
        if "status" not in vals:
            return super().write(vals)
        old = {record.id: record.status for record in self}
        result = super().write(vals)
        note = self.env.context.get("lp_recon_note")
        history = [{
            "exception_id": record.id, "company_id": record.company_id.id, "old_status": old[record.id],
            "new_status": record.status,
            "note": note or (record.ignore_reason if record.status == "ignored" else False),
        } for record in self if old[record.id] != record.status]
        if history:
            self.env["pos.reconciliation.exception.history"].sudo().create(history)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        raise UserError(_("Reconciliation exceptions are kept as evidence: ignore or resolve them instead."))

    # ------------------------------------------------------------------ actions
    def action_ignore(self, reason):
        """Ignore with a mandatory reason (the wizard's button, and a raw RPC alike)."""
        if not (reason or "").strip():
            raise UserError(_("Say why this exception is ignored: a reason is mandatory."))
        self.with_context(lp_recon_note=reason).write({"status": "ignored", "ignore_reason": reason})
        return True

    def action_reopen(self):
        self.with_context(lp_recon_note=_("Reopened by %(user)s.", user=self.env.user.name)).write(
            {"status": "open", "ignore_reason": False})
        return True

    def action_open_ignore_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Ignore Exception"),
            "res_model": "pos.reconciliation.ignore.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_exception_ids": self.ids},
        }

    def action_recheck(self):
        """Run the company-wide reconciliation now (what the cron does daily)."""
        run = self.env["pos.reconciliation.run"].sudo()
        for company in self.company_id or self.env.company:
            run._lp_reconcile_company(company)
        return True

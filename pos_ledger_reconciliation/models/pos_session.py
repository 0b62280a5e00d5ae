"""Reconciliation after each close, and the session form's smart button and badge."""

import logging

from odoo import _, api, fields, models

_logger = logging.getLogger(__name__)

FINANCE_GROUPS = "point_of_sale.group_pos_manager,account.group_account_manager"


class PosSession(models.Model):
    _inherit = "pos.session"

    lp_reconciliation_count = fields.Integer(
        "Open Reconciliation Exceptions", compute="_compute_lp_reconciliation", groups=FINANCE_GROUPS)
    lp_reconciliation_status = fields.Selection(
        [("unchecked", "Not Checked"), ("ok", "Reconciled"), ("low", "Minor Exceptions"),
         ("open", "Open Exceptions"), ("high", "Serious Exceptions")],
        "Reconciliation", compute="_compute_lp_reconciliation", groups=FINANCE_GROUPS)

    @api.depends("state")
    def _compute_lp_reconciliation(self):
        rank = {"low": 1, "medium": 2, "high": 3}
        worst, counts = {}, {}
        groups = self.env["pos.reconciliation.exception"]._read_group(
            [("session_id", "in", self.ids), ("status", "=", "open")], ["session_id", "severity"], ["__count"])
        for session, severity, count in groups:
            counts[session.id] = counts.get(session.id, 0) + count
            worst[session.id] = max(worst.get(session.id, 0), rank[severity])
        for session in self:
            session.lp_reconciliation_count = counts.get(session.id, 0)
            if session.id in worst:
                session.lp_reconciliation_status = {1: "low", 2: "open", 3: "high"}[worst[session.id]]
            else:
                session.lp_reconciliation_status = "ok" if session.state == "closed" else "unchecked"

    def _validate_session(self, balancing_account=False, amount_to_balance=0, bank_payment_method_diffs=None):
        result = super()._validate_session(balancing_account, amount_to_balance, bank_payment_method_diffs)
        if self.state == "closed":
            # Never blocks a close: the daily run checks the session again anyway.
            try:
                with self.env.cr.savepoint():
                    self.env["pos.reconciliation.run"].sudo()._lp_reconcile(self.company_id, self)
            except Exception:  # noqa: BLE001
                _logger.warning("Reconciliation of session %s failed; the daily run will retry", self.name,
                                exc_info=True)
        return result

    def action_view_lp_reconciliation(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pos_ledger_reconciliation.pos_reconciliation_exception_action")
        action["domain"] = [("session_id", "=", self.id)]
        action["context"] = {"search_default_filter_open": 1, "default_session_id": self.id}
        action["name"] = _("Reconciliation: %(session)s", session=self.name)
        return action

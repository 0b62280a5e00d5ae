"""The forensic log of pos_security_pro: every approval, denial, failed PIN and flagged bypass.

Rows are evidence (pos.evidence.mixin): create-only for everyone and hash-chained per company.
Only the review fields and the late link to the synced order may change after creation.
"""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

ACTION_TYPES = [
    ("discount", "Discount"),
    ("price", "Price Change"),
    ("refund", "Refund"),
    ("delete_line", "Delete Line"),
    ("reduce_qty", "Reduce Quantity"),
    ("cancel_order", "Cancel Order"),
    ("split_bill", "Split Bill"),
    ("transfer", "Transfer / Merge"),
    ("cash_in", "Cash In"),
    ("cash_out", "Cash Out"),
    ("payment", "Payment"),
    ("unlock", "Unlock After Auto-Lock"),
]
STATUSES = [
    ("approved", "Approved"),
    # The actor's own role allowed the change (a manager's refund): evidence, nothing to review.
    ("within_authority", "Within Authority"),
    ("denied", "Denied"),
    ("pin_failed", "Failed PIN"),
    ("bypass", "Bypass (flagged)"),
    ("observed", "Would Be Flagged (observing)"),
]


class PosApprovalLog(models.Model):
    _name = "pos.approval.log"
    _inherit = ["pos.evidence.mixin"]
    _description = "POS Approval Log"
    _rec_name = "display_name"
    _evidence_hashed_fields = (
        "create_date", "create_uid", "company_id", "session_id", "order_uuid", "action_type", "status",
        "requested_by_id", "approved_by_id", "requested_by_user_id", "approved_by_user_id", "product_id",
        "old_value", "new_value", "reason_id", "reason", "notes", "message",
    )
    # Not evidence, so outside the hash: the order link made at sync, the review, the owner alert.
    _evidence_mutable_fields = ("order_id", "reviewed_by_id", "reviewed_date", "review_note", "alert_sent_at")

    session_id = fields.Many2one("pos.session", "POS Session", readonly=True, ondelete="restrict", index=True)
    config_id = fields.Many2one(related="session_id.config_id", store=True, string="Point of Sale")
    order_uuid = fields.Char("Order UUID", readonly=True, index=True)
    order_id = fields.Many2one(
        "pos.order", readonly=True, ondelete="set null", index=True,
        help="Linked when the order reaches the server (an approval may come before the order's first sync).")
    action_type = fields.Selection(ACTION_TYPES, "Action", required=True, readonly=True)
    status = fields.Selection(STATUSES, required=True, readonly=True, index=True)
    requested_by_id = fields.Many2one("hr.employee", readonly=True, ondelete="restrict")
    approved_by_id = fields.Many2one("hr.employee", readonly=True, ondelete="restrict")
    requested_by_user_id = fields.Many2one("res.users", "Requested By (User)", readonly=True, ondelete="restrict")
    approved_by_user_id = fields.Many2one("res.users", "Approved By (User)", readonly=True, ondelete="restrict")
    product_id = fields.Many2one("product.product", readonly=True, ondelete="restrict")
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    reason_id = fields.Many2one("pos.approval.reason", "Catalogue Reason", readonly=True, ondelete="restrict")
    reason = fields.Char(readonly=True)
    notes = fields.Text(readonly=True)
    message = fields.Char("Details", readonly=True)
    reviewed_by_id = fields.Many2one("res.users", readonly=True)
    reviewed_date = fields.Datetime(readonly=True)
    review_note = fields.Text()
    alert_sent_at = fields.Datetime("Owner Alerted At", readonly=True, copy=False)

    def _compute_display_name(self):
        labels = dict(ACTION_TYPES)
        for log in self:
            log.display_name = "#%s %s" % (log.evidence_sequence or log.id, labels.get(log.action_type, ""))

    def action_mark_reviewed(self):
        """A manager acknowledges flagged rows; the session may then close."""
        if not self.env.user._lp_is_pos_manager():
            raise AccessError(_("Only a Point of Sale manager can review flagged POS actions."))
        self.filtered(lambda log: not log.reviewed_by_id).sudo().write({
            "reviewed_by_id": self.env.user.id,
            "reviewed_date": fields.Datetime.now(),
        })
        return True

    # ------------------------------------------------------------------ owner alerts
    # A bypass row only schedules the alert cron (ir.cron._trigger: one row in ir_cron_trigger);
    # the cron mails the POS managers after the sync's transaction has committed, so the alert
    # costs the order sync nothing noticeable. The daily digest still lists every refusal.
    # A till whose owner set up Email Alerts gets its bypasses through them (pos.security.alert:
    # its recipients, its filter); the others keep this alert to the company's POS managers.
    @api.model_create_multi
    def create(self, vals_list):
        logs = super().create(vals_list)
        bypasses = logs.filtered(lambda log: log.status == "bypass")
        # Within-authority rows go through the same hook: the owner decides whether they alert
        # (pos.config.lp_alert_on_within_authority, on by default: the issue's "the moment high-risk actions
        # happen", with the same action filter and thresholds).
        for log in logs.filtered(lambda log: log.session_id and log.status in ("bypass", "within_authority")):
            log.session_id._lp_notify(log.action_type, log.status, {
                "requested_by": log.requested_by_id, "approver": log.approved_by_id, "value": log.new_value,
                "old_value": log.old_value, "new_value": log.new_value, "product_id": log.product_id.id,
                "reason": log.message, "notes": log.notes, "res_model": self._name, "res_id": log.id,
            })
        if bypasses.filtered(lambda log: not log.config_id.lp_alert_enabled):
            cron = self.env.ref("pos_security_pro.ir_cron_security_alert", raise_if_not_found=False)
            if cron and cron.active:
                cron.sudo()._trigger()
        return logs

    @api.model
    def _cron_send_security_alerts(self):
        """One mail per company to its POS managers with the bypasses not alerted yet (tills
        without Email Alerts of their own)."""
        rows = self.sudo().search([("status", "=", "bypass"), ("alert_sent_at", "=", False),
                                   "|", ("config_id", "=", False), ("config_id.lp_alert_enabled", "=", False)],
                                  order="id")
        if rows:
            self._lp_mail_managers(rows, alert=True)
            rows.write({"alert_sent_at": fields.Datetime.now()})

    @api.model
    def _cron_send_security_digest(self, hours=24):
        """Mail each company's POS managers the refusals and bypasses of the last ``hours``."""
        since = fields.Datetime.now() - timedelta(hours=hours)
        # Within-authority rows are evidence of allowed actions, not refusals: not in the digest.
        rows = self.sudo().search(
            [("create_date", ">=", since), ("status", "not in", ("approved", "within_authority"))], order="id")
        # Companies whose evidence grew get the digest too: it carries each chain's head hash, the
        # copy outside the database that a truncated chain is compared with.
        moved = self.env["pos.evidence.witness"].sudo().search([("head_date", ">=", since)]).company_id
        self._lp_mail_managers(rows, companies=moved)
        self._lp_mail_alert_recipients(rows)

    @api.model
    def _lp_mail_alert_recipients(self, rows):
        """The digest per recipient list: each till with Email Alerts sends its own rows of the day
        to its own recipients (the POS managers get the company's digest above)."""
        template = self.env.ref("pos_security_pro.mail_template_security_digest", raise_if_not_found=False)
        if not template:
            return
        for config in rows.config_id.filtered("lp_alert_enabled"):
            emails = config._lp_alert_email_to()
            config_rows = rows.filtered(lambda row, config=config: row.config_id == config)
            if emails and config_rows:
                template.with_context(lp_rows=self._lp_digest_lines(config_rows), lp_alert=False,
                                      lp_chain_heads=[], lp_config_name=config.name).send_mail(
                    config.company_id.id, email_values={"email_to": emails})

    @api.model
    def _lp_digest_lines(self, rows):
        labels = {"action": dict(ACTION_TYPES), "status": dict(STATUSES)}
        return [{
            "date": fields.Datetime.to_string(row.create_date),
            "session": row.session_id.name or "",
            "action": labels["action"].get(row.action_type, row.action_type),
            "status": labels["status"].get(row.status, row.status),
            "requested_by": row.requested_by_id.name or row.requested_by_user_id.name or "",
            "message": row.message or row.reason or "",
        } for row in rows]

    @api.model
    def _lp_mail_managers(self, rows, alert=False, companies=None):
        """Mail ``rows`` to the POS managers of each company (digest, or an alert when ``alert``).
        The digest also lists the head hash of each evidence chain of the company."""
        template = self.env.ref("pos_security_pro.mail_template_security_digest", raise_if_not_found=False)
        if not template:
            return
        group = self.env.ref("point_of_sale.group_pos_manager")
        Witness = self.env["pos.evidence.witness"]
        for company in rows.company_id | (companies or self.env["res.company"]):
            managers = group.users.filtered(lambda user, company=company: company in user.company_ids and user.email)
            if not managers:
                continue
            company_rows = self._lp_digest_lines(rows.filtered(lambda row, company=company: row.company_id == company))
            heads = [] if alert else Witness._lp_chain_heads(company)
            template.with_context(lp_rows=company_rows, lp_alert=alert, lp_chain_heads=heads).send_mail(
                company.id, email_values={"email_to": ",".join(managers.mapped("email_formatted"))})

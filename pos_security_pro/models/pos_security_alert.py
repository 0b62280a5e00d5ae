"""Owner alerts: the high-risk actions of a till, mailed to the recipients its owner chose.

The till's RPC only queues a row here (one small insert, and only when the shop's filter
matches: a routine sale writes nothing) and triggers the cron; the cron mails after the till's
transaction has committed, through a mail.template and Odoo's mail queue, so an alert never
slows or blocks a sale. A burst is one mail: at most one per till per "Alert Burst Window".
"""

from datetime import timedelta

from odoo import _, api, fields, models

STATUSES = [("approved", "Approved"), ("within_authority", "Within Authority"), ("bypass", "Bypass (flagged)"),
            ("pin_locked", "PIN Lockout")]
# Actions whose value is an amount of money (the amount threshold applies).
AMOUNT_ACTIONS = ("refund", "cash_out")


class PosSecurityAlert(models.Model):
    _name = "pos.security.alert"
    _description = "POS Owner Alert"
    _order = "id desc"

    config_id = fields.Many2one("pos.config", "Point of Sale", required=True, readonly=True, index=True,
                                ondelete="cascade")
    company_id = fields.Many2one(related="config_id.company_id", store=True)
    session_id = fields.Many2one("pos.session", readonly=True, ondelete="set null")
    action_code = fields.Char(readonly=True)
    action_name = fields.Char("Action", readonly=True)
    status = fields.Selection(STATUSES, readonly=True, required=True)
    cashier = fields.Char(readonly=True)
    approver = fields.Char(readonly=True)
    value = fields.Char(readonly=True)
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    product = fields.Char(readonly=True)
    reason = fields.Char(readonly=True)
    notes = fields.Text(readonly=True)
    res_model = fields.Char("Evidence Model", readonly=True)
    res_id = fields.Integer("Evidence Row", readonly=True)
    record_url = fields.Char("Link", compute="_compute_record_url")
    sent_at = fields.Datetime(readonly=True, index=True)
    mail_id = fields.Many2one("mail.mail", readonly=True, ondelete="set null")

    def _compute_record_url(self):
        base_url = self.env.company.get_base_url()
        for alert in self:
            model, res_id = (alert.res_model, alert.res_id) if alert.res_model and alert.res_id \
                else ("pos.session", alert.session_id.id)
            alert.record_url = "%s/odoo/%s/%s" % (base_url, model, res_id) if res_id else base_url

    # ------------------------------------------------------------------ queueing (till RPCs)
    @api.model
    def _lp_queue(self, session, action, status, info):
        """Queue an alert for ``session``'s till when its owner asked for this kind of event."""
        config = session.config_id.sudo()
        if not config.lp_alert_enabled or not config._lp_alert_matches(action, status, info):
            return self.browse()
        Action = self.env["pos.lp.action"].sudo()
        action_name = Action.search([("code", "=", action)], limit=1).name or action
        product = self.env["product.product"].sudo().browse(int(info.get("product_id") or 0)).exists()
        alert = self.sudo().create({
            "config_id": config.id,
            "session_id": session.id,
            "action_code": action,
            "action_name": action_name,
            "status": status,
            "cashier": (info.get("requested_by") or self.env["hr.employee"]).sudo().name or self.env.user.name,
            "approver": (info.get("approver") or self.env["hr.employee"]).sudo().name or False,
            "value": "%s" % info["value"] if info.get("value") not in (None, False) else False,
            "old_value": "%s" % info["old_value"] if info.get("old_value") not in (None, False) else False,
            "new_value": "%s" % info["new_value"] if info.get("new_value") not in (None, False) else False,
            "product": product.display_name or False,
            "reason": info.get("reason") or False,
            "notes": info.get("notes") or False,
            "res_model": info.get("res_model") or False,
            "res_id": info.get("res_id") or False,
        })
        cron = self.sudo().env.ref("pos_security_pro.ir_cron_owner_alert", raise_if_not_found=False)
        if cron and cron.active:
            cron._trigger()
        return alert

    # ------------------------------------------------------------------ sending (cron)
    @api.model
    def _cron_send_owner_alerts(self):
        """One mail per till with its pending alerts, at most one per till per burst window."""
        pending = self.sudo().search([("sent_at", "=", False)], order="id")
        template = self.env.ref("pos_security_pro.mail_template_owner_alert", raise_if_not_found=False)
        if not pending or not template:
            return
        now = fields.Datetime.now()
        cron = self.env.ref("pos_security_pro.ir_cron_owner_alert")
        for config in pending.config_id:
            alerts = pending.filtered(lambda alert, config=config: alert.config_id == config)
            window = timedelta(minutes=max(0, config.lp_alert_burst_minutes))
            last = self.sudo().search([("config_id", "=", config.id), ("sent_at", "!=", False)],
                                      order="sent_at desc", limit=1).sent_at
            if last and window and last + window > now:
                cron.sudo()._trigger(at=last + window)  # the burst goes out as one mail then
                continue
            emails = config._lp_alert_email_to()
            if not emails:
                alerts.write({"sent_at": now})  # nobody to tell: not queued forever
                continue
            mail_id = template.with_context(
                lp_lines=alerts._lp_alert_lines(), lp_subject=alerts._lp_subject_summary()).send_mail(
                config.id, email_values={"email_to": emails})
            alerts.write({"sent_at": now, "mail_id": mail_id})

    def _lp_alert_lines(self):
        """What the mail says of each alert, in the language of the template's rendering."""
        labels = dict(self._fields["status"]._description_selection(self.env))
        return [{
            "date": fields.Datetime.to_string(alert.create_date),
            "action": alert.action_name,
            "status": labels.get(alert.status, alert.status),
            "cashier": alert.cashier or "",
            "approver": alert.approver or "",
            "value": alert.value or "",
            "old_value": alert.old_value or "",
            "new_value": alert.new_value or "",
            "product": alert.product or "",
            "reason": alert.reason or "",
            "notes": alert.notes or "",
            "session": alert.session_id.name or "",
            "url": alert.record_url,
        } for alert in self.sorted("id")]

    def _lp_subject_summary(self):
        if len(self) == 1:
            return _("%(action)s (%(status)s)", action=self.action_name,
                     status=dict(self._fields["status"]._description_selection(self.env)).get(self.status))
        return _("%(count)s high-risk actions", count=len(self))

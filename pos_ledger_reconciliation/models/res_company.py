"""Per company: how far back the daily run looks, the transit delay, and who gets the digest."""

from datetime import timedelta

from odoo import Command, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    lp_reconciliation_days = fields.Integer(
        "Reconciliation Window (days)", default=7,
        help="The daily reconciliation run checks the sessions closed in the last N days.")
    lp_reconciliation_transit_days = fields.Integer(
        "Transit Delay (days)", default=3,
        help="Card and bank payments of a session still unreconciled on the outstanding account this many "
             "days after closing raise an exception.")
    lp_reconciliation_recipient_ids = fields.Many2many(
        "res.users", "res_company_lp_reconciliation_recipient_rel", "company_id", "user_id",
        string="Reconciliation Digest Recipients",
        help="Finance users who receive the daily digest of reconciliation exceptions.")

    def _lp_reconciliation_digest_exceptions(self):
        """New and still-open exceptions of this company, largest amount first."""
        self.ensure_one()
        return self.env["pos.reconciliation.exception"].sudo().search(
            [("company_id", "=", self.id), ("status", "=", "open")], order="amount_at_stake desc, id")

    def _lp_reconciliation_send_digest(self):
        """Queue the digest mail for each company that has something to say and someone to say it to."""
        template = self.env.ref("pos_ledger_reconciliation.mail_template_reconciliation_digest")
        since = fields.Datetime.now() - timedelta(days=1)
        sent = self.browse()
        for company in self:
            partners = company.lp_reconciliation_recipient_ids.partner_id.filtered("email")
            exceptions = company._lp_reconciliation_digest_exceptions()
            if not partners or not exceptions:
                continue
            new = exceptions.filtered(lambda e: e.first_seen >= since)
            template.with_context(lp_digest_new=new, lp_digest_open=exceptions - new).send_mail(
                company.id, email_values={"recipient_ids": [Command.set(partners.ids)]})
            sent |= company
        return sent

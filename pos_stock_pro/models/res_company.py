"""The daily reorder digest: products at or below their reorder point, with last week's shortfall."""

from datetime import timedelta

from odoo import api, fields, models

DIGEST_DAYS = 7


class ResCompany(models.Model):
    _inherit = "res.company"

    pos_stock_digest_user_ids = fields.Many2many(
        "res.users", "res_company_pos_stock_digest_user_rel", "company_id", "user_id",
        string="Reorder Digest Recipients", help="Buyers who get the daily POS reorder digest.")

    def _pos_stock_digest_rows(self):
        """[{product, on_hand, min_qty, max_qty, short_qty, value}] most value at stake first."""
        self.ensure_one()
        orderpoints = self.env["stock.warehouse.orderpoint"].sudo().search([
            ("company_id", "=", self.id), ("trigger", "in", ("auto", "manual")), ("active", "=", True),
        ])
        low = orderpoints.filtered(lambda op: op.qty_on_hand <= op.product_min_qty)
        if not low:
            return []
        since = fields.Datetime.now() - timedelta(days=DIGEST_DAYS)
        # One attempt can leave several rows (blocked, then approved): count each order and product once.
        self.env.cr.execute(
            """SELECT product_id, SUM(qty_short), SUM(value_at_stake) FROM (
                   SELECT product_id, COALESCE(order_uuid, id::text) AS attempt,
                          MAX(qty_short) AS qty_short, MAX(value_at_stake) AS value_at_stake
                     FROM pos_stock_override_log
                    WHERE company_id = %s AND create_date >= %s AND product_id = ANY(%s)
                 GROUP BY product_id, COALESCE(order_uuid, id::text)) attempts
             GROUP BY product_id""",
            [self.id, since, low.product_id.ids],
        )
        shortfall = {pid: (qty, value) for pid, qty, value in self.env.cr.fetchall()}
        rows = [{
            "product": op.product_id.display_name, "location": op.location_id.complete_name,
            "on_hand": op.qty_on_hand, "min_qty": op.product_min_qty, "max_qty": op.product_max_qty,
            "short_qty": shortfall.get(op.product_id.id, (0.0, 0.0))[0],
            "value": shortfall.get(op.product_id.id, (0.0, 0.0))[1],
        } for op in low]
        return sorted(rows, key=lambda row: (-row["value"], row["product"]))

    @api.model
    def _cron_pos_stock_reorder_digest(self):
        template = self.env.ref("pos_stock_pro.mail_template_pos_stock_reorder_digest")
        for company in self.sudo().search([("pos_stock_digest_user_ids", "!=", False)]):
            rows = company._pos_stock_digest_rows()
            emails = [user.email for user in company.pos_stock_digest_user_ids if user.email]
            if not rows or not emails:
                continue
            template.with_context(digest_rows=rows).send_mail(
                company.id, email_values={"email_to": ",".join(emails), "recipient_ids": []})

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    lp_reconciliation_days = fields.Integer(related="company_id.lp_reconciliation_days", readonly=False)
    lp_reconciliation_transit_days = fields.Integer(related="company_id.lp_reconciliation_transit_days",
                                                    readonly=False)
    lp_reconciliation_recipient_ids = fields.Many2many(related="company_id.lp_reconciliation_recipient_ids",
                                                       readonly=False)

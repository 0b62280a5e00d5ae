"""The POS settings page shows the same login-PIN warning as the point of sale's form."""

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_lp_pinless_warning = fields.Char(related="pos_config_id.lp_pinless_warning")

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_guard_enabled = fields.Boolean(related="pos_config_id.guard_enabled", readonly=False)
    pos_guard_tolerance_amount = fields.Float(related="pos_config_id.guard_tolerance_amount", readonly=False)
    pos_guard_tolerance_percent = fields.Float(related="pos_config_id.guard_tolerance_percent", readonly=False)
    pos_guard_override_group_ids = fields.Many2many(
        related="pos_config_id.guard_override_group_ids", readonly=False)
    pos_guard_override_employee_ids = fields.Many2many(
        related="pos_config_id.guard_override_employee_ids", readonly=False)

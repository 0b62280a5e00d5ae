from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_guard_enabled = fields.Boolean(related="pos_config_id.guard_enabled", readonly=False)
    pos_guard_tolerance_amount = fields.Float(related="pos_config_id.guard_tolerance_amount", readonly=False)
    pos_guard_tolerance_percent = fields.Float(related="pos_config_id.guard_tolerance_percent", readonly=False)
    pos_guard_override_group_ids = fields.Many2many(
        related="pos_config_id.guard_override_group_ids", readonly=False)
    pos_guard_override_employee_ids = fields.Many2many(
        related="pos_config_id.guard_override_employee_ids", readonly=False)
    pos_guard_checklist_html = fields.Html(compute="_compute_pos_guard_checklist_html", sanitize=False)

    @api.depends("pos_config_id")
    def _compute_pos_guard_checklist_html(self):
        for settings in self:
            settings.pos_guard_checklist_html = settings.pos_config_id and \
                settings.pos_config_id._lp_checklist_html(["pos_session_guard"])

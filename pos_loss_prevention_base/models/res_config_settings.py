from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_lp_enforced = fields.Boolean(related="pos_config_id.lp_enforced")
    pos_lp_checklist_html = fields.Html(related="pos_config_id.lp_checklist_html")

    def action_pos_lp_enforce(self):
        self.ensure_one()
        self.pos_config_id.action_lp_enforce()
        return {"type": "ir.actions.client", "tag": "reload"}

    def action_pos_lp_observe(self):
        self.ensure_one()
        self.pos_config_id.action_lp_observe()
        return {"type": "ir.actions.client", "tag": "reload"}

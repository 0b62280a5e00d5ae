from odoo import api, fields, models
from odoo.tools import config as odoo_config


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_pos_stock_tier_high = fields.Float(related="pos_config_id.pos_stock_tier_high", readonly=False)
    pos_pos_stock_tier_low = fields.Float(related="pos_config_id.pos_stock_tier_low", readonly=False)
    pos_pos_stock_tier_floor = fields.Float(related="pos_config_id.pos_stock_tier_floor", readonly=False)
    pos_pos_stock_single_colour = fields.Boolean(related="pos_config_id.pos_stock_single_colour", readonly=False)
    pos_pos_stock_low_warning = fields.Boolean(related="pos_config_id.pos_stock_low_warning", readonly=False)
    pos_pos_stock_badge_corner = fields.Selection(related="pos_config_id.pos_stock_badge_corner", readonly=False)
    pos_pos_stock_basis = fields.Selection(related="pos_config_id.pos_stock_basis", readonly=False)
    pos_pos_stock_refresh_mode = fields.Selection(related="pos_config_id.pos_stock_refresh_mode", readonly=False)
    pos_pos_stock_poll_interval = fields.Integer(related="pos_config_id.pos_stock_poll_interval", readonly=False)
    pos_pos_stock_enforce_categ_ids = fields.Many2many(
        related="pos_config_id.pos_stock_enforce_categ_ids", readonly=False)
    pos_pos_stock_allow_negative = fields.Boolean(related="pos_config_id.pos_stock_allow_negative", readonly=False)
    pos_pos_stock_gate_margin = fields.Float(related="pos_config_id.pos_stock_gate_margin", readonly=False)
    pos_pos_stock_location_id = fields.Many2one(related="pos_config_id.pos_stock_location_id")
    lp_stock_digest_user_ids = fields.Many2many(related="company_id.pos_stock_digest_user_ids", readonly=False)
    lp_stock_websocket_status = fields.Char(compute="_compute_lp_stock_websocket_status")

    def _compute_lp_stock_websocket_status(self):
        # With workers the websocket lives in the gevent worker: without it (or a proxy route) only polling works.
        workers = odoo_config.get("workers") or 0
        status = "ok" if not workers or odoo_config.get("gevent_port") else "down"
        for settings in self:
            settings.lp_stock_websocket_status = status

    lp_stock_checklist_html = fields.Html(compute="_compute_lp_stock_checklist_html", sanitize=False)

    @api.depends("pos_config_id")
    def _compute_lp_stock_checklist_html(self):
        for settings in self:
            settings.lp_stock_checklist_html = settings.pos_config_id and \
                settings.pos_config_id._lp_checklist_html(["pos_stock_pro"])

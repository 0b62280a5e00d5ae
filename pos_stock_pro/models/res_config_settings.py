from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import config as odoo_config
from odoo.tools.misc import format_datetime


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
    pos_pos_stock_badge_basis = fields.Selection(related="pos_config_id.pos_stock_badge_basis", readonly=False)
    pos_pos_stock_cover_window = fields.Integer(related="pos_config_id.pos_stock_cover_window", readonly=False)
    pos_pos_stock_cover_tier_high = fields.Float(related="pos_config_id.pos_stock_cover_tier_high", readonly=False)
    pos_pos_stock_cover_tier_low = fields.Float(related="pos_config_id.pos_stock_cover_tier_low", readonly=False)
    pos_pos_stock_cover_tier_floor = fields.Float(related="pos_config_id.pos_stock_cover_tier_floor", readonly=False)
    pos_pos_stock_health_pill = fields.Boolean(related="pos_config_id.pos_stock_health_pill", readonly=False)
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

    lp_stock_tills_html = fields.Html(compute="_compute_lp_stock_tills_html", sanitize=False)

    @api.depends("pos_config_id")
    def _compute_lp_stock_tills_html(self):
        # What each open till last proved: an answer to the bus probe (real-time) or a poll (polling).
        labels = {
            "realtime": (self.env._("Real-time"), "text-bg-success"),
            "polling": (self.env._("Polling"), "text-bg-warning"),
            "probing": (self.env._("Probing..."), "text-bg-info"),
            "offline": (self.env._("Offline"), "text-bg-danger"),
            "unknown": (self.env._("Not probed yet"), "text-bg-secondary"),
        }
        for settings in self:
            rows = self.env["pos.stock.till.link"]._pos_stock_open_tills(settings.company_id)
            if not rows:
                settings.lp_stock_tills_html = Markup("<p class='text-muted mb-0'>%s</p>") % self.env._(
                    "No till is open.")
                continue
            body = Markup()
            for row in rows:
                label, css = labels[row["mode"]]
                seen = format_datetime(self.env, row["seen"]) if row["seen"] else self.env._("never")
                push = format_datetime(self.env, row["last_push"]) if row["last_push"] else "-"
                body += Markup(
                    "<tr class='o_pos_stock_till' data-mode='%s'><td>%s</td><td><span class='badge rounded-pill %s'>"
                    "%s</span></td><td>%s</td><td>%s</td></tr>") % (
                    row["mode"], row["config"].name, css, label, seen, push)
            settings.lp_stock_tills_html = Markup(
                "<table class='table table-sm mb-0 o_pos_stock_tills'><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                "<th>%s</th></tr></thead><tbody>%s</tbody></table>") % (
                self.env._("Till"), self.env._("Mode"), self.env._("Last seen"), self.env._("Last stock message"),
                body)

    def action_pos_stock_probe_tills(self):
        """Send one bus message to every open till; each answers by RPC (see pos.stock.till.link)."""
        self.ensure_one()
        if self.pos_config_id:
            self.pos_config_id.pos_stock_probe_tills()
        return {"type": "ir.actions.client", "tag": "reload"}

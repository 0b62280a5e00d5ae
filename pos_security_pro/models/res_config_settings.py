"""The POS settings page shows the same login-PIN warning as the point of sale's form."""

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_lp_pinless_warning = fields.Char(related="pos_config_id.lp_pinless_warning")

    # Owner alerts of the point of sale being edited (managers only: pos.config guards the fields).
    pos_lp_alert_enabled = fields.Boolean(related="pos_config_id.lp_alert_enabled", readonly=False)
    pos_lp_alert_partner_ids = fields.Many2many(related="pos_config_id.lp_alert_partner_ids", readonly=False)
    pos_lp_alert_emails = fields.Char(related="pos_config_id.lp_alert_emails", readonly=False)
    pos_lp_alert_action_ids = fields.Many2many(related="pos_config_id.lp_alert_action_ids", readonly=False)
    pos_lp_alert_on_bypass = fields.Boolean(related="pos_config_id.lp_alert_on_bypass", readonly=False)
    pos_lp_alert_on_pin_lockout = fields.Boolean(related="pos_config_id.lp_alert_on_pin_lockout", readonly=False)
    pos_lp_alert_on_within_authority = fields.Boolean(
        related="pos_config_id.lp_alert_on_within_authority", readonly=False)
    pos_lp_alert_discount_threshold = fields.Float(
        related="pos_config_id.lp_alert_discount_threshold", readonly=False)
    pos_lp_alert_amount_threshold = fields.Monetary(
        related="pos_config_id.lp_alert_amount_threshold", readonly=False)
    pos_lp_alert_burst_minutes = fields.Integer(related="pos_config_id.lp_alert_burst_minutes", readonly=False)

    pos_lp_autolock_enabled = fields.Boolean(related="pos_config_id.lp_autolock_enabled", readonly=False)
    pos_lp_autolock_timeout = fields.Integer(related="pos_config_id.lp_autolock_timeout", readonly=False)
    pos_lp_autolock_supervisor = fields.Boolean(related="pos_config_id.lp_autolock_supervisor", readonly=False)

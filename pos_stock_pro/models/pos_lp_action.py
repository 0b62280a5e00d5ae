"""The action pos_stock_pro gates, declared once in the base's registry (pos.lp.action)."""

from odoo import api, models

from .pos_stock_gate import ACTION


class PosLpAction(models.Model):
    _inherit = "pos.lp.action"

    @api.model
    def _lp_declare_actions(self):
        # The roles decide who may override (pos_security_pro when installed, else the base's
        # rule); the approver must give a reason, checked by the server too.
        return super()._lp_declare_actions() + [{
            "code": ACTION, "value": "lines", "decider": "roles", "evidence_model": "pos.stock.override.log",
            "reason_required": True, "alert_default": True,
        }]

"""The action pos_session_guard gates, declared once in the base's registry (pos.lp.action)."""

from odoo import api, models

from .hr_employee import OVERRIDE_ACTION


class PosLpAction(models.Model):
    _inherit = "pos.lp.action"

    @api.model
    def _lp_declare_actions(self):
        # Its own rule decides (the config's override groups and advanced employees, hr_employee.py).
        return super()._lp_declare_actions() + [{
            "code": OVERRIDE_ACTION, "value": "amount", "decider": "own", "evidence_model": "pos.session.guard.log",
            "reason_required": False, "alert_default": True,
        }]

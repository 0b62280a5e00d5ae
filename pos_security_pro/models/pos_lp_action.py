"""The actions pos_security_pro gates, declared once in the base's registry (pos.lp.action)."""

from odoo import api, models

# Approvals carried by an order are consumed when the order syncs, which may be long after the
# approval (a restaurant table, an offline till). They stay bound to one order, action and value.
ORDER_BOUND_TTL_SECONDS = 12 * 3600
LOG = "pos.approval.log"


class PosLpAction(models.Model):
    _inherit = "pos.lp.action"

    @api.model
    def _lp_declare_actions(self):
        order_bound = {"order_ttl": ORDER_BOUND_TTL_SECONDS}
        return super()._lp_declare_actions() + [
            {"code": code, "decider": "roles", "evidence_model": LOG, **extra}
            for code, extra in (
                ("refund", {"value": "amount", "alert_default": True, **order_bound}),
                ("discount", {"value": "percent", "alert_default": True, **order_bound}),
                ("price", {"value": "amount", "alert_default": True, **order_bound}),
                ("reduce_qty", {"value": "quantity", **order_bound}),
                ("delete_line", {"value": "quantity", "alert_default": True}),
                ("cancel_order", {"alert_default": True}),
                ("split_bill", {}),
                ("transfer", {}),
                ("cash_in", {"value": "amount"}),
                ("cash_out", {"value": "amount", "alert_default": True}),
                ("payment", {}),
                ("unlock", {}),
            )
        ]

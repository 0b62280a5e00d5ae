from odoo import api, models

# Approvals carried by an order are consumed when the order syncs, which may be long after the
# approval (a restaurant table, an offline till). They stay bound to one order, action and value.
ORDER_BOUND_TTL_SECONDS = 12 * 3600


class PosApprovalToken(models.Model):
    _inherit = "pos.approval.token"

    @api.model
    def _lp_mint(self, session, action, value=None, approver=None, order_uuid=None, reason=None,
                 requested_by=None, ttl=300, **kwargs):
        if order_uuid and action in ("discount", "price", "refund", "reduce_qty"):
            ttl = max(ttl, ORDER_BOUND_TTL_SECONDS)
        return super()._lp_mint(session, action, value=value, approver=approver, order_uuid=order_uuid,
                                reason=reason, requested_by=requested_by, ttl=ttl, **kwargs)

"""Security settings of a till, and the guard that keeps cashiers from switching them off.

pos.config is writable by every POS user (the till writes it), so access rights cannot protect
these fields: write() refuses them unless the user is a POS manager.
"""

from odoo import _, fields, models
from odoo.exceptions import AccessError

# Fields of this addon and native ones that decide who may do what at the till.
GUARDED_CONFIG_FIELDS = {
    "lp_offline_policy", "lp_autolock_minutes", "lp_default_role_id",
    "module_pos_hr", "basic_employee_ids", "advanced_employee_ids",
    "restrict_price_control", "manual_discount", "group_pos_manager_id", "group_pos_user_id",
    # What the order-sync backstop judges prices against: what the till offers, and the products
    # whose lines are free-priced (a cashier making a product the tip product sells it at any price).
    "pricelist_id", "available_pricelist_ids", "use_pricelist", "fiscal_position_ids",
    "default_fiscal_position_id", "tax_regime_selection", "tip_product_id", "discount_product_id",
}


class PosConfig(models.Model):
    _inherit = "pos.config"

    lp_offline_policy = fields.Selection(
        [("deny", "Deny gated actions"), ("flag", "Allow and flag for review")],
        string="Offline Approvals", default="deny", required=True,
        help="What the till does with a gated action when the server cannot verify a PIN.")
    lp_autolock_minutes = fields.Integer(
        "Auto-lock After (minutes)", default=0,
        help="Back to the employee login screen after this idle time (0 = never). Needs employee login.")
    lp_default_role_id = fields.Many2one(
        "pos.security.role", "Role for Unknown Cashiers",
        help="Role applied when the till runs without employee login and the user has no employee. "
             "Empty: the Cashier role.")

    def write(self, vals):
        guarded = GUARDED_CONFIG_FIELDS.intersection(vals)
        if guarded and not self.env.su and not self.env.user.has_group("point_of_sale.group_pos_manager"):
            raise AccessError(_(
                "Only a Point of Sale manager can change the security settings of a point of sale (%(fields)s).",
                fields=", ".join(sorted(guarded))))
        return super().write(vals)

"""The suite's one "is this caller a POS user / a POS manager" check."""

from odoo import models

POS_USER_GROUP = "point_of_sale.group_pos_user"
POS_MANAGER_GROUP = "point_of_sale.group_pos_manager"


class ResUsers(models.Model):
    _inherit = "res.users"

    # One place decides, so that a change of rule (another group, a shop-level group) is made once
    # for every addon. The superuser is not special-cased here: each caller keeps its own env.su
    # rule (some let backend flows through, some do not).
    def _lp_is_pos_user(self):
        """True when this user may use a till (Point of Sale / User; managers imply it)."""
        self.ensure_one()
        return self.has_group(POS_USER_GROUP)

    def _lp_is_pos_manager(self):
        """True when this user is a Point of Sale manager."""
        self.ensure_one()
        return self.has_group(POS_MANAGER_GROUP)

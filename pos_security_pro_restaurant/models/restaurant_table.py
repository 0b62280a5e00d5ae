"""Server twin of the floor plan restrictions for tables (see restaurant_floor.py)."""

from odoo import api, models

from .restaurant_floor import _lp_check_plan_edit

TABLE_LINK_FIELDS = {"parent_id"}


class RestaurantTable(models.Model):
    _inherit = "restaurant.table"

    def _lp_configs(self):
        return self.sudo().floor_id.pos_config_ids

    @api.model_create_multi
    def create(self, vals_list):
        floors = self.env["restaurant.floor"].sudo().browse([vals.get("floor_id") for vals in vals_list
                                                             if vals.get("floor_id")])
        _lp_check_plan_edit(self.env, floors.pos_config_ids, "restrict_floor_edit")
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - TABLE_LINK_FIELDS:
            _lp_check_plan_edit(self.env, self._lp_configs(), "restrict_floor_edit")
        if TABLE_LINK_FIELDS.intersection(vals):
            _lp_check_plan_edit(self.env, self._lp_configs(), "restrict_table_transfer")
        return super().write(vals)

    def unlink(self):
        _lp_check_plan_edit(self.env, self._lp_configs(), "restrict_floor_edit")
        return super().unlink()

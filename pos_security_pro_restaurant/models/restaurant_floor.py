"""Server twin of the floor plan restrictions.

POS users cannot write floors and tables (access rights), so the till edits the plan only when its
Odoo user is a POS manager, typically a shared till where employees log in on top. The role of the
employee at that till then decides: "No Floor Plan Edit" refuses every edit of the plan, "No Table
Transfer / Merge" refuses linking tables (what dragging a table onto another does).
"""

from odoo import Command, api, models
from odoo.exceptions import UserError

from odoo.addons.pos_loss_prevention_base.models.pos_session import OPEN_SESSION_STATES


def _lp_ids(value):
    """Record ids in an x2many value: plain ids (the till sends those) or ORM commands."""
    ids = set()
    for item in value or []:
        if isinstance(item, int):
            ids.add(item)
        elif isinstance(item, (list, tuple)) and item and item[0] in (Command.LINK, Command.UPDATE) and len(item) > 1:
            ids.add(item[1])
        elif isinstance(item, (list, tuple)) and item and item[0] == Command.SET and len(item) > 2:
            ids.update(item[2] or [])
    return ids


def _lp_open_sessions(env, configs):
    return env["pos.session"].sudo().search([
        ("config_id", "in", configs.ids), ("state", "in", OPEN_SESSION_STATES),
        ("user_id", "=", env.uid),
    ]) if configs else env["pos.session"]


def _lp_check_plan_edit(env, configs, flag):
    """Refuse when the role at one of the user's open tills of ``configs`` has ``flag``."""
    if env.su:
        return
    roles = _lp_open_sessions(env, configs)._lp_till_roles()
    if any(role[flag] for role in roles):
        if flag == "restrict_table_transfer":
            raise UserError(env._("The role of the employee logged in at your open till does not allow linking "
                          "tables or moving orders between tables."))
        raise UserError(env._("The role of the employee logged in at your open till does not allow editing the "
                          "floor plan. Ask a manager to log in at the till."))


class RestaurantFloor(models.Model):
    _inherit = "restaurant.floor"

    @api.model_create_multi
    def create(self, vals_list):
        config_ids = set()
        for vals in vals_list:
            config_ids.update(_lp_ids(vals.get("pos_config_ids")))
        _lp_check_plan_edit(self.env, self.env["pos.config"].browse(config_ids), "restrict_floor_edit")
        return super().create(vals_list)

    def write(self, vals):
        _lp_check_plan_edit(self.env, self.sudo().pos_config_ids, "restrict_floor_edit")
        return super().write(vals)

    def unlink(self):
        _lp_check_plan_edit(self.env, self.sudo().pos_config_ids, "restrict_floor_edit")
        return super().unlink()

    @api.model
    def sync_from_ui(self, name, background_color, config_id):
        _lp_check_plan_edit(self.env, self.env["pos.config"].browse(config_id), "restrict_floor_edit")
        return super().sync_from_ui(name, background_color, config_id)


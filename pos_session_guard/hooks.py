from odoo import Command


def post_init_hook(env):
    """Many2many defaults are not applied to existing rows: guard the shops that exist already.

    A shop that already set Odoo's own "maximum difference" (cash control) starts with it as the
    guard's tolerance: installing the suite must not make its closing stricter than it was.
    """
    manager_group = env.ref("point_of_sale.group_pos_manager")
    configs = env["pos.config"].sudo().with_context(active_test=False).search([])
    configs.filtered(lambda config: not config.guard_override_group_ids).write(
        {"guard_override_group_ids": [Command.link(manager_group.id)]})
    for config in configs.filtered(lambda c: c.set_maximum_difference and not c.guard_tolerance_amount):
        config.guard_tolerance_amount = config.amount_authorized_diff

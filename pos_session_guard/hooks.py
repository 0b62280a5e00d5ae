def post_init_hook(env):
    """Many2many defaults are not applied to existing rows: guard the shops that exist already."""
    manager_group = env.ref("point_of_sale.group_pos_manager")
    configs = env["pos.config"].sudo().with_context(active_test=False).search([])
    configs.filtered(lambda config: not config.guard_override_group_ids).write(
        {"guard_override_group_ids": [(4, manager_group.id)]})

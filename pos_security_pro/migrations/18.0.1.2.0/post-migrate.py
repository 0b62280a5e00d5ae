"""18.0.1.2.0: enforcement became a per-shop switch (observe first, then enforce). Before it, the roles
applied at every shop and employees without a role got the Cashier role: an upgraded database keeps
exactly that (every shop enforced, Cashier as the default role where none is set)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    configs = env["pos.config"].with_context(active_test=False).search([])
    configs._lp_migrate_enforced()
    cashier = env["pos.security.role"]._lp_shipped("role_cashier")
    if cashier:
        configs.filtered(lambda config: not config.lp_default_employee_role_id).write(
            {"lp_default_employee_role_id": cashier.id})

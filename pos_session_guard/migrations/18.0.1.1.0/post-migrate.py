"""18.0.1.1.0: enforcement became a per-shop switch (observe first, then enforce). A shop whose closing
guard applied before the upgrade (guard on, cash control on) keeps enforcing."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    configs = env["pos.config"].with_context(active_test=False).search([])
    configs.filtered(lambda config: config.cash_control and config.guard_enabled)._lp_migrate_enforced()

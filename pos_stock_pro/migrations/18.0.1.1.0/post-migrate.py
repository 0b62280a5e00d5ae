"""18.0.1.1.0: enforcement became a per-shop switch (observe first, then enforce). A shop whose stock
gate refused oversells before the upgrade (negative stock not allowed) keeps enforcing."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    configs = env["pos.config"].with_context(active_test=False).search([])
    configs.filtered(lambda config: not config.pos_stock_allow_negative)._lp_migrate_enforced()

"""18.0.1.1.0: each evidence chain gets an independent witness of its head (tail truncation).

end-migrate: every addon's log models are loaded by then. Existing chains are witnessed at their
current head; verify them first if in doubt (Verify Integrity) - rows lost before today cannot
be told apart from a chain that ended there."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["pos.evidence.witness"]._lp_bootstrap()

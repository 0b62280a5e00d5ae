"""18.0.1.1.0: "Approves Requests From" is new. The shipped roles are noupdate data, so an upgrade
would leave the Shift Supervisor approving every role: give it the front-line roles, as a fresh
install does (only when the field is still empty, i.e. nobody has set it yet)."""

from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    shift = env.ref("pos_security_pro.role_shift_supervisor", raise_if_not_found=False)
    if not shift or shift.approvable_role_ids:
        return
    front_line = [env.ref("pos_security_pro.%s" % xmlid, raise_if_not_found=False)
                  for xmlid in ("role_cashier", "role_senior_cashier", "role_waiter")]
    shift.approvable_role_ids = [Command.set([role.id for role in front_line if role])]

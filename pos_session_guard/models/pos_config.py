from odoo import _, fields, models
from odoo.tools.misc import format_amount

from odoo.addons.pos_loss_prevention_base.models.res_users import POS_MANAGER_GROUP

# Core fields the guard depends on: the cash methods (cash control is computed from them; removing
# every cash method of an open till, with core's bypass_payment_method_ids_forbidden_change context
# key, turns the guard off) and core's own closing tolerance.
GUARD_CORE_CONFIG_FIELDS = {"payment_method_ids", "set_maximum_difference", "amount_authorized_diff"}


class PosConfig(models.Model):
    _inherit = "pos.config"

    # groups=: pos.config is writable by every POS user natively; the guard's own settings are
    # not, so a cashier's RPC cannot switch the guard off.
    guard_enabled = fields.Boolean(
        "Closing Guard", default=True, groups=POS_MANAGER_GROUP,
        help="Refuse to close a session whose counted cash differs from the expected cash beyond the "
             "tolerance, unless a manager overrides with a reason.")
    guard_tolerance_amount = fields.Float(
        "Tolerated Difference", default=0.0, groups=POS_MANAGER_GROUP,
        help="Absolute difference (in the session currency) accepted without override.")
    guard_tolerance_percent = fields.Float(
        "Tolerated Difference (%)", default=0.0, groups=POS_MANAGER_GROUP,
        help="Difference accepted without override, as a percentage of the expected cash. "
             "When both tolerances are set, the larger one applies.")
    guard_override_group_ids = fields.Many2many(
        "res.groups", "pos_config_guard_override_group_rel", "config_id", "group_id",
        string="Override Groups", groups=POS_MANAGER_GROUP,
        default=lambda self: self.env.ref(POS_MANAGER_GROUP, raise_if_not_found=False),
        help="Users of these groups (or the employees they are linked to) may close with a difference.")
    guard_override_employee_ids = fields.Many2many(
        "hr.employee", "pos_config_guard_override_employee_rel", "config_id", "employee_id",
        string="Override Employees", groups=POS_MANAGER_GROUP,
        help="With employee login (pos_hr): these employees may also override, with their approval PIN.")

    def _lp_enforcement_checklist(self):
        items = super()._lp_enforcement_checklist()
        config = self.sudo()
        if not (config.cash_control and config.guard_enabled):
            return items
        items.append({"addon": "pos_session_guard", "ok": True, "blocking": False, "label": _(
            "Closing guard tolerance: %(amount)s, or %(percent)s %% of the expected cash",
            amount=format_amount(self.env, config.guard_tolerance_amount, config.currency_id),
            percent=config.guard_tolerance_percent)})
        if config.module_pos_hr:
            approvers = self.env["hr.employee"].sudo().search([
                ("company_id", "in", [config.company_id.id, False]), ("pos_approval_pin_hash", "!=", False)])
            approvers = approvers.filtered(lambda employee: employee in config.guard_override_employee_ids or (
                employee.user_id and employee.user_id.groups_id & config.guard_override_group_ids))
            ready = bool(approvers)
            label = _("Closing guard: %(count)s employee(s) can approve a cash difference with their approval PIN",
                      count=len(approvers)) if ready else _(
                "Closing guard: nobody can approve a cash difference (no override employee has an approval PIN)")
        else:
            ready = bool(config.guard_override_group_ids.users)
            label = _("Closing guard: the override groups approve cash differences") if ready else _(
                "Closing guard: the override groups have no user to approve a cash difference")
        items.append({"addon": "pos_session_guard", "label": label, "ok": ready, "blocking": True})
        return items
    def _lp_manager_only_fields(self):
        # pos.config is writable by every POS user natively; what the guard relies on is not (the
        # base's one write check refuses these fields to POS users).
        return super()._lp_manager_only_fields() + [(GUARD_CORE_CONFIG_FIELDS, _(
            "Only a Point of Sale manager can change the payment methods or the closing tolerance of a "
            "point of sale (%(fields)s)."))]

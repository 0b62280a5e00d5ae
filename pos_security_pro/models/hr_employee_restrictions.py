"""The employee form's "Current Restrictions" (hr.employee.pos_current_restrictions): what applies to
an employee at a till, read live from the role and the employee's overrides, grouped like the role
form's tabs."""

from markupsafe import Markup, escape

from odoo import _
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# (tab, group, fields) as on the role form.
APPROVALS, BUTTONS, MENUS, TABLES = (_lt("Approval Requirements"), _lt("Button Restrictions"),
                                     _lt("Menu Restrictions"), _lt("Table Restrictions"))
RESTRICTION_GROUPS = [
    (APPROVALS, _lt("Order Actions"), (
        "require_approval_delete_line", "require_approval_reduce_qty", "require_approval_cancel_order",
        "require_approval_refund", "require_approval_split_bill", "require_approval_transfer")),
    (APPROVALS, _lt("Price Actions"), ("require_approval_discount", "require_approval_price")),
    (APPROVALS, _lt("Cash Operations"), ("require_approval_cash_in", "require_approval_cash_out")),
    (BUTTONS, _lt("Numpad"), (
        "hide_numpad_qty", "hide_numpad_discount", "hide_numpad_price", "hide_numpad_sign",
        "hide_numpad_backspace")),
    (BUTTONS, _lt("Buttons"), ("hide_customer_button", "hide_refund_button", "hide_payment_button")),
    (MENUS, _lt("Menus"), ("hide_orders_menu", "hide_close_register", "hide_cash_move", "hide_backend_menu")),
    (TABLES, _lt("Tables"), ("restrict_table_transfer", "restrict_floor_edit")),
]


def restrictions_html(self, role, config_names):
    """One block for employee ``self``: the role, where it applies, its caps and every restriction
    that is on. (``self``: Odoo's ``_()`` takes the language from the caller's ``self.env``.)"""
    head = escape(_("Role: %(role)s", role=role.name or _("none")))
    if config_names and not self.pos_security_role_id:  # each till may give another role
        head += Markup(" <span class='text-muted'>(%s)</span>") % _("at %(tills)s", tills=", ".join(config_names))
    cap = self._lp_discount_cap(role)
    approval_cap = self._lp_approval_discount_cap(role)
    lines = [_("Discounts up to %(cap)s %% without approval", cap="%g" % cap)]
    lines.append(_("Approves other employees' requests (discounts up to %(cap)s %%)", cap="%g" % approval_cap)
                 if approval_cap >= 0 else _("Cannot approve other employees' requests"))
    if approval_cap >= 0 and role.approvable_role_ids:
        lines.append(_("Approves only requests of: %(roles)s",
                       roles=", ".join(role.approvable_role_ids.mapped("name"))))
    parts = [Markup("<div class='o_lp_restrictions mb-3'><strong>%s</strong><ul>") % head]
    parts += [Markup("<li>%s</li>") % line for line in lines]
    parts.append(Markup("</ul>"))
    last_tab = None
    for tab, group, names in RESTRICTION_GROUPS:
        on = [role._fields[name].get_description(self.env)["string"] for name in names if role[name]]
        if tab is not last_tab:  # groups are listed tab by tab
            parts.append(Markup("<div class='fw-bold mt-2'>%s</div>") % str(tab))
            last_tab = tab
        parts.append(Markup("<div><span class='text-muted'>%s:</span> %s</div>") % (
            str(group), ", ".join(on) if on else _("none")))
    parts.append(Markup("</div>"))
    return Markup("").join(parts)

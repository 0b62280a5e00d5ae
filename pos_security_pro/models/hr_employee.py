"""Employees' POS role, approval authority and discount cap; roles refine the base's approval rule."""

from markupsafe import Markup

from odoo import _, api, fields, models

from .hr_employee_restrictions import restrictions_html
from .pos_security_role import APPROVAL_FIELDS

# "unlock": a supervisor's approval of a login after an auto-lock (config lp_autolock_supervisor).
SECURITY_ACTIONS = set(APPROVAL_FIELDS) | {"payment", "unlock"}
# The roles also decide every sibling action declared ``decider="roles"`` in the registry
# (pos.lp.action: pos_stock_pro's override); the others keep their own rule (the closing override).


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    pos_security_role_id = fields.Many2one(
        "pos.security.role", "POS Security Role", tracking=True, index=True,
        help="Empty: Manager role for POS managers and advanced employees, Cashier role for everyone else.")
    pos_can_approve = fields.Boolean(
        "Can Approve POS Actions", tracking=True,
        help="An extra grant on top of the role: approval authority even when the role has none (up to the "
             "discount cap override below, or 100 %). Unticked, the employee still approves when their role "
             "has approval authority: see Effective Approval Authority.")
    pos_max_discount = fields.Float(
        "POS Discount Cap Override (%)", tracking=True,
        help="Overrides the role's own discount cap when set. 0 means no override: the role's cap applies "
             "(see Effective Discount Cap).")
    pos_effective_max_discount = fields.Float(
        "Effective Discount Cap (%)", compute="_compute_pos_effective", compute_sudo=True)
    pos_effective_can_approve = fields.Boolean(
        "Effective Approval Authority", compute="_compute_pos_effective", compute_sudo=True,
        help="What applies at the till: the role's approval authority or the extra grant above.")

    pos_current_restrictions = fields.Html(
        "Current Restrictions", compute="_compute_pos_current_restrictions", compute_sudo=True, sanitize=False,
        help="What applies at the tills now: the role's approvals, hidden keys, buttons, menus and table rules, "
             "with this employee's overrides.")

    pos_login_pin_warning = fields.Char(
        "Login PIN Warning", compute="_compute_pos_login_pin_warning", compute_sudo=True)

    @api.depends("pin", "pos_security_role_id", "pos_can_approve", "pos_max_discount")
    def _compute_pos_login_pin_warning(self):
        """Shown on the employee's POS tab: the tills with employee login refuse them without a PIN."""
        configs = self.env["pos.config"].sudo().search([("module_pos_hr", "=", True)])
        for employee in self:
            employee.pos_login_pin_warning = False
            if employee.pin or not employee.id:
                continue
            company_configs = configs.filtered(
                lambda config, employee=employee: not employee.company_id or config.company_id == employee.company_id)
            if any(employee._lp_login_pin_required(config) for config in company_configs):
                employee.pos_login_pin_warning = _(
                    "No login PIN: tills with employee login refuse this employee (approval authority or more "
                    "rights than the till's default role). Set a PIN Code in the HR Settings tab.")

    @api.depends("pos_security_role_id", "pos_can_approve", "pos_max_discount", "company_id")
    def _compute_pos_current_restrictions(self):
        """One block per role that applies at the tills of the employee's company."""
        configs = self.env["pos.config"].sudo().search([])
        for employee in self:
            company_configs = configs.filtered(
                lambda config, employee=employee: not employee.company_id or config.company_id == employee.company_id)
            by_role = {}
            for config in company_configs:
                by_role.setdefault(employee._lp_security_role(config), []).append(config.name)
            if not by_role:
                by_role[employee.pos_security_role_id or self.env["pos.security.role"]._lp_strictest()] = []
            employee.pos_current_restrictions = Markup("").join(
                restrictions_html(employee, role, names) for role, names in by_role.items())

    @api.depends("pos_security_role_id", "pos_can_approve", "pos_max_discount")
    def _compute_pos_effective(self):
        for employee in self:
            role = employee.pos_security_role_id or employee.env["pos.security.role"]._lp_strictest()
            employee.pos_effective_max_discount = employee._lp_discount_cap(role)
            employee.pos_effective_can_approve = bool(employee.pos_can_approve or role.can_approve)

    # ------------------------------------------------------------------ role resolution
    def _lp_is_pos_manager(self, config):
        self.ensure_one()
        group = config.group_pos_manager_id
        user = self.sudo().user_id
        if user and group:
            # One indexed lookup instead of loading every group of the user (order sync hot path).
            self.env["res.users"].flush_model(["groups_id"])
            self.env.cr.execute("SELECT 1 FROM res_groups_users_rel WHERE gid = %s AND uid = %s", [group.id, user.id])
            if self.env.cr.fetchone():
                return True
        return self in config.advanced_employee_ids

    def _lp_security_role(self, config):
        """The role that applies to this employee at this till (never empty)."""
        Role = self.env["pos.security.role"].sudo()
        if not self:
            return Role._lp_strictest()
        self.ensure_one()
        employee = self.sudo()
        # hr.employee is wide: fetch only what the rule needs (cold cache on every order sync).
        employee.fetch(["pos_security_role_id", "pos_max_discount", "pos_can_approve", "user_id", "company_id"])
        if employee.pos_security_role_id:
            return employee.pos_security_role_id
        if employee._lp_is_pos_manager(config):
            return Role._lp_shipped("role_manager") or Role._lp_strictest()
        # The shop's default role; none picked: vanilla rights (installing the suite restricts nobody).
        return config.sudo().lp_default_employee_role_id or Role._lp_none() or Role._lp_strictest()

    def _lp_discount_cap(self, role):
        """The discount this employee may give alone, in %."""
        if self and self.sudo().pos_max_discount:
            return self.sudo().pos_max_discount
        return role.max_discount

    def _lp_approval_discount_cap(self, role):
        employee = self.sudo()
        if role.can_approve:
            return max(role.approval_max_discount, employee.pos_max_discount if employee.pos_can_approve else 0.0)
        if employee.pos_can_approve:
            return employee.pos_max_discount or 100.0
        return -1.0

    # ------------------------------------------------------------------ base extension point
    def _lp_can_approve(self, action, value, session, requested_by=None):
        """Roles decide for the actions of pos_security_pro; other addons' actions keep their rule."""
        if action not in SECURITY_ACTIONS and action not in self.env["pos.lp.action"]._lp_codes(decider="roles"):
            return super()._lp_can_approve(action, value, session, requested_by=requested_by)
        self.ensure_one()
        config = session.config_id
        employee = self.sudo()
        if employee.company_id and employee.company_id != config.company_id:
            return False
        role = employee._lp_security_role(config)
        cap = employee._lp_approval_discount_cap(role)
        if cap < 0:
            return False
        if role.approvable_role_ids:
            # No cross-role approvals beyond the role's list. Without employee login (no
            # requested_by) the session's user is the one asking.
            requester_role = session._lp_session_cashier(requested_by.id if requested_by else None)[1]
            if not role._lp_approves_requests_of(requester_role):
                return False
        if action == "discount":
            try:
                return float(value or 0.0) <= cap + 1e-6
            except (TypeError, ValueError):
                return False
        return True

    # ------------------------------------------------------------------ pos_hr login PINs
    # pos_hr ships each employee's login PIN to every till as an unsalted SHA-1 hash and compares it
    # in JavaScript (a 4-digit PIN falls to 10,000 guesses offline). Here no PIN hash is shipped:
    # `_pin` is always False and the till asks the server (pos.session.lp_employee_login), which
    # compares the PIN in constant time and throttles failures per session.
    def get_barcodes_and_pin_hashed(self):
        """Keep the badge hashes pos_hr needs for badge login; never hand out PIN hashes."""
        rows = super().get_barcodes_and_pin_hashed()
        for row in rows:
            row["pin"] = False
        return rows

    def _lp_login_pin_required(self, config, default_role=None):
        """Must this employee have a login PIN at this till? Yes when they may approve, or when
        their role gives more than the till's default role (``default_role``: pass it when asking
        for many employees): without a PIN, anyone at the till could pick them (after an auto-lock
        too) and work with their rights."""
        self.ensure_one()
        employee = self.sudo()
        role = employee._lp_security_role(config)
        if employee._lp_approval_discount_cap(role) >= 0:
            return True
        default = default_role or config._lp_default_till_role()
        return role._lp_exceeds(default) or employee._lp_discount_cap(role) > default.max_discount + 1e-6

    def _lp_login_pin_missing_message(self):
        return _("%(name)s may approve or has more rights than this till's default role, and has no "
                 "login PIN: a manager must set one (Employees > %(name)s > HR Settings > PIN Code).",
                 name=self.name)

    @api.model
    def _lp_login_candidates(self, config):
        user = config.current_user_id or self.env.user
        return self.sudo().search(config._employee_domain(user.id))

    # ------------------------------------------------------------------ POS data
    def _load_pos_data(self, data):
        """Ship each employee's effective restrictions (role id, caps), read with sudo, and no PIN hash."""
        result = super()._load_pos_data(data)
        config = self.env["pos.config"].browse(data["pos.config"]["data"][0]["id"])
        by_id = {e.id: e for e in self.sudo().browse([row["id"] for row in result["data"]])}
        for row in result["data"]:
            employee = by_id[row["id"]]
            role = employee._lp_security_role(config)
            row["_lp_role_id"] = role.id
            row["_lp_max_discount"] = employee._lp_discount_cap(role)
            row["_lp_can_approve"] = employee._lp_approval_discount_cap(role) >= 0
        with_pin = set(self.sudo().browse(list(by_id)).filtered("pin").ids)
        default_role = config._lp_default_till_role()
        for row in result["data"]:
            row["_pin"] = False  # no PIN hash reaches the till (see lp_employee_login)
            row["_lp_has_pin"] = row["id"] in with_pin
            # The till refuses these without a PIN (the server does too, at lp_employee_login).
            row["_lp_pin_required"] = not row["_lp_has_pin"] and by_id[row["id"]]._lp_login_pin_required(
                config, default_role)
        return result

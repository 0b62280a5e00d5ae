"""Security settings of a till, and the guard that keeps cashiers from switching them off.

pos.config is writable by every POS user (the till writes it), so access rights cannot protect
these fields: write() refuses them unless the user is a POS manager.
"""

from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

from .pos_security_alert import AMOUNT_ACTIONS
from .pos_security_role import APPROVAL_FIELDS

# Fields of this addon and native ones that decide who may do what at the till.
GUARDED_CONFIG_FIELDS = {
    "lp_offline_policy", "lp_autolock_enabled", "lp_autolock_timeout", "lp_autolock_supervisor",
    "lp_default_role_id", "lp_default_employee_role_id",
    "module_pos_hr", "basic_employee_ids", "advanced_employee_ids",
    "restrict_price_control", "manual_discount", "group_pos_manager_id", "group_pos_user_id",
    # What the order-sync backstop judges prices against: what the till offers, and the products
    # whose lines are free-priced (a cashier making a product the tip product sells it at any price).
    "pricelist_id", "available_pricelist_ids", "use_pricelist", "fiscal_position_ids",
    "default_fiscal_position_id", "tax_regime_selection", "tip_product_id", "discount_product_id",
    # Owner alerts: a cashier must not be able to silence them.
    "lp_alert_enabled", "lp_alert_partner_ids", "lp_alert_emails", "lp_alert_action_ids", "lp_alert_on_bypass",
    "lp_alert_on_pin_lockout", "lp_alert_on_within_authority", "lp_alert_discount_threshold",
    "lp_alert_amount_threshold",
    "lp_alert_burst_minutes",
}


class PosConfig(models.Model):
    _inherit = "pos.config"

    lp_offline_policy = fields.Selection(
        [("deny", "Deny gated actions"), ("flag", "Allow and flag for review")],
        string="Offline Approvals", default="deny", required=True,
        help="What the till does with a gated action when the server cannot verify a PIN.")
    # Auto-lock: back to pos_hr's login screen after an idle time (checked in the till, no RPC).
    lp_autolock_enabled = fields.Boolean(
        "Enable Auto-Lock",
        help="Back to the employee login screen when nobody touched, typed or scanned for the timeout below "
             "(never during a terminal payment). Needs employee login (Log in with Employees).")
    lp_autolock_timeout = fields.Integer(
        "Auto-Lock Timeout (seconds)", default=300, help="Idle time before the till locks, in seconds.")
    lp_autolock_supervisor = fields.Boolean(
        "Supervisor PIN Required to Unlock",
        help="After an auto-lock, the cashier's login PIN is not enough: a supervisor approves the unlock with "
             "their approval PIN (on record in the Approval Log).")

    @api.constrains("lp_autolock_enabled", "lp_autolock_timeout", "module_pos_hr")
    def _check_lp_autolock(self):
        for config in self.filtered("lp_autolock_enabled"):
            if config.lp_autolock_timeout < 10:
                raise ValidationError(_("The auto-lock timeout must be at least 10 seconds."))

    lp_default_role_id = fields.Many2one(
        "pos.security.role", "Role for Unknown Cashiers",
        help="Role applied when the till runs without employee login and the user has no employee. "
             "Empty: the Cashier role.")
    lp_default_employee_role_id = fields.Many2one(
        "pos.security.role", "Role for Employees without a Role",
        default=lambda self: self._lp_default_employee_role(),
        help="Role of the employees who have none (POS managers and advanced employees get the Manager role). "
             "Empty: no restriction, Odoo's own rights (what a shop gets when the suite is installed).")

    @api.model
    def _lp_default_employee_role(self):
        # A demo database (new shops enforced) shows the Cashier role's gates; a running shop, none.
        if self._lp_new_shops_enforced():
            return self.env["pos.security.role"]._lp_shipped("role_cashier")
        return self.env["pos.security.role"]

    @api.model
    def _lp_demo_default_roles(self):
        """Demo data: the shops that exist get the Cashier role as their default role."""
        cashier = self.env["pos.security.role"]._lp_shipped("role_cashier")
        self.sudo().with_context(active_test=False).search(
            [("lp_default_employee_role_id", "=", False)]).write({"lp_default_employee_role_id": cashier.id})

    lp_pinless_warning = fields.Char("Employees Without Login PIN", compute="_compute_lp_pinless_warning")

    # ------------------------------------------------------------------ owner alerts
    lp_alert_enabled = fields.Boolean(
        "Enable Email Alerts",
        help="Mail the recipients below the moment a high-risk action happens at this till.")
    lp_alert_partner_ids = fields.Many2many(
        "res.partner", "pos_config_lp_alert_partner_rel", "config_id", "partner_id", "Alert Recipients",
        help="Contacts who receive this till's alerts (as many as needed).")
    lp_alert_emails = fields.Char(
        "Other Alert Emails", help="Plain email addresses, separated by commas, for recipients who are not contacts.")
    lp_alert_action_ids = fields.Many2many(
        "pos.lp.action", "pos_config_lp_alert_action_rel", "config_id", "action_id", "Alert on Actions",
        default=lambda self: self._lp_default_alert_actions(),
        help="Approved actions of these kinds alert (a bypass or a PIN lockout alerts when ticked below).")
    lp_alert_on_bypass = fields.Boolean(
        "Alert on Bypass", default=True,
        help="An action that reached the server without the approval it needed (flagged at sync).")
    lp_alert_on_pin_lockout = fields.Boolean(
        "Alert on PIN Lockout", default=True, help="An approver locked out after too many wrong PINs.")
    lp_alert_on_within_authority = fields.Boolean(
        "Alert on Actions Within Authority", default=True,
        help="Also alert when an employee whose role allows the action did it alone (a manager's refund), "
             "with the action filter and thresholds above. Off: those actions are only in the Approval Log.")
    lp_alert_discount_threshold = fields.Float(
        "Discount Alert Threshold (%)", default=20.0,
        help="Discounts below this percentage do not alert.")
    lp_alert_amount_threshold = fields.Monetary(
        "Refund / Cash Out Alert Threshold", currency_field="currency_id", default=0.0,
        help="Refunds and cash outs below this amount do not alert (0: every one).")
    lp_alert_burst_minutes = fields.Integer(
        "Alert Burst Window (minutes)", default=5,
        help="At most one mail per this many minutes for this till: the events of a burst come as one summary mail.")

    @api.model
    def _lp_default_alert_actions(self):
        Action = self.env["pos.lp.action"].sudo()
        return Action.search([("code", "in", sorted(Action._lp_codes(alert_default=True)))])

    @staticmethod
    def _lp_split_emails(text):
        return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]

    @api.constrains("lp_alert_emails")
    def _check_lp_alert_emails(self):
        for config in self:
            for email in self._lp_split_emails(config.lp_alert_emails):
                if not email_normalize(email):
                    raise ValidationError(_("\"%(email)s\" is not a valid email address.", email=email))

    @api.constrains("lp_alert_burst_minutes", "lp_alert_discount_threshold", "lp_alert_amount_threshold")
    def _check_lp_alert_numbers(self):
        for config in self:
            if config.lp_alert_burst_minutes < 0 or config.lp_alert_discount_threshold < 0 \
                    or config.lp_alert_amount_threshold < 0:
                raise ValidationError(_("Alert thresholds and the burst window cannot be negative."))

    def _lp_alert_matches(self, action, status, info):
        """Does this till's owner want to hear of this event? (thresholds, action filter)"""
        self.ensure_one()
        if status == "pin_locked":
            return self.lp_alert_on_pin_lockout
        if status == "bypass" and self.lp_alert_on_bypass:
            return True
        if status == "within_authority" and not self.lp_alert_on_within_authority:
            return False
        if action not in self.lp_alert_action_ids.mapped("code"):
            return False
        try:  # a log row's discount reads "30 %"
            value = abs(float(str(info.get("value") or 0.0).rstrip("% ")))
        except (TypeError, ValueError):
            value = 0.0
        if action == "discount":
            return value >= self.lp_alert_discount_threshold
        if action in AMOUNT_ACTIONS:
            return value >= self.lp_alert_amount_threshold
        return True

    def _lp_alert_email_to(self):
        self.ensure_one()
        emails = [partner.email_formatted for partner in self.lp_alert_partner_ids if partner.email]
        emails += self._lp_split_emails(self.lp_alert_emails)
        return ",".join(dict.fromkeys(emails))

    def _lp_default_till_role(self):
        """The role this till gives whom it cannot tell apart (the Cashier role unless set)."""
        self.ensure_one()
        return self.sudo().lp_default_role_id or self.env["pos.security.role"]._lp_strictest()

    @api.depends("module_pos_hr", "basic_employee_ids", "advanced_employee_ids", "lp_default_role_id")
    def _compute_lp_pinless_warning(self):
        """"3 employees with approval authority have no login PIN": the till refuses them at login."""
        for config in self:
            config.lp_pinless_warning = False
            if not config.module_pos_hr or not config.id:
                continue
            default_role = config._lp_default_till_role()
            employees = self.env["hr.employee"]._lp_login_candidates(config).filtered(
                lambda employee, config=config, default_role=default_role: not employee.pin
                and employee._lp_login_pin_required(config, default_role))
            if employees:
                names = ", ".join(employees[:5].mapped("name")) + (", ..." if len(employees) > 5 else "")
                config.lp_pinless_warning = _(
                    "1 employee with approval authority or more rights than the default role has no login "
                    "PIN (%(names)s): the till refuses them at employee login until a PIN Code is set.",
                    names=names) if len(employees) == 1 else _(
                    "%(count)s employees with approval authority or more rights than the default role have no "
                    "login PIN (%(names)s): the till refuses them at employee login until a PIN Code is set.",
                    count=len(employees), names=names)

    @api.model
    def _lp_demo_employee_login_till(self):
        """Demo data: the Clothes Shop runs with employee login (login PINs) and a 2-minute auto-lock,
        so the demo shows the server-checked login, the lock and the PIN-less-approver refusal."""
        config = self.env.ref("point_of_sale.pos_config_clothes", raise_if_not_found=False)
        if not config or config.current_session_id:
            return
        ref = self.env.ref
        basic = [ref(xmlid, raise_if_not_found=False) for xmlid in (
            "pos_security_pro.demo_employee_cashier", "pos_security_pro.demo_employee_supervisor")]
        admin = ref("hr.employee_admin", raise_if_not_found=False)
        config.write({
            "module_pos_hr": True,
            "lp_autolock_enabled": True,
            "lp_autolock_timeout": 120,
            "basic_employee_ids": [Command.set([employee.id for employee in basic if employee])],
            "advanced_employee_ids": [Command.set(admin.ids if admin else [])],
        })

    @api.model
    def _lp_demo_owner_alerts(self):
        """Demo data: the Furniture Shop alerts its owner (the administrator)."""
        config = self.env.ref("point_of_sale.pos_config_main", raise_if_not_found=False)
        admin = self.env.ref("base.partner_admin", raise_if_not_found=False)
        if config and admin:
            config.write({"lp_alert_enabled": True, "lp_alert_partner_ids": [Command.set(admin.ids)]})

    def _lp_manager_only_fields(self):
        # The base's one write check refuses them to POS users (see GUARDED_CONFIG_FIELDS).
        return super()._lp_manager_only_fields() + [(GUARDED_CONFIG_FIELDS, _(
            "Only a Point of Sale manager can change the security settings of a point of sale (%(fields)s)."))]

    # ------------------------------------------------------------------ enforcement checklist
    def _lp_enforcement_checklist(self):
        items = super()._lp_enforcement_checklist()
        config = self.sudo()
        Employee = self.env["hr.employee"].sudo()
        employees = Employee._lp_login_candidates(config)
        with_role = employees.filtered("pos_security_role_id")
        item = {"addon": "pos_security_pro", "blocking": False}
        items.append(dict(item, ok=len(with_role) == len(employees), label=_(
            "%(count)s of %(total)s employees have a role", count=len(with_role), total=len(employees))))
        default_role = config.lp_default_employee_role_id
        items.append(dict(item, ok=True, label=_(
            "Employees without a role: %(role)s",
            role=default_role.name or _("no restrictions (vanilla rights)"))))
        roles = with_role.pos_security_role_id | (default_role if employees - with_role else default_role.browse())
        approvers_by_action = {}
        for role in roles.sorted("sequence"):
            for action, field in APPROVAL_FIELDS.items():
                if not role[field]:
                    continue
                if action not in approvers_by_action:
                    approvers_by_action[action] = Employee._lp_config_approvers(action, config)
                if not approvers_by_action[action]:
                    items.append(dict(item, ok=False, blocking=True, label=_(
                        "The %(role)s role needs an approval for \"%(action)s\" and nobody with an approval PIN "
                        "can give it", role=role.name, action=role._fields[field].string)))
        if config.module_pos_hr:
            approvers = employees.filtered("pos_effective_can_approve")
            no_login_pin = approvers.filtered(lambda employee: not employee.pin)
            items.append(dict(item, ok=not no_login_pin, label=_(
                "%(count)s approver(s) have no login PIN", count=len(no_login_pin)) if no_login_pin else _(
                "Every approver has a login PIN")))
        return items

"""Approval PINs on employees: salted slow hash, verified by the server, rate-limited.

The approval PIN is separate from pos_hr's login PIN (which Odoo stores in clear and ships to
every till as unsalted SHA-1). It is write-only: writing stores a pbkdf2 hash, reading returns
nothing, and nothing about it is loaded into the POS.
"""

from datetime import timedelta

from passlib.context import CryptContext

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

PIN_CRYPT = CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=100_000)
PIN_MIN_LENGTH, PIN_MAX_LENGTH = 4, 12
PARAM_MAX_FAILURES = "pos_loss_prevention_base.pin_max_failures"
PARAM_COOLDOWN_MINUTES = "pos_loss_prevention_base.pin_cooldown_minutes"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    pos_approval_pin = fields.Char(
        "Approval PIN", compute="_compute_pos_approval_pin", inverse="_inverse_pos_approval_pin",
        groups="hr.group_hr_user", copy=False,
        help="Digits only. Separate from the POS login PIN; stored as a salted hash and never shown again.",
    )
    pos_approval_pin_hash = fields.Char(groups="base.group_system", copy=False, readonly=True)
    pos_approval_pin_set = fields.Boolean(
        "Has an Approval PIN", compute="_compute_pos_approval_pin_set", compute_sudo=True)
    pos_pin_failed_attempts = fields.Integer(
        "Failed PIN Attempts", groups="hr.group_hr_user", copy=False, readonly=True)
    pos_pin_locked_until = fields.Datetime(
        "PIN Locked Until", groups="hr.group_hr_user", copy=False, readonly=True)

    def _compute_pos_approval_pin(self):
        for employee in self:
            employee.pos_approval_pin = False

    def _inverse_pos_approval_pin(self):
        for employee in self:
            pin = (employee.pos_approval_pin or "").strip()
            if not pin:
                continue
            if not pin.isdigit() or not PIN_MIN_LENGTH <= len(pin) <= PIN_MAX_LENGTH:
                raise ValidationError(_(
                    "The approval PIN must be %(min)s to %(max)s digits.", min=PIN_MIN_LENGTH, max=PIN_MAX_LENGTH))
            employee.sudo().write({
                "pos_approval_pin_hash": PIN_CRYPT.hash(pin),
                "pos_pin_failed_attempts": 0,
                "pos_pin_locked_until": False,
            })

    @api.depends("pos_approval_pin_hash")
    def _compute_pos_approval_pin_set(self):
        for employee in self:
            employee.pos_approval_pin_set = bool(employee.pos_approval_pin_hash)

    def action_pos_pin_unlock(self):
        """Lift a PIN lockout: POS managers only (a till user lifting it would resume guessing)."""
        if not self.env.su and not self.env.user._lp_is_pos_manager():
            raise AccessError(_("Only a Point of Sale manager can lift a PIN lockout."))
        self.sudo().write({"pos_pin_failed_attempts": 0, "pos_pin_locked_until": False})

    # ------------------------------------------------------------------ verification
    def _lp_pin_policy(self):
        params = self.env["ir.config_parameter"].sudo()
        return (int(params.get_param(PARAM_MAX_FAILURES, 5)), int(params.get_param(PARAM_COOLDOWN_MINUTES, 15)))

    def _lp_verify_pin(self, pin):
        """Check an approval PIN with an attempt counter and cooldown.

        Returns {"ok": bool, "reason": "ok"|"wrong_pin"|"locked"|"no_pin", "message": str}; "locked_now"
        is True on the attempt that locks the employee out (not on the attempts refused afterwards).
        It never raises, so the caller's transaction commits and the counter really moves.
        """
        self.ensure_one()
        self.sudo().flush_recordset(["pos_pin_failed_attempts", "pos_pin_locked_until", "pos_approval_pin_hash"])
        # Row lock: two tills guessing in parallel must not both read the same counter.
        self.env.cr.execute(
            "SELECT pos_pin_failed_attempts, pos_pin_locked_until, pos_approval_pin_hash "
            "FROM hr_employee WHERE id = %s FOR UPDATE", [self.id])
        failures, locked_until, pin_hash = self.env.cr.fetchone()
        now = fields.Datetime.now()
        if locked_until and locked_until > now:
            minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
            return {"ok": False, "reason": "locked", "message": _(
                "Too many wrong PINs for %(name)s: try again in %(minutes)s minute(s).",
                name=self.name, minutes=minutes)}
        if not pin_hash:
            PIN_CRYPT.dummy_verify()  # same cost as a real check: no timing hint
            return {"ok": False, "reason": "no_pin", "message": _("%(name)s has no approval PIN.", name=self.name)}
        if PIN_CRYPT.verify(str(pin or ""), pin_hash):
            if failures or locked_until:
                self._lp_write_pin_state(0, None)
            return {"ok": True, "reason": "ok", "message": ""}
        max_failures, cooldown = self._lp_pin_policy()
        failures = (failures or 0) + 1
        if failures >= max_failures:
            self._lp_write_pin_state(0, now + timedelta(minutes=cooldown))
            return {"ok": False, "reason": "locked", "locked_now": True, "message": _(
                "Wrong PIN. %(name)s is locked for %(minutes)s minutes.", name=self.name, minutes=cooldown)}
        self._lp_write_pin_state(failures, None)
        left = max_failures - failures
        message = _("Wrong PIN (1 attempt left).") if left == 1 else _(
            "Wrong PIN (%(left)s attempts left).", left=left)
        return {"ok": False, "reason": "wrong_pin", "message": message}

    def _lp_write_pin_state(self, failures, locked_until):
        # SQL: a PIN attempt is not an edit of the employee (no write_date, no chatter tracking).
        self.env.cr.execute(
            "UPDATE hr_employee SET pos_pin_failed_attempts = %s, pos_pin_locked_until = %s WHERE id = %s",
            [failures, locked_until, self.id])
        self.invalidate_recordset(["pos_pin_failed_attempts", "pos_pin_locked_until"])

    # ------------------------------------------------------------------ who may approve
    def _lp_can_approve(self, action, value, session, requested_by=None):
        """Extension point: may this employee approve ``action`` for ``value`` at this till,
        for ``requested_by`` (the hr.employee asking; empty without employee login)?

        Base rule: a POS manager (by linked user) or an advanced employee of the config, of the
        config's company. pos_security_pro refines it with roles; other addons add their actions.
        """
        self.ensure_one()
        return self._lp_base_approver(session.config_id)

    def _lp_base_approver(self, config):
        """The base rule at a shop: a POS manager (by linked user) or an advanced employee, same company."""
        self.ensure_one()
        if self.company_id and self.company_id != config.company_id:
            return False
        manager_group = config.group_pos_manager_id
        is_manager = bool(self.user_id and manager_group and manager_group in self.user_id.groups_id)
        return is_manager or self in config.advanced_employee_ids

    @api.model
    def _lp_config_approvers(self, action, config, value=None):
        """Approvers with a PIN for ``action`` at a till of ``config`` (setup checklists: no session yet)."""
        session = self.env["pos.session"].new({"config_id": config.id, "user_id": self.env.uid})
        return self._lp_approvers_for(action, value, session)

    @api.model
    def _lp_approvers_for(self, action, value, session, requested_by=None):
        """Employees with a PIN who may approve ``action`` for ``value`` at this session's till."""
        candidates = self.sudo().search([
            ("pos_approval_pin_hash", "!=", False),
            ("company_id", "in", [session.config_id.company_id.id, False]),
        ])
        return candidates.filtered(
            lambda employee: employee._lp_can_approve(action, value, session, requested_by=requested_by))

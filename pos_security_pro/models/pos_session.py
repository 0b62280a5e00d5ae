"""Approval evidence, cash in/out gate, POS data loading and the closing block on unreviewed flags."""

import hmac
import logging
from datetime import timedelta

from odoo import SUPERUSER_ID, _, fields, models
from odoo.exceptions import UserError

from .hr_employee import SECURITY_ACTIONS

_logger = logging.getLogger(__name__)

OUTCOME_STATUS = {"approved": "approved", "pin_failed": "pin_failed", "pin_locked": "pin_failed",
                  "not_allowed": "denied"}


class PosSession(models.Model):
    _inherit = "pos.session"

    # lp_login_employee_id (the employee whose login the server last checked) is the base's: a
    # computed field over pos.session.login rows, so a login never writes the session row.

    # ------------------------------------------------------------------ POS data
    def _load_pos_data_models(self, config_id):
        return super()._load_pos_data_models(config_id) + ["pos.security.role", "pos.approval.reason"]

    def _load_pos_data(self, data):
        """Tills without employee login: ship the role of the user who opens the till."""
        result = super()._load_pos_data(data)
        if result.get("data") and not self.config_id.module_pos_hr:
            employee, role = self._lp_session_cashier()
            result["data"][0]["_lp_user_role_id"] = role.id
            result["data"][0]["_lp_user_max_discount"] = employee._lp_discount_cap(role) if employee \
                else role.max_discount
        return result

    # ------------------------------------------------------------------ approval evidence
    def _lp_approval_event(self, action, outcome, info):
        res = super()._lp_approval_event(action, outcome, info)
        if action in SECURITY_ACTIONS and outcome in OUTCOME_STATUS:
            log_id = self._lp_log_approval(action, OUTCOME_STATUS[outcome], info)
            info.update(res_model="pos.approval.log", res_id=log_id)  # the owner alert links the row
        return res

    def _lp_reason_refusal(self, action, reason, notes):
        """A catalogue reason that requires notes ("Other") is refused without notes, as the
        dialog does (a raw RPC skips the dialog)."""
        refusal = super()._lp_reason_refusal(action, reason, notes)
        if refusal or not reason or (notes or "").strip():
            return refusal
        catalogue = self.env["pos.approval.reason"].sudo().search([("name", "=", reason)], limit=1)
        if catalogue.require_notes:
            return _("The reason %(reason)s needs a note.", reason=catalogue.name)
        return ""

    def _lp_notify(self, action, status, info):
        """Owner alerts: queue the event when the till's owner asked for it (cron mails it)."""
        res = super()._lp_notify(action, status, info)
        self.env["pos.security.alert"]._lp_queue(self, action, status, info)
        return res

    def _lp_log_approval(self, action, status, info, detached=False):
        self.ensure_one()
        approver = info.get("approver") or self.env["hr.employee"]
        requested_by = info.get("requested_by") or self.env["hr.employee"]
        order_uuid = info.get("order_uuid") or False
        order = order_uuid and self.env["pos.order"].sudo().search([("uuid", "=", order_uuid)], limit=1)
        reason = info.get("reason") or ""
        reason_record = self.env["pos.approval.reason"].sudo().search([("name", "=", reason)], limit=1) \
            if reason else False
        vals = {
            "company_id": self.company_id.id,
            "session_id": self.id,
            "order_uuid": order_uuid,
            "order_id": order.id if order else False,
            "action_type": action,
            "status": status,
            "requested_by_id": requested_by.id or False,
            "requested_by_user_id": requested_by.user_id.id or self.env.user.id,
            "approved_by_id": approver.id if status == "approved" else False,
            "approved_by_user_id": approver.user_id.id if status == "approved" and approver else False,
            "new_value": "%s" % info["value"] if info.get("value") not in (None, False) else False,
            "product_id": info.get("product_id") or False,
            "old_value": info.get("old_value") or False,
            "reason_id": reason_record.id if reason_record else False,
            "reason": reason or False,
            "notes": info.get("notes") or False,
            "message": info.get("message") or False,
        }
        Log = self.env["pos.approval.log"].sudo()
        return Log._evidence_create_detached(vals) if detached else Log.create(vals).id

    # ------------------------------------------------------------------ employee login (pos_hr)
    def _lp_server_checks_login(self):
        return True  # lp_employee_login below checks every pos_hr login on the server

    def _lp_shop_configs(self):
        """The tills of this till's shop (same warehouse, else same company): a login throttle
        that one till can dodge by moving to the next is no throttle."""
        config = self.config_id
        domain = [("company_id", "=", config.company_id.id)]
        warehouse = config.picking_type_id.warehouse_id
        if warehouse:
            domain.append(("picking_type_id.warehouse_id", "=", warehouse.id))
        return self.env["pos.config"].sudo().with_context(active_test=False).search(domain) | config

    def _lp_login_throttled(self, employee=None):
        """True when wrong login PINs reached the limit, within the cooldown, at any till of this
        shop, or for ``employee`` at any till (the counter follows the employee, not the till)."""
        max_failures = self.env["hr.employee"]._lp_pin_policy()[0]
        since = fields.Datetime.now() - timedelta(minutes=self.env["hr.employee"]._lp_pin_policy()[1])
        Attempt = self.env["pos.pin.attempt.log"].sudo()
        base = [("action", "=", "pos_login"), ("outcome", "=", "pin_failed"), ("create_date", ">=", since)]
        if Attempt.search_count(base + [("config_id", "in", self._lp_shop_configs().ids)]) >= max_failures:
            return True
        return bool(employee) and Attempt.search_count(base + [("employee_id", "=", employee.id)]) >= max_failures

    # ------------------------------------------------------------------ auto-lock (server twin)
    def lp_autolock_engaged(self):
        """The till locked itself (idle): with the supervisor option, record the lock so that no
        login opens it without a supervisor's ``unlock`` approval (lp_employee_login), whatever the
        browser's own flag says. One insert, at lock time only: nothing on routine sales."""
        self._lp_check_till()
        config = self.config_id
        if not (config.module_pos_hr and config.lp_autolock_enabled and config.lp_autolock_supervisor
                and self._lp_enforced()):
            return {"locked": False}
        Lock = self.env["pos.session.autolock"]
        if not Lock._lp_open(self):
            Lock.sudo().create({"session_id": self.id, "locked_employee_id": self.sudo().lp_login_employee_id.id})
        return {"locked": True}

    def _lp_unlock_refusal(self, employees, unlock_token):
        """None when a login of ``employees`` (PIN already checked) may proceed; else the refusal.
        A locked till opens only with a supervisor's ``unlock`` token, consumed once here."""
        lock = self.env["pos.session.autolock"]._lp_open(self)
        if not lock:
            return None
        token, refusal = self._lp_consume_approval(unlock_token, "unlock", record=lock)
        if not token:
            self.env["pos.pin.attempt.log"].sudo().create({
                "employee_id": employees.id if len(employees) == 1 else False, "session_id": self.id,
                "company_id": self.company_id.id, "action": "pos_login", "outcome": "not_allowed",
                "message": _("Login refused on a locked register: %s", refusal),
            })
            return {"ok": False, "locked": True, "employee_ids": employees.ids,
                    "message": _("This register was locked: a supervisor must approve the unlock (%s).", refusal)}
        lock.sudo().write({"unlocked_at": fields.Datetime.now(), "token_id": token.id,
                           "approver_id": token.approver_id.id,
                           "unlocked_employee_id": employees.id if len(employees) == 1 else False})
        return None

    def lp_employee_login(self, pin, employee_id=None, unlock_token=None):
        """Check a pos_hr login PIN on the server.

        With ``employee_id``: is ``pin`` that employee's PIN? Without: which employees of this till
        have that PIN (pos_hr lets the PIN identify the employee)? Failures are kept in
        pos.pin.attempt.log and throttled like approval PINs (5 → 15 minutes), per employee and per
        shop, across tills. An employee who must have a login PIN (approval authority, or more
        rights than the till's default role) and has none is refused. A successful login is
        recorded (``_lp_record_login``): the server's till actor from then on.
        On a till the server holds locked (``lp_autolock_engaged``), a right PIN is not enough: the
        login needs ``unlock_token``, a supervisor's ``unlock`` approval (refused: ``locked`` is set).
        Returns {"ok", "employee_ids", "message"[, "locked"]}; never raises on a refusal.
        """
        self._lp_check_till()
        Attempt = self.env["pos.pin.attempt.log"].sudo()
        cooldown = self.env["hr.employee"]._lp_pin_policy()[1]
        candidates = self.env["hr.employee"]._lp_login_candidates(self.config_id)
        if employee_id:
            candidates = candidates.filtered(lambda employee: employee.id == int(employee_id))
        if self._lp_login_throttled(candidates if len(candidates) == 1 else None):
            return {"ok": False, "employee_ids": [], "message": _(
                "Too many wrong PINs at this shop: try again in %(minutes)s minutes.", minutes=cooldown)}
        if employee_id and candidates and not candidates.pin:
            # Observing (enforcement off): pos_hr's own rule, a PIN-less employee logs in; the
            # setup checklist names who needs a PIN before enforcement can be switched on.
            if self._lp_enforced() and candidates._lp_login_pin_required(self.config_id):
                message = candidates._lp_login_pin_missing_message()
                Attempt.create({
                    "employee_id": candidates.id, "session_id": self.id, "company_id": self.company_id.id,
                    "action": "pos_login", "outcome": "not_allowed", "message": message,
                })
                return {"ok": False, "employee_ids": [], "message": message}
            refusal = self._lp_unlock_refusal(candidates, unlock_token)
            if refusal:
                return refusal
            self._lp_record_login(candidates)
            return {"ok": True, "employee_ids": candidates.ids, "message": ""}
        pin = str(pin or "")
        matches = candidates.filtered(lambda employee: employee.pin and hmac.compare_digest(employee.pin, pin))
        if matches and pin:
            if len(matches) == 1 and self._lp_login_throttled(matches):
                return {"ok": False, "employee_ids": [], "message": _(
                    "Too many wrong PINs for %(name)s: try again in %(minutes)s minutes.",
                    name=matches.name, minutes=cooldown)}
            # After the PIN and the throttle: a wrong PIN never burns the supervisor's token.
            refusal = self._lp_unlock_refusal(matches, unlock_token)
            if refusal:
                return refusal
            if len(matches) == 1:
                self._lp_record_login(matches)
            return {"ok": True, "employee_ids": matches.ids, "message": ""}
        Attempt.create({
            "employee_id": candidates.id if len(candidates) == 1 else False,
            "session_id": self.id,
            "company_id": self.company_id.id,
            "action": "pos_login",
            "outcome": "pin_failed",
            "message": _("Wrong login PIN"),
        })
        return {"ok": False, "employee_ids": [], "message": _("Wrong PIN")}

    # ------------------------------------------------------------------ cash in / out
    def _lp_till_actor_fields(self):
        return super()._lp_till_actor_fields() + ["pos_security_role_id", "pos_max_discount", "pos_can_approve"]

    def _lp_actor_role(self, employee=None):
        """(employee, role) the rules apply to at this till: the base's till actor
        (``_lp_till_actor``: the server-checked login with pos_hr, else the Odoo user's employee),
        or ``employee`` when the caller already holds it, and that employee's role. An employee who
        may not work on this config, or nobody known, gets the strictest role; without employee
        login and without employee, the config's role for unknown cashiers, then the Manager role
        for POS managers."""
        self.ensure_one()
        config = self.config_id
        Role = self.env["pos.security.role"]
        employee = self._lp_till_actor() if employee is None else employee.sudo()
        if config.module_pos_hr:
            if employee and not self.env["hr.employee"].sudo().search_count(
                    config._employee_domain(self.user_id.id or self.env.uid) + [("id", "=", employee.id)]):
                return employee, Role._lp_strictest()
            return employee, employee._lp_security_role(config)
        if employee:
            return employee, employee._lp_security_role(config)
        if config.lp_default_role_id:
            return employee, config.lp_default_role_id.sudo()
        user = self.env.user if self.env.uid != SUPERUSER_ID else self.user_id
        if user._lp_is_pos_manager():
            return employee, Role._lp_shipped("role_manager") or Role._lp_strictest()
        return employee, Role._lp_strictest()

    def _lp_session_cashier(self, employee_id=None):
        """(employee, role) for a session-level action: ``_lp_actor_role`` for the employee
        ``employee_id`` names (a server-known id: the checked login, the till actor), else the
        till actor."""
        self.ensure_one()
        employee = self.env["hr.employee"].sudo().browse(int(employee_id)).exists() if employee_id else None
        if employee is None and self.config_id.module_pos_hr:
            employee = self.env["hr.employee"]  # nobody named: the strictest role, as before
        return self._lp_actor_role(employee)

    def _lp_till_roles(self):
        """The roles at these sessions' tills, for rules that have no order to read the employee from
        (past orders, the restaurant floor plan). With employee login: the role of the employee whose
        login the server last checked (none: the strictest role); without: the user's."""
        roles = self.env["pos.security.role"].sudo()
        for session in self:
            if not session._lp_enforced():
                continue  # observing: nothing is refused at this till
            if session.config_id.module_pos_hr and not session.lp_login_employee_id:
                roles |= roles._lp_strictest()
                continue
            employee_id = session.lp_login_employee_id.id if session.config_id.module_pos_hr else None
            roles |= session._lp_session_cashier(employee_id)[1]
        return roles

    def try_cash_in_out(self, _type, amount, reason, extras):
        """Refuse an unapproved cash move before any money is booked; a move the actor's own role
        allows is on record too (within authority), observing or not, as the order sync's."""
        extras = extras or {}
        action = "cash_in" if _type == "in" else "cash_out"
        own, observed = [], []
        for session in self:
            # The server's record of who is at the till (pos_hr login it checked), never the
            # extras' employee_id: the till may name anyone there.
            login = session.sudo().lp_login_employee_id.id if session.config_id.module_pos_hr else None
            employee, role = session._lp_session_cashier(login)
            if not (role._lp_requires_approval(action) or role.hide_cash_move):
                own.append((session, employee, role))
                continue
            if not session._lp_enforced():
                # Observing: not refused, but on record as what enforcement would have asked (an
                # approval the till carried anyway is consumed and is the row instead).
                token = extras.get("lp_approval_token") and session._lp_consume_approval(
                    extras["lp_approval_token"], action, value=abs(amount or 0.0), record=session)[0]
                if not token:
                    observed.append((session, employee))
                continue
            token, refusal = session._lp_consume_approval(
                extras.get("lp_approval_token"), action, value=abs(amount or 0.0), record=session)
            if not token:
                session._lp_log_approval(action, "denied", {
                    "requested_by": employee, "value": abs(amount or 0.0), "notes": reason,
                    "message": _("Cash move refused: %s", refusal),
                }, detached=True)
                raise UserError(_("A supervisor's approval is required for this cash move (%s).", refusal))
        res = super().try_cash_in_out(_type, amount, reason, extras)
        # Written once the move is booked, in its transaction: a move core refuses leaves no row.
        # The log's create() calls _lp_notify(action, "within_authority", ...) (owner alerts).
        for session, employee, role in own:
            session._lp_log_approval(action, "within_authority", {
                "requested_by": employee, "value": abs(amount or 0.0), "reason": reason,
                "message": _("within the authority of the role %(role)s", role=role.name),
            })
        for session, employee in observed:
            session._lp_log_approval(action, "observed", {
                "requested_by": employee, "value": abs(amount or 0.0), "reason": reason,
                "message": _("would need a supervisor's approval once the shop is enforced"),
            })
        return res

    # ------------------------------------------------------------------ closing
    def _lp_check_till_may_close(self):
        """Server twin of "Close Register" hidden for the role: the till's closing RPCs."""
        if not self.env.su and any(role.hide_close_register for role in self._lp_till_roles()):
            raise UserError(_("Your POS role may not close the register. Ask a supervisor to close it."))

    def post_closing_cash_details(self, counted_cash):
        self._lp_check_till_may_close()
        return super().post_closing_cash_details(counted_cash)

    def close_session_from_ui(self, bank_payment_method_diff_pairs=None):
        self._lp_check_till_may_close()
        return super().close_session_from_ui(bank_payment_method_diff_pairs)

    def _lp_unreviewed_flags(self):
        return self.env["pos.approval.log"].sudo().search_count([
            ("session_id", "in", self.ids), ("status", "=", "bypass"), ("reviewed_by_id", "=", False)])

    def _lp_unreviewed_message(self, count):
        return _("%(count)s flagged POS action(s) of this session must be reviewed by a manager "
                 "(Point of Sale > Reporting > Approval Log) before the session can be closed.", count=count)

    def _cannot_close_session(self, bank_payment_method_diffs=None):
        result = super()._cannot_close_session(bank_payment_method_diffs)
        if result:
            return result
        count = self._lp_unreviewed_flags()
        if count:
            return {"successful": False, "message": self._lp_unreviewed_message(count), "redirect": False}
        return result

    def action_pos_session_closing_control(self, balancing_account=False, amount_to_balance=0,
                                           bank_payment_method_diffs=None):
        count = self._lp_unreviewed_flags()
        if count:
            raise UserError(self._lp_unreviewed_message(count))
        return super().action_pos_session_closing_control(balancing_account, amount_to_balance,
                                                          bank_payment_method_diffs)

    def _validate_session(self, balancing_account=False, amount_to_balance=0, bank_payment_method_diffs=None):
        count = self._lp_unreviewed_flags()
        if count:
            raise UserError(self._lp_unreviewed_message(count))
        return super()._validate_session(balancing_account, amount_to_balance, bank_payment_method_diffs)

"""Who is at the till (the one actor resolver), and the approval RPCs the POS calls: who may
approve, and verify-PIN-then-mint-token."""

import logging

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .approval_token import canonical_value

_logger = logging.getLogger(__name__)

# A session in these states is open at its till (what every addon's "open session" means).
OPEN_SESSION_STATES = ("opening_control", "opened", "closing_control")


class PosSession(models.Model):
    _inherit = "pos.session"

    lp_login_employee_id = fields.Many2one(
        "hr.employee", "Last Employee Login", compute="_compute_lp_login_employee_id", compute_sudo=True,
        help="The employee whose login the server last checked at this till (pos_hr). Rules that have "
             "no order to read the employee from (the restaurant floor plan) apply this employee's role.")

    # ------------------------------------------------------------------ who is at the till
    def _compute_lp_login_employee_id(self):
        latest = {}
        if self.ids:
            # SQL: DISTINCT ON reads the latest login of every session in one query (no ORM equivalent).
            self.env.cr.execute(
                """SELECT DISTINCT ON (session_id) session_id, employee_id FROM pos_session_login
                    WHERE session_id IN %s ORDER BY session_id, id DESC""", [tuple(self.ids)])
            latest = dict(self.env.cr.fetchall())
        for session in self:
            session.lp_login_employee_id = latest.get(session.id, False)

    def _lp_record_login(self, employee):
        """The server checked ``employee``'s login at this till: it is now the till's employee.

        An insert into pos.session.login, never a write on the session row (see that model)."""
        self.ensure_one()
        self.env["pos.session.login"].sudo().create({"session_id": self.id, "employee_id": employee.id})
        self.invalidate_recordset(["lp_login_employee_id"])

    def _lp_server_checks_login(self):
        """Extension point: True when an addon checks pos_hr logins on the server (and records
        them with ``_lp_record_login``). pos_security_pro does; core pos_hr checks in the browser."""
        return False

    def _lp_till_actor(self, employee_id=None):
        """The hr.employee at this till, as the server knows it (empty when nobody is known).

        - Till with employee login (pos_hr): the employee whose login the server last checked here.
          Only when no addon checks logins on the server is ``employee_id`` (the client's word)
          taken, and then only if that employee may work at this till.
        - Till without employee login: the employee of the Odoo user at the till (the RPC caller;
          the session's user for server jobs) in the session's company.

        Every log that says who asked or who was at the till takes it from here, never from the
        client alone.
        """
        self.ensure_one()
        config = self.config_id
        Employee = self.env["hr.employee"].sudo()
        if config.module_pos_hr:
            if self._lp_server_checks_login():
                return self.sudo().lp_login_employee_id
            employee = Employee.browse(int(employee_id or 0)).exists()
            if employee and Employee.search_count(
                    config._employee_domain(self.user_id.id or self.env.uid) + [("id", "=", employee.id)]):
                return employee
            return Employee
        user = self.env.user if self.env.uid != SUPERUSER_ID else self.user_id
        # hr.employee is wide: fetch only what the rules read (this runs on every order sync).
        return Employee.search_fetch([("user_id", "=", user.id), ("company_id", "=", self.company_id.id)],
                                     self._lp_till_actor_fields(), limit=1)

    def _lp_till_actor_fields(self):
        """Extension point: the hr.employee fields your rules read from the till actor (fetched with
        it in one query). Call super()."""
        return ["user_id", "company_id"]
    # No default: sessions that exist when the suite is installed stay NULL, i.e. never enforced.
    lp_enforced = fields.Boolean(
        "Loss Prevention Enforced", readonly=True, copy=False,
        help="The shop enforced loss prevention when this session opened. Switching enforcement on "
             "applies from the next session; switching it off applies at once.")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            config = self.env["pos.config"].browse(vals.get("config_id") or [])
            vals["lp_enforced"] = bool(config) and config._lp_enforced()
        return super().create(vals_list)

    def _lp_enforced(self):
        """The one switch every gate reads: enforced at this session's opening and still enforced."""
        self.ensure_one()
        session = self.sudo()
        return bool(session.lp_enforced and session.config_id.lp_enforced)

    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["lp_enforced"]

    def _load_pos_data_models(self, config_id):
        # The action registry (a few rows): the till reads what the server reads.
        return super()._load_pos_data_models(config_id) + ["pos.lp.action"]

    def _lp_check_till(self):
        self.ensure_one()
        if not self.env.user._lp_is_pos_user():
            raise AccessError(_("Only Point of Sale users can ask for an approval."))
        if self.state not in OPEN_SESSION_STATES:
            raise UserError(_("The session %(name)s is closed.", name=self.name))

    def lp_get_approvers(self, action, value=None, requested_by_id=None):
        """[{id, name}] of the employees who may approve this action and value here.

        ``requested_by_id``: the employee the till names; the requester is the server's till actor
        (``_lp_till_actor``), passed on to ``_lp_can_approve``: addons may refuse an approver for a
        requester (pos_security_pro's roles limit whose requests they approve).
        """
        self._lp_check_till()
        requested_by = self._lp_till_actor(requested_by_id)
        approvers = self.env["hr.employee"]._lp_approvers_for(action, value, self, requested_by=requested_by)
        return [{"id": employee.id, "name": employee.name} for employee in approvers.sorted("name")]

    def lp_request_approval(self, action, approver_id, pin, value=None, order_uuid=None,
                            reason=None, notes=None, requested_by_id=None, product_id=None, old_value=None):
        """Verify the approver's PIN on the server and mint a single-use token.

        ``product_id`` and ``old_value``: the line the approval is for and its value before the
        change, as the till saw them. They go on the evidence row; the product is also bound to
        the token, so the order sync refuses it for a line of another product.
        Returns {"ok", "token", "message", "approver_name"} and never raises on a refusal, so the
        attempt counter and the addons' evidence rows are committed with the answer.
        """
        self._lp_check_till()
        requested_by = self._lp_till_actor(requested_by_id)  # the server's word, not the client's
        approver = self.env["hr.employee"].sudo().browse(int(approver_id or 0)).exists()
        product = self.env["product.product"].sudo().browse(int(product_id or 0)).exists()
        info = {
            "approver": approver, "requested_by": requested_by, "value": value, "order_uuid": order_uuid,
            "reason": reason, "notes": notes, "token": False, "product_id": product.id or False,
            "old_value": "%s" % old_value if old_value not in (None, False, "") else False,
        }
        # The dialog asks for the reason; the server asks again (a raw RPC skips the dialog).
        refusal = self._lp_reason_refusal(action, reason, notes)
        if refusal:
            info["message"] = refusal
            self._lp_approval_event(action, "not_allowed", info)
            return {"ok": False, "token": False, "message": refusal}
        if not approver or not approver._lp_can_approve(action, value, self, requested_by=requested_by):
            info["message"] = _("This employee may not approve this action.")
            self._lp_approval_event(action, "not_allowed", info)
            return {"ok": False, "token": False, "message": info["message"]}
        check = approver._lp_verify_pin(pin)
        if not check["ok"]:
            info["message"] = check["message"]
            self._lp_approval_event(action, "pin_locked" if check["reason"] == "locked" else "pin_failed", info)
            if check.get("locked_now"):
                self._lp_notify(action, "pin_locked", info)
            return {"ok": False, "token": False, "message": check["message"]}
        token = self.env["pos.approval.token"]._lp_mint(
            self, action, value=value, approver=approver, order_uuid=order_uuid,
            reason=reason, requested_by=requested_by, product=product)
        info.update(message="", token=token)
        self._lp_approval_event(action, "approved", info)
        self._lp_notify(action, "approved", info)
        return {"ok": True, "token": token, "message": "", "approver_name": approver.name}

    # ------------------------------------------------------------------ consuming approvals
    def _lp_consume_approval(self, tokens, action, value=None, record=None, once=True, order_uuid=None,
                             product=None):
        """The one way a gate consumes an approval: (token record, "") or (empty, refusal reason).

        ``tokens``: one plaintext token (an RPC argument) or the list an order carries (see
        ``pos.order._lp_approval_tokens``); tokens of another action are skipped, never consumed.
        ``record``: what the approval is used on (consumed_res_model / consumed_res_id); an empty
        recordset when it does not exist yet (link it later with ``token._lp_link_consumed``).
        ``once`` False: a token this same record already consumed for this value counts again (an
        order synced twice keeps its approvals); True: a new approval each time.
        ``product``: the judged line's product (a token bound to another product is refused).
        """
        self.ensure_one()
        Token = self.env["pos.approval.token"].sudo()
        single = isinstance(tokens, str) or not tokens
        tokens = [tokens] if isinstance(tokens, str) else [token for token in tokens or [] if token]
        res_model = record._name if record is not None else None
        res_id = (record.id or None) if record is not None else None
        if single:  # an RPC's own token: its refusal, whatever it is
            return Token._lp_consume(tokens[0] if tokens else None, self, action, value=value,
                                     order_uuid=order_uuid, res_model=res_model, res_id=res_id, product=product)
        none = reason = _("no approval token")
        for token in tokens:
            found = Token.search([("token_hash", "=", Token._hash(token))], limit=1)
            if found and found.action != action:
                continue  # another gate's approval (maybe another addon's): not this one's
            if (not once and found and res_id and found.consumed_at and found.consumed_res_model == res_model
                    and found.consumed_res_id == res_id and found.value == canonical_value(value)
                    and found.session_id == self):
                return found, ""
            consumed, refusal = Token._lp_consume(token, self, action, value=value, order_uuid=order_uuid,
                                                  res_model=res_model, res_id=res_id, product=product)
            if consumed:
                return consumed, ""
            if found or reason == none:
                reason = refusal  # a known token's refusal wins over an unknown (forged) one's
        return Token.browse(), reason

    def _lp_reason_refusal(self, action, reason, notes):
        """Extension point: why ``reason`` / ``notes`` are not enough for ``action`` ("" when they
        are). The base refuses an empty reason for an action declared ``reason_required``
        (pos.lp.action._lp_declare_actions: pos_stock_pro's override); pos_security_pro refuses a catalogue reason
        that requires notes without notes. Call super()."""
        if self.env["pos.lp.action"]._lp_spec(action)["reason_required"] and not (reason or "").strip():
            return _("A reason is required for this approval.")
        return ""

    def _lp_approval_event(self, action, outcome, info):
        """Extension point: each addon writes the evidence row for its own actions (call super).

        ``outcome`` is approved / pin_failed / pin_locked / not_allowed; ``info`` holds approver,
        requested_by (hr.employee records), value, order_uuid, reason, notes, message, token.
        The base keeps the evidence of every refused PIN, whatever the action.
        """
        if outcome == "approved":
            return
        self.env["pos.pin.attempt.log"].sudo().create({
            "employee_id": info["approver"].id or False,
            "requested_by_id": info["requested_by"].id or False,
            "session_id": self.id,
            "company_id": self.company_id.id,
            "action": action,
            "outcome": outcome,
            "order_uuid": info.get("order_uuid") or False,
            "message": info.get("message") or False,
        })
        _logger.info("POS approval %s for %s at %s (approver id %s)",
                     outcome, action, self.name, info["approver"].id or None)

    def _lp_notify(self, action, status, info):
        """Extension point: a sensitive action happened at this till, whoever decided it.

        ``status``: approved (a supervisor's PIN or an override-holder), bypass (flagged at sync),
        within_authority (the actor's own role allowed it: a manager's refund, on record at sync),
        pin_locked (an approver's PIN locked out). ``info`` as for ``_lp_approval_event``, plus
        optionally ``amount``, ``product_id``, ``old_value``, ``new_value``, ``res_model`` and
        ``res_id`` (the evidence row). Nothing happens in the base; pos_security_pro's owner alerts
        listen. Must stay cheap: called inside the till's RPC.
        """
        return None

    def _lp_reconciliation_findings(self):
        """Extension point: problems a payment terminal's addon sees in these closed sessions.

        Returns a list of dicts, one per problem: ``session_id``, ``key`` (stable text naming the
        problem, e.g. the operation id), ``explanation``, ``suggested_fix`` and optionally
        ``payment_method_id``, ``amount``, ``severity`` (low / medium / high) and ``cash_difference``
        (the part of the session's counted cash difference the problem explains, signed like the
        difference: negative when the drawer is short). A reconciliation run raises one exception
        per dict, resolves it when the dict is no longer returned, and names ``cash_difference`` as a
        cause of the drawer's closing difference.
        Override it (extend the result of ``super()``), reading all of ``self`` in batch queries.
        """
        return []

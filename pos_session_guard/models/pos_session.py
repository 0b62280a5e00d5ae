"""The closing guard, enforced on the server for every path that closes a session.

Paths: the POS popup (guard_evaluate, post_closing_cash_details, close_session_from_ui), any raw
RPC to those, and the backend (action_pos_session_closing_control, action_pos_session_validate,
action_pos_session_close, the imbalance wizard): all of them reach ``_guard_check`` before the
session's state changes or inside ``_validate_session``.
"""

import contextvars
import json
from contextlib import contextmanager

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_amount

from .hr_employee import OVERRIDE_ACTION

# Written only by the guard itself (sudo): a cashier's RPC could otherwise reset them.
GUARD_SERVER_FIELDS = {"guard_closing_started_at", "guard_closing_line_floor", "guard_cash_counted"}
# Fields core writes only inside its opening and closing methods. A POS user's raw write() of them
# would close a session with no entry and no guard (state), switch the guard off (rescue), or
# change what the guard expects (opening float, the entry, the cash lines' total).
GUARD_CLOSING_FIELDS = {
    "state", "rescue", "stop_at", "move_id", "cash_real_transaction", "cash_register_balance_start",
    "config_id", "update_stock_at_closing",
}
# Sessions whose opening or closing method is running in this request: only their own writes pass.
# A context variable, not a context key: an RPC can send any context key, never a Python value.
_GUARDED_METHOD_SESSIONS = contextvars.ContextVar("lp_guard_method_sessions", default=frozenset())


class PosSession(models.Model):
    _inherit = "pos.session"

    guard_closing_started_at = fields.Datetime(
        "Closing Started", readonly=True, copy=False,
        help="When the closing popup was first opened. Cash moves after it do not lower the cash the guard expects.")
    # Ids, not timestamps: a cash move belongs to the closing if it was created after the popup
    # opened, whatever the clocks of Python and PostgreSQL say.
    guard_closing_line_floor = fields.Integer(readonly=True, copy=False)
    guard_cash_counted = fields.Text(
        "Cash Counted per Method", readonly=True, copy=False,
        help="JSON {payment method id: counted}: the register's count of each cash method other than the "
             "default one (the default one is Odoo's own Closing Cash).")
    guard_log_ids = fields.One2many("pos.session.guard.log", "session_id", "Closing Differences", readonly=True)
    guard_log_count = fields.Integer(compute="_compute_guard_log_count")

    def _compute_guard_log_count(self):
        counts = dict(self.env["pos.session.guard.log"]._read_group(
            [("session_id", "in", self.ids)], ["session_id"], ["__count"]))
        for session in self:
            session.guard_log_count = counts.get(session, 0)

    # ------------------------------------------------------------------ writes
    def _guard_is_manager(self):
        return self.env.su or self.env.user._lp_is_pos_manager()

    @contextmanager
    def _guard_method_writes(self):
        """Let core's own opening/closing code write the closing fields of these sessions."""
        token = _GUARDED_METHOD_SESSIONS.set(_GUARDED_METHOD_SESSIONS.get() | frozenset(self.ids))
        try:
            yield
        finally:
            _GUARDED_METHOD_SESSIONS.reset(token)

    def write(self, vals):
        if not self.env.su and GUARD_SERVER_FIELDS & set(vals):
            raise AccessError(_("The closing guard's own fields cannot be written."))
        closing_fields = GUARD_CLOSING_FIELDS & set(vals)
        if closing_fields and not self._guard_is_manager() and not set(self.ids) <= _GUARDED_METHOD_SESSIONS.get():
            raise AccessError(_(
                "A session is opened and closed through the register's Open and Close buttons only: "
                "%(fields)s cannot be written directly.", fields=", ".join(sorted(closing_fields))))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._guard_is_manager():
            for vals in vals_list:
                if vals.get("rescue") or vals.get("state") not in (None, False, "opening_control"):
                    raise AccessError(_("Only a Point of Sale manager may create a recovery or a closed session."))
        sessions = super().create(vals_list)
        return sessions

    def action_pos_session_open(self):
        with self._guard_method_writes():
            return super().action_pos_session_open()

    def set_opening_control(self, cashbox_value, notes):
        with self._guard_method_writes():
            return super().set_opening_control(cashbox_value, notes)

    def update_closing_control_state_session(self, notes):
        with self._guard_method_writes():
            return super().update_closing_control_state_session(notes)

    # ------------------------------------------------------------------ rule
    def _guard_applies(self):
        self.ensure_one()
        config = self.config_id.sudo()
        return bool(config.cash_control and config.guard_enabled and not self.rescue)

    def _guard_tolerance(self, expected):
        config = self.config_id.sudo()
        by_percent = abs(expected) * (config.guard_tolerance_percent or 0.0) / 100.0
        return self.currency_id.round(max(config.guard_tolerance_amount or 0.0, by_percent))

    def _guard_closing_cash_moves(self):
        """Signed total of the cash moves made since closing started."""
        if not self.guard_closing_started_at:
            return 0.0
        lines = self.sudo().statement_line_ids.filtered(lambda line: line.id > self.guard_closing_line_floor)
        return sum(lines.mapped("amount"))

    def _guard_bank_differences(self, bank_diffs):
        """Keep only this session's non-cash methods, rounded in the session currency, non-zero."""
        allowed = self.payment_method_ids.filtered(lambda pm: pm.type == "bank")
        result = {}
        for method_id, diff in dict(bank_diffs or {}).items():
            method = allowed.filtered(lambda pm, mid=method_id: pm.id == int(mid))
            try:
                amount = self.currency_id.round(float(diff))
            except (TypeError, ValueError) as error:
                raise UserError(_("The difference sent for a payment method is not a number.")) from error
            if method and not self.currency_id.is_zero(amount):
                result[method.id] = amount
        return result

    def _guard_bank_expected(self):
        orders = self._get_closed_orders()
        return {
            method.id: sum(orders.payment_ids.filtered(lambda p, m=method: p.payment_method_id == m).mapped("amount"))
            for method in self.payment_method_ids.filtered(lambda pm: pm.type == "bank")
        }

    # ------------------------------------------------------------------ cash methods
    def _guard_cash_methods(self):
        """Every cash method of the session, core's default one (the first) first."""
        return self.payment_method_ids.filtered(lambda pm: pm.type == "cash")

    def _guard_stored_counts(self):
        """{method_id: counted} the register sent for the cash methods other than the default one."""
        try:
            counts = json.loads(self.sudo().guard_cash_counted or "{}")
        except ValueError:
            return {}
        return {int(k): v for k, v in counts.items()}

    def _guard_store_counts(self, cash_count_pairs):
        """Keep the register's count of each extra cash method (its own methods only, rounded)."""
        if cash_count_pairs is None:
            return
        extra = self._guard_cash_methods()[1:]
        counts = {}
        for method_id, counted in dict(cash_count_pairs or []).items():
            method = extra.filtered(lambda pm, mid=method_id: pm.id == int(mid))
            if not method:
                continue
            try:
                counts[str(method.id)] = self.currency_id.round(float(counted or 0.0))
            except (TypeError, ValueError) as error:
                raise UserError(_("The cash counted for %(method)s is not a number.", method=method.name)) from error
        self.sudo().guard_cash_counted = json.dumps(counts, sort_keys=True)

    def _guard_previous_counts(self):
        """What the last closed session of this register counted in each extra cash method: its
        opening float here, as core carries the default drawer's count over."""
        previous = self.search([("config_id", "=", self.config_id.id), ("id", "<", self.id),
                                ("state", "=", "closed"), ("rescue", "=", False)], order="id desc", limit=1)
        return previous._guard_stored_counts() if previous else {}

    def _guard_cash_expected(self):
        """[(method, opening, payments, moves, closing moves)] per cash method, from the server's
        records only: opening float, captured cash payments, cash moves (those made after closing
        started apart: they do not lower what is expected). Two queries, whatever the order count."""
        self.ensure_one()
        methods = self._guard_cash_methods()
        if not methods:
            return []
        extra = methods[1:]
        floor = self.guard_closing_line_floor if self.guard_closing_started_at else None
        domain = self._get_captured_payments_domain() + [("payment_method_id", "in", methods.ids)]
        payments = dict(self.env["pos.payment"].sudo()._read_group(domain, ["payment_method_id"], ["amount:sum"]))
        openings = self._guard_previous_counts() if extra else {}
        lines = self.sudo().statement_line_ids
        rows = []
        for index, method in enumerate(methods):
            if index == 0:
                # Core books every cash move in the default drawer's journal: all lines but those of
                # another drawer's journal are the default drawer's.
                own = lines.filtered(lambda line: line.journal_id not in extra.journal_id)
                opening = self.cash_register_balance_start
            else:
                own = lines.filtered(lambda line, m=method: line.journal_id == m.journal_id)
                opening = openings.get(method.id, 0.0)
            before = own.filtered(lambda line: floor is None or line.id <= floor)
            rows.append((method, opening, payments.get(method, 0.0), sum(before.mapped("amount")),
                         sum((own - before).mapped("amount"))))
        return rows

    def _guard_cash_rows(self, counted_cash, cash_counts=None):
        """One row per cash method: expected (server), counted (the register's, or the method's own
        through ``pos.payment.method._lp_closing_count``), difference and tolerance."""
        currency = self.currency_id
        try:
            counted_default = currency.round(float(counted_cash or 0.0))
        except (TypeError, ValueError) as error:
            raise UserError(_("The counted cash is not a number.")) from error
        counts = self._guard_stored_counts() if cash_counts is None else cash_counts
        rows = []
        for index, (method, opening, payments, moves, closing) in enumerate(self._guard_cash_expected()):
            expected = currency.round(opening + payments + moves)
            counted = counted_default if index == 0 else currency.round(float(counts.get(method.id) or 0.0))
            evidence, needs_override = "", False
            supplied = method._lp_closing_count(self)  # defined in pos_loss_prevention_base
            if supplied:
                if "counted" in supplied:
                    counted = currency.round(float(supplied["counted"] or 0.0))
                if supplied.get("opening") is not None:
                    opening = float(supplied["opening"])
                    expected = currency.round(opening + payments + moves)
                evidence = supplied.get("evidence") or ""
                needs_override = bool(supplied.get("needs_override"))
            rows.append({
                "method_id": method.id,
                "name": method.name,
                "opening": currency.round(opening),
                "payments": currency.round(payments),
                "moves": currency.round(moves),
                "expected": expected,
                "counted": counted,
                "difference": currency.round(counted - expected),
                "tolerance": self._guard_tolerance(expected),
                "closing_cash_moves": currency.round(closing),
                "evidence": evidence,
                "needs_override": needs_override,
            })
        return rows

    def _guard_evaluate(self, counted_cash, bank_diffs=None, cash_counts=None):
        """Numbers of a closing attempt, computed by the server alone: one row per cash method and
        their sum (what the register shows as the total). ``counted_cash`` is the default drawer's."""
        self.ensure_one()
        currency = self.currency_id
        rows = self._guard_cash_rows(counted_cash, cash_counts)
        expected = currency.round(sum(row["expected"] for row in rows))
        counted = currency.round(sum(row["counted"] for row in rows))
        bank = self._guard_bank_differences(bank_diffs)
        evaluation = {
            "expected": expected,
            "counted": counted,
            "difference": currency.round(counted - expected),
            "tolerance": self._guard_tolerance(expected),
            "closing_cash_moves": currency.round(self._guard_closing_cash_moves()),
            "cash_rows": rows,
            "bank": bank,
            "bank_json": json.dumps({str(k): v for k, v in sorted(bank.items())}) if bank else "",
        }
        evaluation["over_tolerance"] = self._guard_over_tolerance(evaluation)
        return evaluation

    def _guard_over_tolerance(self, evaluation):
        """The guard's rule, in one place: every cash method's difference and their sum within the
        shop's tolerance (each against its own expected), and every non-cash difference too."""
        currency = self.currency_id

        def over(difference, tolerance):
            return currency.compare_amounts(abs(difference), tolerance) > 0

        bank = evaluation["bank"]
        bank_expected = self._guard_bank_expected() if bank else {}
        return (
            any(row.get("needs_override") or over(row["difference"], row["tolerance"])
                for row in evaluation["cash_rows"])
            or over(evaluation["difference"], evaluation["tolerance"])
            or any(over(diff, self._guard_tolerance(bank_expected.get(mid, 0.0))) for mid, diff in bank.items())
        )

    def _guard_rows_to_log(self, evaluation):
        """The cash methods an attempt is about: those with a difference (the default one when only
        non-cash methods differ)."""
        rows = [row for row in evaluation["cash_rows"]
                if row.get("needs_override") or not self.currency_id.is_zero(row["difference"])]
        return rows or evaluation["cash_rows"][:1]

    def _guard_find_override(self, evaluation):
        """An override counts only for the exact figures it was given for, method by method."""
        currency = self.currency_id
        overrides = self.env["pos.session.guard.log"].sudo().search(
            [("session_id", "=", self.id), ("outcome", "=", "overridden")], order="id desc")
        default_id = evaluation["cash_rows"][0]["method_id"] if evaluation["cash_rows"] else False
        found = overrides.browse()
        for row in self._guard_rows_to_log(evaluation):
            match = overrides.filtered(
                lambda log, row=row: (log.payment_method_id.id or default_id) == row["method_id"]
                and currency.compare_amounts(log.counted, row["counted"]) == 0
                and currency.compare_amounts(log.expected, row["expected"]) == 0
                and (log.bank_differences or "") == evaluation["bank_json"])[:1]
            if not match:
                return overrides.browse()
            found |= match
        return found

    def _guard_check(self, counted_cash, bank_diffs=None, path="pos"):
        """Raise a UserError (and keep the evidence) when this closing needs an override it lacks."""
        for session in self:
            if not session._guard_applies():
                continue
            evaluation = session._guard_evaluate(counted_cash, bank_diffs)
            if not evaluation["over_tolerance"] or session._guard_find_override(evaluation):
                continue
            if not session._lp_enforced():
                session._guard_log_would_block(evaluation, path)  # observing: on record, not refused
                continue
            session._guard_log(evaluation, "blocked", path, detached=True)
            raise UserError(session._guard_blocked_message(evaluation))

    def _guard_log_would_block(self, evaluation, path):
        """One "would block" row per figures (a closing goes through several guarded paths)."""
        done = self.env["pos.session.guard.log"].sudo().search_count([
            ("session_id", "=", self.id), ("outcome", "=", "would_block"),
            ("counted", "=", evaluation["counted"]), ("expected", "=", evaluation["expected"])])
        if not done:
            self._guard_log(evaluation, "would_block", path)

    def _guard_blocked_message(self, evaluation):
        fmt = self._guard_fmt
        message = _(
            "Closing refused: the cash counted (%(counted)s) differs from the cash expected (%(expected)s) "
            "by %(difference)s, more than the %(tolerance)s tolerated.\n"
            "Recount the cash, or ask a manager to approve the difference.",
            counted=fmt(evaluation["counted"]), expected=fmt(evaluation["expected"]),
            difference=fmt(evaluation["difference"], signed=True), tolerance=fmt(evaluation["tolerance"]),
        )
        if evaluation["bank"]:
            message += "\n" + _("Non-cash differences: %(diffs)s", diffs=self._guard_bank_text(evaluation["bank"]))
        for row in evaluation["cash_rows"]:
            if row.get("needs_override"):
                # The method could not count itself (a machine not read): only an approver closes.
                message += "\n" + _("%(method)s needs a manager's approval: %(evidence)s",
                                     method=row["name"], evidence=row["evidence"])
        return message

    def _guard_fmt(self, amount, signed=False):
        text = format_amount(self.env, abs(amount) if signed else amount, self.currency_id)
        if signed:
            return ("+" if amount > 0 else "-" if amount < 0 else "") + text
        return text

    def _guard_bank_text(self, bank):
        methods = self.env["pos.payment.method"].browse(list(bank))
        return ", ".join(f"{method.name}: {self._guard_fmt(bank[method.id], signed=True)}" for method in methods)

    # ------------------------------------------------------------------ evidence
    def _guard_log(self, evaluation, outcome, path, detached=False, approver=None, reason=None, employee=None,
                   rows=None):
        """One evidence row per cash method the attempt is about (each names its method)."""
        self.ensure_one()
        Log = self.env["pos.session.guard.log"]
        logs = Log.browse()
        for row in rows or self._guard_rows_to_log(evaluation):
            vals = {
                "session_id": self.id,
                "company_id": self.company_id.id,
                "payment_method_id": row["method_id"],
                "user_id": self.env.user.id,
                "employee_id": (employee or self.sudo().employee_id).id or False,
                "approver_id": approver.id if approver else False,
                "currency_id": self.currency_id.id,
                "expected": row["expected"],
                "counted": row["counted"],
                "difference": row["difference"],
                "tolerance": row["tolerance"],
                "closing_cash_moves": row["closing_cash_moves"],
                "bank_differences": evaluation["bank_json"] or False,
                "outcome": outcome,
                "path": path,
                # An approver's reason and what the method itself reported (a machine's reading).
                "reason": "\n".join(filter(None, [reason, row.get("evidence")])) or False,
            }
            if detached:
                logs |= Log.browse(Log._evidence_create_detached(vals, after_create=self._guard_post_chatter))
            else:
                log = Log.sudo().create(vals)
                self._guard_post_chatter(log)
                logs |= log
        return logs

    def _guard_post_chatter(self, log):
        session = log.session_id
        fmt = session._guard_fmt
        outcome = dict(log._fields["outcome"]._description_selection(log.env))[log.outcome]
        rows = [
            (_("Outcome"), outcome),
            (_("By"), log.employee_id.name or log.user_id.name),
        ]
        if log.payment_method_id:
            rows.append((_("Payment method"), log.payment_method_id.name))
        rows += [
            (_("Expected"), fmt(log.expected)),
            (_("Counted"), fmt(log.counted)),
            (_("Difference"), fmt(log.difference, signed=True)),
        ]
        if log.closing_cash_moves:
            rows.append((_("Cash moves during closing"), fmt(log.closing_cash_moves, signed=True)))
        if log.bank_differences:
            rows.append((_("Non-cash differences"), session._guard_bank_text(
                {int(k): v for k, v in json.loads(log.bank_differences).items()})))
        if log.approver_id:
            rows.append((_("Approved by"), log.approver_id.name))
        if log.reason:
            rows.append((_("Reason"), log.reason))
        body = Markup("<b>%s</b><ul>%s</ul>") % (
            _("Closing with a cash difference"),
            Markup().join(Markup("<li>%s: %s</li>") % (label, value) for label, value in rows),
        )
        session.sudo().message_post(body=body, author_id=log.user_id.partner_id.id)

    # ------------------------------------------------------------------ POS RPCs
    def get_closing_control_data(self):
        data = super().get_closing_control_data()
        if not self.guard_closing_started_at:
            self.sudo().write({
                "guard_closing_started_at": fields.Datetime.now(),
                "guard_closing_line_floor": max(self.sudo().statement_line_ids.ids, default=0),
            })
        data["lp_guard"] = self._guard_ui_data()
        if data["lp_guard"]["enabled"]:
            # Core lists every cash method but the first as "non cash" with its payments only:
            # give each its server-computed expected cash, so the popup shows it on its own row.
            rows = {row["method_id"]: row for row in data["lp_guard"]["cash_rows"]}
            for method in data.get("non_cash_payment_methods", []):
                row = rows.get(method["id"])
                if row:
                    method.update(amount=row["expected"], lp_cash=True, opening=row["opening"],
                                  payment_amount=row["payments"], lp_moves=row["moves"])
        return data

    def _guard_ui_data(self):
        config = self.config_id.sudo()
        applies = self._guard_applies()
        override_employees = self.env["hr.employee"]
        if applies and config.module_pos_hr:
            override_employees = self.env["hr.employee"].sudo().search(
                [("company_id", "in", [config.company_id.id, False])]
            ).filtered(lambda employee: employee._lp_can_approve(OVERRIDE_ACTION, None, self))
        return {
            "enabled": applies and self._lp_enforced(),
            "tolerance_amount": config.guard_tolerance_amount,
            "tolerance_percent": config.guard_tolerance_percent,
            "closing_cash_moves": self.currency_id.round(self._guard_closing_cash_moves()),
            "employee_login": bool(config.module_pos_hr),
            "user_can_override": self._guard_user_can_override(),
            "override_employee_ids": override_employees.ids,
            "cash_rows": self._guard_cash_rows(0.0, {}) if applies else [],
        }

    def _guard_user_can_override(self):
        """Without employee login the Odoo user at the till decides; with it, only a PIN does."""
        config = self.config_id.sudo()
        return bool(not config.module_pos_hr and self.env.user.groups_id & config.guard_override_group_ids)

    def guard_evaluate(self, counted_cash, bank_diff_pairs=None, cash_count_pairs=None):
        """Called by the closing popup before anything is posted. Logs a blocked attempt.

        ``cash_count_pairs``: [(payment_method_id, counted)] for the cash methods other than the
        default one; kept on the session, the closing paths read them there.
        """
        self.ensure_one()
        if not self._guard_applies() or not self._lp_enforced():
            return {"blocked": False}
        self._guard_store_counts(cash_count_pairs)
        evaluation = self._guard_evaluate(counted_cash, dict(bank_diff_pairs or []))
        blocked = evaluation["over_tolerance"] and not self._guard_find_override(evaluation)
        if blocked:
            self._guard_log(evaluation, "blocked", "pos")
        return {
            "blocked": blocked,
            "expected": evaluation["expected"],
            "counted": evaluation["counted"],
            "difference": evaluation["difference"],
            "tolerance": evaluation["tolerance"],
            "closing_cash_moves": evaluation["closing_cash_moves"],
            "cash_rows": [{key: row[key] for key in ("method_id", "name", "expected", "counted", "difference",
                                                   "tolerance", "evidence", "needs_override")}
                          for row in evaluation["cash_rows"]],
            "bank_text": self._guard_bank_text(evaluation["bank"]) if evaluation["bank"] else "",
            "message": self._guard_blocked_message(evaluation) if blocked else "",
            "user_can_override": self._guard_user_can_override(),
        }

    def guard_register_override(self, counted_cash, bank_diff_pairs=None, token=None, reason=None,
                                cash_count_pairs=None):
        """Record a manager's approval of this exact difference, with a mandatory reason.

        With employee login, ``token`` must come from ``lp_request_approval`` (the approver's PIN,
        checked by the server) for action ``session_close_override`` and value = the counted cash of
        every cash method together. Without it, the Odoo user must be in the config's override groups.
        """
        self.ensure_one()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("A reason is required to close with a cash difference."))
        if not self._guard_applies():
            return {"ok": True}
        self._guard_store_counts(cash_count_pairs)
        evaluation = self._guard_evaluate(counted_cash, dict(bank_diff_pairs or []))
        if not evaluation["over_tolerance"]:
            return {"ok": True}
        approver = self.env["hr.employee"]
        if token:
            record, refusal = self._lp_consume_approval(
                token, OVERRIDE_ACTION, value=evaluation["counted"], record=self)
            if not record:
                return {"ok": False, "message": _("The approval was refused: %(why)s.", why=refusal)}
            approver = record.approver_id
        elif self._guard_user_can_override():
            approver = self.env.user.employee_id
            # A PIN approval was announced by lp_request_approval; this one is the Odoo user's own.
            self._guard_notify_override(evaluation, approver, reason)
        else:
            return {"ok": False, "message": _("Only a manager may approve a cash difference, with their PIN.")}
        self._guard_log(evaluation, "overridden", "pos", approver=approver, reason=reason)
        return {"ok": True}

    def _guard_notify_override(self, evaluation, approver, reason):
        """Tell the suite (owner alerts) of a closing difference approved without a PIN."""
        self._lp_notify(OVERRIDE_ACTION, "approved", {
            "approver": approver, "requested_by": self.sudo().employee_id, "value": evaluation["counted"],
            "amount": evaluation["difference"], "old_value": evaluation["expected"],
            "new_value": evaluation["counted"], "reason": reason, "notes": False, "order_uuid": False,
            "res_model": self._name, "res_id": self.id,
        })

    # ------------------------------------------------------------------ closing paths
    def post_closing_cash_details(self, counted_cash):
        self.ensure_one()
        # Draft orders, flags to review (other addons): those refusals come first, as Odoo answers them.
        if not self._cannot_close_session():
            self._guard_check(counted_cash, path="pos")
        result = super().post_closing_cash_details(counted_cash)
        # Core's compute of these omits the counted cash from its dependencies: a value cached
        # before the count was written (by the guard's checks, a report, another addon) would make
        # core book a stale "counted 0" difference line at validation.
        self.invalidate_recordset(["cash_register_balance_end", "cash_register_difference"])
        return result

    def close_session_from_ui(self, bank_payment_method_diff_pairs=None):
        self.ensure_one()
        bank_diffs = self._guard_bank_differences(dict(bank_payment_method_diff_pairs or []))
        if self.state != "closed" and not self._cannot_close_session(bank_diffs):
            self._guard_check(self.cash_register_balance_end_real, bank_diffs, path="pos")
        # The server's own figures, not the client's: only this session's bank methods, rounded.
        return super().close_session_from_ui(list(bank_diffs.items()))

    def action_pos_session_closing_control(self, balancing_account=False, amount_to_balance=0,
                                           bank_payment_method_diffs=None):
        for session in self.filtered(lambda s: s.state != "closed"):
            session._guard_check(session.cash_register_balance_end_real, bank_payment_method_diffs, path="backend")
        with self._guard_method_writes():
            return super().action_pos_session_closing_control(
                balancing_account, amount_to_balance, bank_payment_method_diffs)

    def _validate_session(self, balancing_account=False, amount_to_balance=0, bank_payment_method_diffs=None):
        # The last gate: every path that validates a session comes through here.
        evaluation = None
        if self.state != "closed":
            self._guard_check(self.cash_register_balance_end_real, bank_payment_method_diffs, path="backend")
            if self._guard_applies():
                # The figures before closing posts the difference into the cash journal.
                evaluation = self._guard_evaluate(self.cash_register_balance_end_real, bank_payment_method_diffs)
        with self._guard_method_writes():
            result = super()._validate_session(balancing_account, amount_to_balance, bank_payment_method_diffs)
        if result is True and self.state == "closed" and evaluation:
            self._guard_log_closed_within_tolerance(evaluation)
        return result

    def _guard_log_closed_within_tolerance(self, evaluation):
        if evaluation["over_tolerance"] or (
                all(self.currency_id.is_zero(row["difference"]) for row in evaluation["cash_rows"])
                and not evaluation["bank"]):
            return
        self._guard_log(evaluation, "within_tolerance", "pos")

    def try_cash_in_out(self, _type, amount, reason, extras):
        result = super().try_cash_in_out(_type, amount, reason, extras)
        for session in self.filtered(lambda s: s.guard_closing_started_at and s._guard_applies()):
            sign = 1 if _type == "in" else -1
            evaluation = session._guard_evaluate(session.cash_register_balance_end_real)
            row = dict(evaluation["cash_rows"][0], closing_cash_moves=sign * amount)
            session._guard_log(evaluation, "cash_move_during_closing", "pos", reason=reason, rows=[row])
        return result

    def action_view_guard_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("pos_session_guard.pos_session_guard_log_action")
        action["domain"] = [("session_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_guard_override(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "pos.session.guard.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_session_id": self.id},
            "name": _("Approve Cash Difference"),
        }

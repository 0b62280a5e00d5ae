"""Session opening and closing: the machine's levels and operations, reconciled with Odoo."""

from odoo import _, fields, models
from odoo.exceptions import UserError

from .pos_payment_method_levels import CashdroRefused, CashdroUnreachable


class PosSession(models.Model):
    _inherit = "pos.session"

    cashdro_reading_ids = fields.One2many("pos.cashdro.level.reading", "session_id", "CashDro Readings",
                                          readonly=True)
    cashdro_has_readings = fields.Boolean(compute="_compute_cashdro_has_readings")

    def _compute_cashdro_has_readings(self):
        counts = dict(self.env["pos.cashdro.level.reading"].sudo()._read_group(
            [("session_id", "in", self.ids)], ["session_id"], ["__count"]))
        for session in self:
            session.cashdro_has_readings = bool(counts.get(session))

    def _cashdro_methods(self):
        return self.config_id.payment_method_ids.filtered(lambda pm: pm.use_payment_terminal == "cashdro")

    def set_opening_control(self, cashbox_value, notes):
        """The machine's level is its opening float: read it (one request per machine)."""
        opening = self.state == "opening_control"
        result = super().set_opening_control(cashbox_value, notes)
        if opening and self.state == "opened":
            for method in self._cashdro_methods():
                method._cashdro_take_reading(self, "opening")
        return result

    def cashdro_reconciliation(self):
        """What the closing popup shows per CashDro: its level, what Odoo expects, the operations
        Odoo did not start. From the latest closing reading (no machine call)."""
        self.ensure_one()
        result = []
        for method in self._cashdro_methods():
            reading = method._cashdro_last_reading(self, "closing")
            if not reading:
                continue
            expected = method._cashdro_expected(self)
            result.append({
                "method_id": method.id, "name": method.name, "read": reading.state == "read",
                "message": reading.message or "", "level": reading.total, "expected": expected,
                "difference": self.currency_id.round(reading.total - expected) if reading.state == "read" else 0.0,
                "foreign_operations": [{
                    "ref": op.operation_ref, "type": op.operation_type,
                    "label": dict(op._fields["operation_type"]._description_selection(self.env))[op.operation_type],
                    "amount": op.amount, "time": fields.Datetime.to_string(op.moment) if op.moment else "",
                } for op in reading.operation_ids.filtered(lambda op: not op.by_odoo)],
            })
        return result

    def cashdro_unimported_operations(self):
        """Operation ids this session started (or finished) on a CashDro without an import event."""
        self.ensure_one()
        logs = self.env["pos.cashdro.operation.log"].sudo().search_read(
            [("session_id", "=", self.id), ("operation_id", "!=", False)], ["operation_id", "event"])
        started = {log["operation_id"] for log in logs if log["event"] in ("start", "finish")}
        imported = {log["operation_id"] for log in logs if log["event"] == "import"}
        return sorted(started - imported)

    # ------------------------------------------------------------------ cash in / out
    def _cashdro_cash_move_method(self):
        """The CashDro that core's cash moves are booked on: the cash method of the session's cash
        journal (its first cash method), when that is a CashDro."""
        method = self.payment_method_ids.filtered(lambda pm: pm.is_cash_count and pm.journal_id == self.cash_journal_id)
        return method[:1] if method[:1].use_payment_terminal == "cashdro" else method.browse()

    def try_cash_in_out(self, _type, amount, reason, extras):
        """A cash move the register ran through its CashDro (extras ``cashdro``): book what the
        machine moved, read by the server from the machine (askOperation), not the register's
        figure; once per machine operation. Without ``cashdro``: core's cash move, untouched (a
        move the machine never made shows at closing, where the machine's level is the count)."""
        move = (extras or {}).get("cashdro")
        if not move:
            return super().try_cash_in_out(_type, amount, reason, extras)
        self.ensure_one()
        method = self._cashdro_cash_move_method()
        if not method or method.id != int(move.get("method_id") or 0):
            raise UserError(_("The cash moves of this register are not booked on that CashDro."))
        operation_id = str(move.get("operation_id") or "")[:32]
        Log = self.env["pos.cashdro.operation.log"].sudo()
        if not operation_id or Log.search_count([("session_id", "=", self.id), ("operation_id", "=", operation_id),
                                                 ("event", "=", "cash_move")]):
            raise UserError(_("CashDro operation %s is already booked as a cash move.", operation_id or "?"))
        operation_type = "1" if _type == "in" else "2"
        try:
            counted = method._cashdro_cash_move_count(self, operation_id, operation_type)
            how = _("read by the server from the machine")
        except (CashdroRefused, ValueError) as error:
            raise UserError(_("CashDro cash move not booked: %s.", error)) from error
        except CashdroUnreachable as error:
            # The machine is the register's to reach: its count stands, and the closing reading
            # (the machine's level against what Odoo booked) settles any difference.
            counted = self.currency_id.round(abs(float(move.get("counted") or 0.0)))
            how = _("the register's count: the server could not read the machine (%s)", error)
        if self.currency_id.is_zero(counted):
            raise UserError(_("The CashDro moved no cash in operation %s: nothing is booked.", operation_id))
        sign = 1 if _type == "in" else -1
        Log.create({
            "company_id": self.company_id.id, "payment_method_id": method.id, "session_id": self.id,
            "event": "cash_move", "operation_id": operation_id, "operation_type": operation_type,
            "amount_requested": sign * abs(amount or 0.0), "amount_kept": sign * counted, "terminal_state": "F",
            "message": _("Cash %(direction)s of %(amount)s booked (%(how)s): %(reason)s",
                         direction=_("in") if _type == "in" else _("out"), amount=self.currency_id.format(counted),
                         how=how, reason=reason or ""),
        })
        return super().try_cash_in_out(_type, counted, reason, extras)

    def get_closing_control_data(self):
        # Each time the popup opens, the server reads each machine again (levels + operations: two
        # requests per machine), before the guard computes its rows from that reading.
        if self.env.user._lp_is_pos_user():  # else core refuses below
            for method in self._cashdro_methods():
                method._cashdro_take_reading(self, "closing")
        data = super().get_closing_control_data()
        data["cashdro_unimported"] = self.cashdro_unimported_operations()
        data["cashdro_reconciliation"] = self.cashdro_reconciliation()
        return data

    def _lp_reconciliation_findings(self):
        """The base's extension point: payments the server flagged, operations never imported."""
        findings = super()._lp_reconciliation_findings()
        for payment in self.env["pos.payment"].sudo().search(
                [("session_id", "in", self.ids), ("cashdro_server_check", "!=", False)]):
            findings.append({
                "session_id": payment.session_id.id, "key": f"cashdro-payment:{payment.id}",
                "payment_method_id": payment.payment_method_id.id, "amount": payment.amount, "severity": "high",
                # Change the machine could not give is paid by the cashier from the drawer: the drawer is short.
                "cash_difference": -payment.cashdro_change_not_available,
                "explanation": _("CashDro payment of %(amount)s in order %(order)s does not match the machine: "
                                 "%(reason)s", amount=payment.amount, order=payment.pos_order_id.name,
                                 reason=payment.cashdro_server_check),
                "suggested_fix": _("Compare the order with the machine's operation list (CashDro Operations); book "
                                   "the real amount or recover the cash."),
            })
        logs = self.env["pos.cashdro.operation.log"].sudo().search_read(
            [("session_id", "in", self.ids), ("operation_id", "!=", False)],
            ["session_id", "operation_id", "event", "payment_method_id", "amount_kept"])
        imported = {(log["session_id"][0], log["operation_id"]) for log in logs if log["event"] == "import"}
        for log in logs:
            key = (log["session_id"][0], log["operation_id"])
            if log["event"] in ("start", "finish") and key not in imported:
                imported.add(key)  # one finding per operation
                findings.append({
                    "session_id": key[0], "key": f"cashdro-operation:{key[1]}",
                    "payment_method_id": log["payment_method_id"] and log["payment_method_id"][0],
                    "amount": log["amount_kept"], "severity": "medium",
                    "explanation": _("CashDro operation %(operation)s was never imported: the machine may hold "
                                     "cash that no order booked.", operation=key[1]),
                    "suggested_fix": _("Look the operation up on the machine's screen and book it (or cancel it) "
                                       "in Odoo."),
                })
        return findings

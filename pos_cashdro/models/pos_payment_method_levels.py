"""The machine counts, Odoo reconciles: the server reads a CashDro's levels and operations.

The server, not the register, talks to the machine here: a count the browser relayed could be
typed by anyone, the server's own reading cannot. It needs the machine on the server's network
(as the Test connection button does); when it cannot reach it, the reading says "machine not read"
and only an override-holder closes, with a typed count.

At most two requests per reading: ``getPiecesCurrency`` (levels) and, at closing, ``askMovements``
(every operation since the session opened, those made at the machine's own screen included).
"""

import datetime
import json
import logging
import warnings

import pytz
import requests
from urllib3.exceptions import InsecureRequestWarning

from odoo import Command, _, fields, models

from .pos_cashdro_machine_operation import OPERATION_TYPES
from .pos_payment_method import ERROR_HINTS

_logger = logging.getLogger(__name__)

# Reading a machine must never hold the closing for long: at most this per request.
READ_TIMEOUT_S = 5.0
KNOWN_TYPES = {code for code, _label in OPERATION_TYPES}


class CashdroUnreachable(Exception):
    """The machine did not answer, or not like a CashDro (the reason is for the cashier)."""


class CashdroRefused(CashdroUnreachable):
    """The machine answered, with an error code (unknown operation, wrong credentials...)."""


# One job per file: the terminal's configuration (pos_payment_method.py), the machine's readings here.
class PosPaymentMethod(models.Model):
    _inherit = "pos.payment.method"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------ machine calls
    def _cashdro_server_call(self, operation, **params):
        """One web-service request from the server; returns ``response`` or raises CashdroUnreachable."""
        self.ensure_one()
        method = self.sudo()
        if not method.cashdro_host:
            raise CashdroUnreachable(_("no CashDro host is set"))
        url = f"{method._cashdro_base_url()}/Cashdro3WS/index3.php"
        query = dict(params, operation=operation, name=method.cashdro_user or "",
                     password=method.cashdro_password or "")
        timeout = min(max(method.cashdro_timeout or 0, 1000) / 1000.0, READ_TIMEOUT_S)
        try:
            # The machine ships a self-signed certificate: the server cannot verify it (and says so
            # in readme/USAGE.md, not in every closing's log).
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", InsecureRequestWarning)
                body = requests.get(url, params=query, timeout=timeout, verify=False).json()  # noqa: S501
        except requests.exceptions.Timeout as error:
            raise CashdroUnreachable(_("no answer within %(s)s s", s=timeout)) from error
        except requests.exceptions.RequestException as error:
            raise CashdroUnreachable(_("cannot reach %(url)s", url=method._cashdro_base_url())) from error
        except ValueError as error:
            raise CashdroUnreachable(_("the machine did not answer with JSON")) from error
        code = int(body.get("code") or 0) if isinstance(body, dict) else 0
        if code != 1:
            response = body.get("response") if isinstance(body, dict) else None
            raise CashdroRefused(str(ERROR_HINTS[code]) if code in ERROR_HINTS
                                 else (response or {}).get("errorMessage") or str(code))
        return body.get("response") or {}

    def _cashdro_machine_clock(self, moment):
        """A UTC datetime as the machine's clock shows it (askMovements speaks its local time)."""
        tz = pytz.timezone(self.cashdro_tz or "UTC")
        return pytz.utc.localize(moment).astimezone(tz).replace(tzinfo=None)

    def _cashdro_from_machine_clock(self, text):
        try:
            moment = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
        except (TypeError, ValueError):
            return False
        return pytz.timezone(self.cashdro_tz or "UTC").localize(moment).astimezone(pytz.utc).replace(tzinfo=None)

    # ------------------------------------------------------------------ cash in / out
    def _cashdro_cash_move_count(self, session, operation_id, operation_type):
        """What the machine itself says operation ``operation_id`` moved (>= 0, currency units):
        one askOperation from the server. Raises CashdroUnreachable when it cannot say, and
        ValueError when the operation is not a finished ``operation_type`` (1 load, 2 withdrawal)."""
        self.ensure_one()
        answer = self._cashdro_server_call("askOperation", operationId=operation_id)
        root = answer.get("operation") or {}
        op = root.get("operation") or root
        if str(op.get("state") or "") != "F":
            raise ValueError(self.env._("the machine has not finished operation %s", operation_id))
        if op.get("type") not in (None, "", operation_type):  # "type" is not documented: checked when given
            raise ValueError(self.env._("operation %(id)s is not a %(kind)s on the machine", id=operation_id,
                                        kind=self.env._("load") if operation_type == "1" else self.env._("withdrawal")))
        into_machine = int(op.get("totalin") or 0) - abs(int(op.get("totalout") or 0))
        moved = into_machine if operation_type == "1" else -into_machine
        return session.currency_id.round(max(moved, 0) / 10 ** session.currency_id.decimal_places)

    # ------------------------------------------------------------------ readings
    def _cashdro_take_reading(self, session, kind):
        """Read the machine now (levels; at closing its operations too) and keep the reading."""
        self.ensure_one()
        currency = session.currency_id
        scale = 10 ** currency.decimal_places
        vals = {
            "company_id": session.company_id.id, "payment_method_id": self.id, "session_id": session.id,
            "kind": kind, "state": "read", "machine_calls": 0,
        }
        lines, operations = [], []
        try:
            vals["machine_calls"] += 1
            answer = self._cashdro_server_call(
                "getPiecesCurrency", currencyId=currency.name, includeImages=0, includeLevels=1)
            vals["raw_levels"] = json.dumps(answer, sort_keys=True)
            pieces = (answer.get("operation") or {}).get("pieces") or []
            if not pieces:
                raise CashdroUnreachable(_("the machine lists no notes or coins in %(currency)s",
                                           currency=currency.name))
            for piece in pieces:
                value = int(piece.get("Value") or 0) / scale
                recycler, cassette = int(piece.get("LevelRecycler") or 0), int(piece.get("LevelCasete") or 0)
                lines.append({"value": value, "piece_type": "bill" if str(piece.get("Type")) == "2" else "coin",
                              "units_recycler": recycler, "units_cassette": cassette,
                              "amount": currency.round(value * (recycler + cassette))})
            vals["total"] = currency.round(sum(line["amount"] for line in lines))
            if kind == "closing":
                vals["machine_calls"] += 1
                operations = self._cashdro_import_operations(session, vals)
        except CashdroUnreachable as error:
            _logger.info("CashDro %s not read for session %s: %s", self.name, session.name, error)
            vals.update(state="not_read", message=str(error)[:250], total=0.0)
            lines, operations = [], []
        if kind == "opening":
            previous = self._cashdro_last_reading(session, "closing", previous_session=True)
            vals["previous_total"] = previous.total if previous else 0.0
        else:
            vals["expected"] = self._cashdro_expected(session)
        vals["line_ids"] = [Command.create(line) for line in lines]
        vals["operation_ids"] = [Command.create(op) for op in operations]
        # In the caller's transaction, not a detached one: the caller reads the reading back at once
        # (its snapshot could not see a row committed by another transaction: MissingError on a real
        # server, invisible in tests that share one cursor). A closing refused and rolled back still
        # leaves the guard's detached evidence row, which quotes this reading's level and operations.
        reading = self.env["pos.cashdro.level.reading"].sudo().create(vals)
        if kind == "opening":
            self._cashdro_log_opening_gap(session, reading, previous)
        return reading

    def _cashdro_import_operations(self, session, vals):
        """Every operation the machine finished since the session opened, with who started it."""
        start = self._cashdro_machine_clock(session.start_at or fields.Datetime.now())
        end = self._cashdro_machine_clock(fields.Datetime.now() + datetime.timedelta(minutes=1))
        answer = self._cashdro_server_call(
            "askMovements", fromDate=start.strftime("%Y-%m-%d_%H:%M:%S"), toDate=end.strftime("%Y-%m-%d_%H:%M:%S"))
        vals["raw_movements"] = json.dumps(answer, sort_keys=True)
        rows = (answer.get("movements") or {}).get("movements") or []
        # The operations a register of this session reported: everything else was done elsewhere.
        logs = self.env["pos.cashdro.operation.log"].sudo().search_read(
            [("session_id", "=", session.id), ("payment_method_id", "=", self.id),
             ("event", "in", ("start", "finish", "import", "cash_move"))], ["operation_id", "event", "operation_type"])
        # A register's load or withdrawal is Odoo's once booked as a cash move: one the register ran
        # but Odoo never booked (the booking failed after the machine moved the cash) is listed.
        booked = {log["operation_id"] for log in logs if log["event"] == "cash_move"}
        ours = {log["operation_id"] for log in logs
                if log["operation_type"] not in ("1", "2") or log["operation_id"] in booked}
        scale = 10 ** session.currency_id.decimal_places
        operations = []
        for row in rows:
            ref = str(row.get("OperationId") or "")
            code = str(row.get("Type") or "0")
            amount_in, amount_out = int(row.get("AmountIn") or 0), int(row.get("AmountOut") or 0)
            operations.append({
                "operation_ref": ref,
                "operation_type": code if code in KNOWN_TYPES else "0",
                # The sign of AmountOut is not documented: what left the machine is its absolute value.
                "amount": session.currency_id.round((amount_in - abs(amount_out)) / scale),
                "moment": self._cashdro_from_machine_clock(f"{row.get('Date')} {row.get('Hour')}"),
                "posid": str(row.get("PosId") or "")[:50],
                "machine_user": str(row.get("Name") or "")[:50],
                "by_odoo": ref in ours,
            })
        return operations

    def _cashdro_last_reading(self, session, kind, previous_session=False):
        """The latest reading of this method for ``session`` (or, with ``previous_session``, for the
        last closed session of the same register)."""
        Reading = self.env["pos.cashdro.level.reading"].sudo()
        if previous_session:
            domain = [("session_id.config_id", "=", session.config_id.id), ("session_id", "<", session.id),
                      ("state", "=", "read")]
        else:
            domain = [("session_id", "=", session.id)]
        return Reading.search(domain + [("payment_method_id", "=", self.id), ("kind", "=", kind)],
                              order="id desc", limit=1)

    def _cashdro_opening_level(self, session):
        """The machine's level when the session opened; else its level at the previous closing."""
        opening = self._cashdro_last_reading(session, "opening")
        if opening.state == "read":
            return opening.total
        previous = self._cashdro_last_reading(session, "closing", previous_session=True)
        return previous.total if previous else None

    def _cashdro_expected(self, session):
        """Opening level + sales kept - payouts (the method's payments, booked net) + the cash moves
        booked in Odoo on its journal. Two queries, whatever the number of orders."""
        opening = self._cashdro_opening_level(session) or 0.0
        domain = session._get_captured_payments_domain() + [("payment_method_id", "=", self.id)]
        payments = self.env["pos.payment"].sudo()._read_group(domain, [], ["amount:sum"])[0][0] or 0.0
        cash_methods = session.payment_method_ids.filtered(lambda pm: pm.type == "cash")
        lines = session.sudo().statement_line_ids
        if cash_methods[:1] == self:
            # Core books a cash move in the default cash method's journal.
            lines = lines.filtered(lambda line: line.journal_id not in (cash_methods - self).journal_id)
        else:
            lines = lines.filtered(lambda line: line.journal_id == self.journal_id)
        return session.currency_id.round(opening + payments + sum(lines.mapped("amount")))

    def _cashdro_log_opening_gap(self, session, reading, previous):
        """Cash that left (or entered) the machine between two sessions is evidence."""
        currency = session.currency_id
        if reading.state != "read" or not previous or currency.is_zero(reading.total - previous.total):
            return
        self.env["pos.cashdro.operation.log"].sudo().create({
            "company_id": session.company_id.id, "payment_method_id": self.id, "session_id": session.id,
            "event": "level_gap", "amount_kept": currency.round(reading.total - previous.total),
            "message": _("The machine holds %(now)s at opening, %(before)s when session %(previous)s closed "
                         "(%(gap)s between sessions).", now=currency.format(reading.total),
                         before=currency.format(previous.total), previous=previous.session_id.name,
                         gap=currency.format(reading.total - previous.total)),
        })

    def action_cashdro_view_levels(self):
        """The "Machine levels" view of this CashDro: its readings, latest first."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("pos_cashdro.pos_cashdro_level_reading_action")
        action.update(domain=[("payment_method_id", "=", self.id)], context={}, name=_("Machine Levels: %s", self.name))
        return action

    # ------------------------------------------------------------------ the guard's extension point
    def _lp_closing_count(self, session):
        """A CashDro counts itself: its level at closing, against an expected cash that starts from
        its level at opening. Machine not read: the register's typed count, and an override."""
        result = super()._lp_closing_count(session)
        if self.use_payment_terminal != "cashdro":
            return result
        reading = self._cashdro_last_reading(session, "closing")
        if not reading:
            # A closing path that never opened the popup (raw RPC, backend): read the machine now.
            reading = self._cashdro_take_reading(session, "closing")
        opening = self._cashdro_opening_level(session)
        if reading.state != "read":
            return {"opening": opening, "needs_override": True,
                    "evidence": _("machine not read (%(why)s): count typed at the register",
                                  why=reading.message or "?")}
        evidence = [_("machine level %(level)s read at closing (reading %(id)s)",
                      level=session.currency_id.format(reading.total), id=reading.id)]
        foreign = reading._foreign_operations_text()
        if foreign:
            evidence.append(_("operations Odoo did not start:") + "\n" + foreign)
        return {"counted": reading.total, "opening": opening, "evidence": "\n".join(evidence)}

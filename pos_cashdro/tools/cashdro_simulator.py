#!/usr/bin/env python3
"""A CashDro cash machine simulator: the vendor's LAN web service, served over HTTP(S).

It implements ``/Cashdro3WS/index3.php`` (and the legacy ``index.php`` envelope) as described in
the vendor manual "Integración por Web Service" v4.15 and summarised in
``shared/design/cashdro-protocol.md``: the response envelope and error codes, the operation state
machine I -> Q -> E -> F, partial deposits over time, change given greedily from the recyclers,
cancel with refund of the inserted cash, customer-favour rounding, change not available, busy
machine, wrong credentials, HTTPS with a self-signed certificate (HTTP off by default, as on the
real machine) and CORS headers.

A second listener on its own port is the test-control API (``/__fake__/<command>``): insert a
piece, take bills, jam, drop or hang the network, go busy, change settings, dump the state, and
make the operations an operator makes at the machine's own screen (``withdraw?amount=5000``,
``load_float``, ``remove_cassette?kind=coin``, or ``screen?type=1|2|3|10|11``), which change the
levels per denomination (``getPiecesCurrency``) and appear in ``askMovements`` with no posid. It
stands in for the customer and the technician standing at the machine.

Both listeners bind to 127.0.0.1 only. Use it from Python tests (``CashDroSimulator(...).start()``
runs it in threads) or from the command line (``python3 cashdro_simulator.py --help``).
"""

import argparse
import datetime
import http.server
import ipaddress
import json
import logging
import os
import random
import shutil
import signal
import socket
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import zoneinfo
from urllib.parse import parse_qs, urlsplit

_logger = logging.getLogger(__name__)

HOST = "127.0.0.1"

# Denominations in minor units: (value, kind, destination). 1 cent coins are not accepted or
# dispensed by default (as in the homologation table of the manual), so rounding can be reproduced.
CURRENCIES = {
    "EUR": {
        "decimals": 2,
        "pieces": [(1, "coin", "rejected"), (2, "coin", "recycler"), (5, "coin", "recycler"),
                   (10, "coin", "recycler"), (20, "coin", "recycler"), (50, "coin", "recycler"),
                   (100, "coin", "recycler"), (200, "coin", "recycler"), (500, "bill", "recycler"),
                   (1000, "bill", "recycler"), (2000, "bill", "recycler"), (5000, "bill", "recycler"),
                   (10000, "bill", "cassette"), (20000, "bill", "cassette"), (50000, "bill", "cassette")],
    },
    "USD": {
        "decimals": 2,
        "pieces": [(1, "coin", "recycler"), (5, "coin", "recycler"), (10, "coin", "recycler"),
                   (25, "coin", "recycler"), (100, "bill", "recycler"), (500, "bill", "recycler"),
                   (1000, "bill", "recycler"), (2000, "bill", "recycler"), (5000, "bill", "cassette"),
                   (10000, "bill", "cassette")],
    },
    "JPY": {
        "decimals": 0,
        "pieces": [(1, "coin", "recycler"), (5, "coin", "recycler"), (10, "coin", "recycler"),
                   (50, "coin", "recycler"), (100, "coin", "recycler"), (500, "coin", "recycler"),
                   (1000, "bill", "recycler"), (5000, "bill", "recycler"), (10000, "bill", "cassette")],
    },
    "KWD": {
        "decimals": 3,
        "pieces": [(5, "coin", "recycler"), (10, "coin", "recycler"), (20, "coin", "recycler"),
                   (50, "coin", "recycler"), (100, "coin", "recycler"), (250, "bill", "recycler"),
                   (500, "bill", "recycler"), (1000, "bill", "recycler"), (5000, "bill", "recycler"),
                   (10000, "bill", "cassette"), (20000, "bill", "cassette")],
    },
}


def currency_table(code):
    """Denominations of ``code``; a currency without its own table gets the euro's, in its own name
    (the machine reports the shop's currency, whatever its coins)."""
    return CURRENCIES.get(code) or CURRENCIES["EUR"]


ERRORS = {
    "auth": (-1, "Authentication Failed"),
    "not_queued": (-2, "Operation not queued"),
    "wrong_amount": (-3, "Wrong amount"),
    "no_permission": (-4, "User does not have permission"),
    "invalid": (-99, "Invalid Parameters"),
    "system_busy": (-1900, "System busy"),
    "out_of_service": (-998, "Can't start operation. Check system status on Diagnosis screen"),
    "service_stopped": (-999, "Cashdro service is not running"),
}
MODE_ERRORS = {"system_busy": "system_busy", "out_of_service": "out_of_service", "service_stopped": "service_stopped"}
# Through the web service: load (1: the operator feeds the cash in, until the amount or a finish),
# withdrawal (2: the machine dispenses the amount from its recyclers, like a payout), payout,
# sale, deposits, change. The manual says a withdrawal "needs the web UI" (the operator picks the
# pieces there): the simulator models the withdrawal by amount a POS asks for.
SUPPORTED_TYPES = {1, 2, 3, 4, 16, 17, 18}
# Operations an operator makes at the machine's own screen (menu, not the web service): load,
# withdrawal, payout, remove the bill / coin cassette [DOC §5, §6.6].
SCREEN_TYPES = {1: "load", 2: "withdrawal", 3: "payout", 10: "bill_cassette", 11: "coin_cassette"}


class CashDroError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def _err(key):
    return CashDroError(*ERRORS[key])


def now_ms():
    return time.time() * 1000.0


class Operation:
    """One machine operation (sale, payout...), with the counters the web service reports."""

    def __init__(self, op_id, op_type, total, user, posid="", posuser="", aliasid=""):
        self.id = op_id
        self.type = op_type
        self.total = total
        self.user = user
        self.posid, self.posuser, self.aliasid = posid[:50], posuser[:50], aliasid[:50]
        self.state = "I"
        self.totalin = 0
        self.totalout = 0  # negative, as the v4.14 manual says
        self.change_not_available = 0
        self.rounding = 0  # net kept - requested, <= 0 when rounded in the customer's favour
        self.canceled = False
        self.imported = False
        self.imported_count = 0
        self.messages = []
        self.pieces_in = {}  # value -> {"recycler": n, "cassette": n}
        self.pieces_out = {}  # value -> {"recycler": n, "cassette": n}
        self.created_at = now_ms()
        self.acknowledged_at = None
        self.executing_at = None
        self.finish_due_at = None  # F is reached at this time (dispensing, bills to take)
        self.finished_at = None
        self.first_f_served_at = None
        self.imported_at = None
        self.bills_out_pending = False
        self.manual = False

    def as_public(self):
        return {
            "operationId": self.id, "type": self.type, "state": self.state, "total": self.total,
            "totalin": self.totalin, "totalout": self.totalout, "amountchangenotavailable": self.change_not_available,
            "rounding": self.rounding, "canceled": self.canceled, "imported": self.imported,
            "imported_count": self.imported_count, "posid": self.posid, "posuser": self.posuser,
            "aliasid": self.aliasid, "created_at": self.created_at, "acknowledged_at": self.acknowledged_at,
            "executing_at": self.executing_at,
            "finished_at": self.finished_at, "first_f_served_at": self.first_f_served_at,
            "imported_at": self.imported_at, "messages": list(self.messages),
            "pieces_in": {str(k): v for k, v in self.pieces_in.items()},
            "pieces_out": {str(k): v for k, v in self.pieces_out.items()},
        }


class CashDroMachine:
    """The machine's state and protocol logic; thread-safe, independent of any transport.

    Time-based transitions (acknowledge -> E, dispensing -> F) are evaluated lazily under the lock
    at each request and by a small ticker, so an operation keeps running while nobody polls, as a
    real machine does during a network outage.
    """

    def __init__(self, currency="EUR", users=None, settings=None):
        self.lock = threading.RLock()
        self.currency = currency
        self.reset_all(users=users, settings=settings)

    # ------------------------------------------------------------------ set-up
    def reset_all(self, users=None, settings=None):
        with self.lock:
            self.users = users or {
                "admin": {"password": "1234", "types": set(SUPPORTED_TYPES)},
                "pos": {"password": "0000", "types": {1, 2, 3, 4}},
            }
            self.settings = {
                "change_control": True,
                "rounding_unit": None,  # None: the smallest dispensable coin
                "auto_ack_ms": 300,
                "dispense_ms_per_piece": 50,
                "bill_take_ms": 1500,
                "omit_undocumented": False,
                "cancel_only_initial_phase": False,
                "cors": True,
                "timezone": "UTC",  # the machine's clock, as its operation list (askMovements) shows it
            }
            self.settings.update(settings or {})
            self.mode = "normal"
            self.with_error = False
            self.next_id = random.randint(100, 99999)
            self.operations = {}
            self.inventory = {}
            for value, kind, destination in currency_table(self.currency)["pieces"]:
                self.inventory[value] = {
                    "kind": kind, "destination": destination,
                    "recycler": 0 if destination != "recycler" else (20 if kind == "coin" else 10),
                    "cassette": 0, "max_recycler": 100 if kind == "coin" else 50,
                }
            self.network = {"fault": None, "count": 0, "delay_ms": 0, "operation": None}
            self.request_log = []

    @property
    def decimals(self):
        return currency_table(self.currency)["decimals"]

    def rounding_unit(self):
        if self.settings["rounding_unit"]:
            return int(self.settings["rounding_unit"])
        dispensable = [v for v, p in self.inventory.items() if p["destination"] == "recycler" and p["kind"] == "coin"]
        return min(dispensable) if dispensable else 1

    # ------------------------------------------------------------------ time
    def tick(self):
        with self.lock:
            t = now_ms()
            auto_ack_ms = self.settings["auto_ack_ms"]
            for op in self.operations.values():
                if op.state in ("I", "F") or op.manual:
                    continue
                if op.state == "Q" and op.acknowledged_at is not None and t >= op.acknowledged_at + auto_ack_ms:
                    op.state = "E"
                    op.executing_at = op.acknowledged_at + self.settings["auto_ack_ms"]
                    if op.type in (2, 3):
                        self._start_payout(op, op.executing_at)
                due = op.finish_due_at
                if op.state == "E" and due is not None and not op.bills_out_pending and t >= due:
                    op.state = "F"
                    op.finished_at = op.finish_due_at

    def active_operation(self):
        for op in self.operations.values():
            if op.state in ("I", "Q", "E"):
                return op
        return None

    # ------------------------------------------------------------------ money
    def _stock(self):
        return [(v, p["recycler"]) for v, p in sorted(self.inventory.items(), reverse=True)
                if p["destination"] == "recycler" and p["recycler"] > 0]

    def _greedy_plan(self, amount):
        plan, remaining = {}, amount
        for value, available in self._stock():
            count = min(available, remaining // value)
            if count:
                plan[value], remaining = count, remaining - count * value
        return plan if remaining == 0 else None

    def _reachable(self, limit):
        """Every amount <= limit the recyclers can pay exactly: {amount: plan with fewest pieces}."""
        best = {0: {}}
        for value, available in self._stock():
            nxt = dict(best)
            for reached, used in best.items():
                for count in range(1, available + 1):
                    target = reached + count * value
                    if target > limit:
                        break
                    cand = {**used, value: count}
                    if target not in nxt or sum(cand.values()) < sum(nxt[target].values()):
                        nxt[target] = cand
            best = nxt
        return best

    def _change_plan(self, amount):
        """(amount given, plan, shortfall). The machine rounds what it gives up to a multiple of its
        rounding unit (the smallest coin it dispenses), in the customer's favour: payout 5.01 gives
        5.02, change 0.01 gives 0.02 (homologation table of the manual). What it cannot make is the
        shortfall ("change not available")."""
        if amount <= 0:
            return 0, {}, 0
        unit = self.rounding_unit()
        target = -(-amount // unit) * unit
        plan = self._greedy_plan(target)  # right for canonical coin systems, and fast
        if plan is not None:
            return target, plan, 0
        reachable = self._reachable(target)
        given = max(reachable)
        return given, reachable[given], target - given

    def _dispense(self, op, amount, start_ms):
        """Give ``amount`` back from the recyclers (rounded up to what can be made); schedule F."""
        given, plan, shortfall = self._change_plan(amount)
        pieces, bills = 0, False
        for value, count in plan.items():
            self.inventory[value]["recycler"] -= count
            out = op.pieces_out.setdefault(value, {"recycler": 0, "cassette": 0})
            out["recycler"] += count
            pieces += count
            bills = bills or self.inventory[value]["kind"] == "bill"
        op.totalout -= given
        op.change_not_available += shortfall
        op.finish_due_at = start_ms + pieces * self.settings["dispense_ms_per_piece"]
        if bills:
            # The operation ends when the customer takes the bills: after bill_take_ms, or on
            # the control API's take_bills when bill_take_ms is null.
            if self.settings["bill_take_ms"] is None:
                op.bills_out_pending = True
            else:
                op.finish_due_at += self.settings["bill_take_ms"]
        return given, shortfall

    def _start_payout(self, op, start_ms):
        given, shortfall = self._dispense(op, op.total, start_ms)
        # Paying out more than asked (4.99 -> 5.00) is a loss to the shop: negative.
        op.rounding = op.total - (given + shortfall)

    def insert(self, value):
        """The customer inserts one piece into the running sale; returns what happened."""
        with self.lock:
            self.tick()
            op = self.active_operation()
            value = int(value)
            if not op or op.state != "E" or op.type not in (1, 4) or op.finish_due_at is not None:
                return {"accepted": False, "reason": "no sale or load waiting for cash"}
            if self.with_error:
                return {"accepted": False, "reason": "machine jammed"}
            piece = self.inventory.get(value)
            if not piece:
                op.messages.append({"code": 4, "value": value})
                return {"accepted": False, "reason": "not recognised", "message": 4}
            if piece["destination"] == "rejected":
                op.messages.append({"code": 3, "value": value})
                return {"accepted": False, "reason": "not accepted", "message": 3}
            due_after = op.total - (op.totalin + value)
            if op.type == 4 and due_after < 0 and self.settings["change_control"]:
                _given, _plan, shortfall = self._change_plan(-due_after)
                if shortfall:
                    op.messages.append({"code": 0, "value": value})
                    return {"accepted": False, "reason": "no change available", "message": 0}
            where = "recycler"
            if piece["destination"] == "cassette" or piece["recycler"] >= piece["max_recycler"]:
                where = "cassette"
                if piece["destination"] == "recycler":
                    op.messages.append({"code": 5, "value": value})
            piece[where] += 1
            slot = op.pieces_in.setdefault(value, {"recycler": 0, "cassette": 0})
            slot[where] += 1
            op.totalin += value
            self._maybe_complete_sale(op)
            return {"accepted": True, "totalin": op.totalin, "state": op.state}

    def _maybe_complete_sale(self, op):
        remaining = op.total - op.totalin
        t = now_ms()
        if op.type == 1:
            # A load gives no change: it ends once the amount is in (or on finishOperation type 1).
            if remaining <= 0:
                op.finish_due_at = t
        elif 0 < remaining < self.rounding_unit():
            # Customer-favour rounding: the remainder cannot be asked for with the coins accepted.
            op.rounding = -remaining
            op.finish_due_at = t
        elif remaining <= 0:
            given, shortfall = self._dispense(op, -remaining, t)
            # Change rounded up in the customer's favour (1.03 paid 1.04 gives 0.02 back).
            op.rounding = -(given + shortfall + remaining)
        self.tick()

    # ------------------------------------------------------------------ protocol
    def authenticate(self, params):
        user = self.users.get(params.get("name", ""))
        if not user or user["password"] != params.get("password", ""):
            raise _err("auth")
        return params["name"]

    def handle(self, operation, params):
        """Run one web-service operation; returns the payload or raises CashDroError."""
        with self.lock:
            self.tick()
            handler = getattr(self, "op_" + operation, None) if operation else None
            self.request_log.append(operation)
            if operation not in ("getAlerts", "getDiagnosis"):
                user = self.authenticate(params)
            else:
                user = None
            if handler is None:
                raise _err("invalid")
            return handler(params, user)

    def _get_op(self, params, missing=(-3, "Invalid parameters")):
        op_id = params.get("operationId", "")
        if not op_id:
            raise CashDroError(*missing)
        op = self.operations.get(str(op_id))
        if not op:
            raise CashDroError(-2, "Operation not found")
        return op

    def op_doTest(self, params, user):
        return {}

    def op_startOperation(self, params, user):
        if self.mode in MODE_ERRORS:
            raise _err(MODE_ERRORS[self.mode])
        try:
            op_type = int(params.get("type", ""))
            parameters = json.loads(params.get("parameters") or "{}")
        except ValueError:
            raise _err("invalid") from None
        if op_type not in SUPPORTED_TYPES or not isinstance(parameters, dict):
            raise _err("invalid")
        if op_type not in self.users[user]["types"]:
            raise _err("no_permission")
        try:
            amount = int(str(parameters.get("amount", "")))
        except ValueError:
            raise _err("wrong_amount") from None
        if amount <= 0:
            raise _err("wrong_amount")
        if self.active_operation():
            raise _err("not_queued")
        op_id = str(self.next_id)
        self.next_id += 1
        op = Operation(op_id, op_type, amount, user, params.get("posid", ""), params.get("posuser", ""),
                       params.get("aliasid", ""))
        self.operations[op_id] = op
        return {"operation": {"operationId": op_id}}

    def op_acknowledgeOperationId(self, params, user):
        op = self._get_op(params)
        if op.state == "I":
            op.state = "Q"
            op.acknowledged_at = now_ms()
            self.tick()
        return {}

    def _operation_payload(self, op):
        undocumented = not self.settings["omit_undocumented"]
        fields = {
            "operationid": op.id, "state": op.state, "total": str(op.total), "totalin": str(op.totalin),
            "totalout": str(op.totalout), "amountchangenotavailable": str(op.change_not_available),
            "payInProgress": "1" if op.type == 4 and op.totalin >= op.total else "0",
            "payOutProgress": "1" if op.state == "F" else "0",
        }
        if undocumented:
            finished = datetime.datetime.fromtimestamp(op.finished_at / 1000.0) if op.finished_at else None
            fields.update({
                "type": str(op.type), "posid": op.posid, "posuser": op.posuser, "aliasid": op.aliasid,
                "canceled": "1" if op.canceled else "0", "roundValue": str(op.rounding),
                "totalrounded": str(op.total + op.rounding), "userName": op.user,
                "datefinish": finished.strftime("%Y-%m-%d") if finished else "",
                "hourfinish": finished.strftime("%H:%M:%S") if finished else "",
            })
        devices = {1: [], 2: [], 3: []}
        for value, piece in sorted(self.inventory.items()):
            pin = op.pieces_in.get(value, {"recycler": 0, "cassette": 0})
            pout = op.pieces_out.get(value, {"recycler": 0, "cassette": 0})
            entry = {"value": str(value), "finishlevelrecycler": piece["recycler"],
                     "finishlevelcassette": piece["cassette"]}
            if undocumented:
                entry.update({
                    "currencyid": self.currency, "unitsinrecycler": str(pin["recycler"]),
                    "unitsincassette": str(pin["cassette"]), "unitsoutrecycler": str(pout["recycler"]),
                    "unitsoutcassette": str(pout["cassette"]),
                })
            if piece["kind"] == "bill":
                devices[3].append(entry)
            else:
                devices[2 if piece["destination"] == "recycler" else 1].append(entry)
        return {
            "operation": fields,
            "devices": [{"type": str(t), "pieces": pieces} for t, pieces in devices.items()],
            "messages": [{"code": str(m["code"]), "value": str(m["value"])} for m in op.messages],
            "withError": "true" if self.with_error else "false",
        }

    def op_askOperation(self, params, user):
        op = self._get_op(params, missing=(-2, "Operation not found"))
        if op.state == "F" and op.first_f_served_at is None:
            op.first_f_served_at = now_ms()
        return {"operation": self._operation_payload(op)}

    def op_askOperationV2(self, params, user):
        op = self._get_op(params, missing=(-2, "Operation not found"))
        payload = self._operation_payload(op)
        flat = dict(payload["operation"])
        flat.update({k: v for k, v in payload.items() if k != "operation"})
        return {"operation": flat}

    def op_finishOperation(self, params, user):
        op_id = params.get("operationId", "")
        if not op_id:
            raise _err("invalid")
        op = self.operations.get(str(op_id))
        if not op or op.state not in ("I", "Q", "E") or (op.finish_due_at is not None and op.state == "E"
                                                           and self.settings["cancel_only_initial_phase"]):
            raise CashDroError(-2, "Operation not in execution")
        if op.finish_due_at is not None:
            # Already paid and giving change: the operation ends on its own.
            return {}
        kind = params.get("type", "")
        t = now_ms()
        if kind == "1":
            op.finish_due_at = t
        elif kind in ("2", "3"):
            op.canceled = True
            returned, pieces = 0, 0
            for value, slot in op.pieces_in.items():
                count = slot["recycler"]
                self.inventory[value]["recycler"] -= count
                out = op.pieces_out.setdefault(value, {"recycler": 0, "cassette": 0})
                out["recycler"] += count
                returned += count * value
                pieces += count
                # Pieces already in the cassette cannot come back: change control is off for them.
                op.change_not_available += slot["cassette"] * value
            op.totalout = -returned
            if op.state != "E":
                op.state = "E"
                op.executing_at = t
            op.finish_due_at = t + pieces * self.settings["dispense_ms_per_piece"]
        else:
            raise _err("invalid")
        self.tick()
        return {}

    def op_setOperationImported(self, params, user):
        op = self._get_op(params)
        if op.state != "F":
            raise CashDroError(-3, "Operation not finished")
        op.imported_count += 1
        if not op.imported:
            op.imported = True
            op.imported_at = now_ms()
        return {}

    def op_askPendingOperations(self, params, user):
        terminal = params.get("terminal")
        if not terminal:
            raise _err("invalid")
        manual = params.get("importManualOperations") == "true"
        pending = [
            {"OperationId": op.id} for op in self.operations.values()
            if op.state == "F" and not op.imported and (op.posid == terminal or (manual and op.posid in ("", "0")))
        ]
        return {"pendingOperations": pending}

    def op_askOperationExecuting(self, params, user):
        op = self.active_operation()
        return {"operation": {"OperationId": op.id if op else "-1", "Type": str(op.type) if op else "0",
                              "PosId": op.posid if op else ""}}

    def op_getPiecesCurrency(self, params, user):
        if params.get("currencyId", self.currency) != self.currency:
            return {"operation": {"pieces": []}}
        with_levels = params.get("includeLevels") in ("1", "true")
        pieces = []
        for v, p in sorted(self.inventory.items()):
            piece = {
                "CurrencyId": self.currency, "Value": str(v), "Type": "1" if p["kind"] == "coin" else "2",
                "Destination": {"rejected": "0", "recycler": "1", "cassette": "2"}[p["destination"]],
                "MinLevel": "0", "MaxLevel": str(p["max_recycler"]), "DepositLevel": "0",
                "MaxPiecesExchange": "0", "State": "-1" if p["recycler"] or p["destination"] != "recycler" else "5",
            }
            if with_levels:
                piece.update({"LevelRecycler": str(p["recycler"]), "LevelCasete": str(p["cassette"])})
            pieces.append(piece)
        return {"operation": {"pieces": pieces}}

    def cash_total(self):
        """What the machine holds, in minor units: recyclers and cassettes."""
        return sum(v * (p["recycler"] + p["cassette"]) for v, p in self.inventory.items())

    def _parse_machine_date(self, text, default):
        """``2021-10-01_9:00:00`` [DOC §6.6], in the machine's clock (``timezone`` setting) -> epoch ms."""
        if not text:
            return default
        try:
            moment = datetime.datetime.strptime(text.replace("_", " "), "%Y-%m-%d %H:%M:%S")
        except ValueError:
            raise _err("invalid") from None
        return moment.replace(tzinfo=self._clock_tz()).timestamp() * 1000.0

    def _clock_tz(self):
        return zoneinfo.ZoneInfo(self.settings.get("timezone") or "UTC")

    def op_askMovements(self, params, user):
        """Finished operations in [fromDate, toDate], whoever started them (web service or screen)."""
        start = self._parse_machine_date(params.get("fromDate"), 0)
        end = self._parse_machine_date(params.get("toDate"), float("inf"))
        wanted = None
        if params.get("operationType"):
            try:
                wanted = {int(t["Id"]) for t in json.loads(params["operationType"])}
            except (ValueError, TypeError, KeyError):
                raise _err("invalid") from None
        rows, moved = [], 0
        for op in sorted(self.operations.values(), key=lambda o: o.finished_at or 0):
            if op.state != "F" or not start <= op.finished_at <= end or (wanted and op.type not in wanted):
                continue
            finished = datetime.datetime.fromtimestamp(op.finished_at / 1000.0, self._clock_tz())
            net = op.totalin + op.totalout
            moved += net
            rows.append({
                "OperationId": op.id, "Type": str(op.type), "Amount": str(net), "AmountIn": str(op.totalin),
                "AmountOut": str(op.totalout), "AmountTransferred": "0", "RoundValue": str(op.rounding),
                "PosId": op.posid, "PosUser": op.posuser, "AliasId": op.aliasid, "Name": op.user,
                "Date": finished.strftime("%Y-%m-%d"), "Hour": finished.strftime("%H:%M:%S"), "Errors": "0",
            })
        final = self.cash_total()
        return {"movements": {"openingBalance": str(final - moved), "finalBalance": str(final), "movements": rows}}

    # ------------------------------------------------------------------ the machine's own screen
    def screen_operation(self, op_type, amount=0, user="admin"):
        """An operator at the machine's screen: 1 loads ``amount`` (the float), 2/3 withdraws or
        pays out ``amount`` from the recyclers, 10/11 empties the bill / coin cassette. The
        operation is finished at once, with no posid (a manual operation), as the machine lists it."""
        with self.lock:
            self.tick()
            if op_type not in SCREEN_TYPES:
                return {"ok": False, "error": "type %s is not a screen operation" % op_type}
            if self.active_operation():
                return {"ok": False, "error": "machine busy"}
            op_id = str(self.next_id)
            self.next_id += 1
            op = Operation(op_id, op_type, int(amount or 0), user)
            op.manual = True
            t = now_ms()
            if op_type == 1:
                plan = self._load_plan(int(amount))
                if plan is None:
                    return {"ok": False, "error": "cannot load %s with these denominations" % amount}
                for value, count in plan.items():
                    self.inventory[value]["recycler"] += count
                    op.pieces_in[value] = {"recycler": count, "cassette": 0}
                op.totalin = int(amount)
            elif op_type in (2, 3):
                plan = self._greedy_plan(int(amount))
                if plan is None:
                    return {"ok": False, "error": "the recyclers cannot give %s" % amount}
                for value, count in plan.items():
                    self.inventory[value]["recycler"] -= count
                    op.pieces_out[value] = {"recycler": count, "cassette": 0}
                op.totalout = -int(amount)
            else:
                kind = "bill" if op_type == 10 else "coin"
                for value, piece in self.inventory.items():
                    if piece["kind"] == kind and piece["cassette"]:
                        op.pieces_out[value] = {"recycler": 0, "cassette": piece["cassette"]}
                        op.totalout -= value * piece["cassette"]
                        piece["cassette"] = 0
                op.total = -op.totalout
            op.state = "F"
            op.executing_at = op.finished_at = t
            self.operations[op_id] = op
            return {"ok": True, "operationId": op_id, "operation": op.as_public(), "level": self.cash_total()}

    def _load_plan(self, amount):
        """Pieces an operator feeds in to load ``amount``: the largest recyclable ones first."""
        plan, remaining = {}, amount
        for value, piece in sorted(self.inventory.items(), reverse=True):
            if piece["destination"] != "recycler":
                continue
            room = piece["max_recycler"] - piece["recycler"]
            count = min(room, remaining // value)
            if count:
                plan[value], remaining = count, remaining - count * value
        return plan if remaining == 0 else None

    def op_getDiagnosis(self, params, user):
        return {"WithError": "true" if self.with_error else "false", "Devices": []}

    def op_getAlerts(self, params, user):
        return {"alerts": []}

    # ------------------------------------------------------------------ control API
    def control(self, command, params):
        with self.lock:
            self.tick()
            if command == "state":
                return self.dump()
            if command == "operations":
                return {"operations": [op.as_public() for op in self.operations.values()]}
            if command == "insert":
                values = params.get("values") or params.get("value") or ""
                return {"results": [self.insert(int(v)) for v in str(values).split(",") if v]}
            if command == "complete_exact":
                op = self.active_operation()
                if not op or op.state != "E":
                    return {"ok": False}
                op.totalin = op.total
                self._maybe_complete_sale(op)
                return {"ok": True}
            if command == "screen":
                return self.screen_operation(int(params.get("type", 0)), params.get("amount", 0))
            if command == "withdraw":  # "the operator withdraws 50.00": withdraw?amount=5000
                return self.screen_operation(2, params.get("amount", 0))
            if command == "load_float":
                return self.screen_operation(1, params.get("amount", 0))
            if command == "remove_cassette":
                return self.screen_operation(10 if params.get("kind") == "bill" else 11)
            if command == "requests":
                return {"requests": list(self.request_log)}
            if command == "set_cassette":
                piece = self.inventory[int(params["value"])]
                piece["cassette"] = int(params.get("cassette", piece["cassette"]))
                return {"ok": True}
            if command == "take_bills":
                for op in self.operations.values():
                    if op.bills_out_pending:
                        op.bills_out_pending = False
                        op.finish_due_at = max(op.finish_due_at or 0, now_ms())
                return {"ok": True}
            if command in ("jam", "unjam"):
                self.with_error = command == "jam"
                return {"ok": True}
            if command == "power_off":
                op = self.active_operation()
                if op:
                    op.state, op.finished_at = "F", now_ms()
                return {"ok": True}
            if command == "set_mode":
                self.mode = params.get("mode", "normal")
                return {"ok": True, "mode": self.mode}
            if command == "set_user":
                types = {int(t) for t in params.get("types", "3,4").split(",") if t}
                self.users[params["name"]] = {"password": params.get("password", ""), "types": types}
                return {"ok": True}
            if command == "set":
                for key, raw in params.items():
                    if key in self.settings:
                        self.settings[key] = json.loads(raw) if raw not in ("",) else None
                return {"ok": True, "settings": self.settings}
            if command == "set_level":
                piece = self.inventory[int(params["value"])]
                piece["recycler"] = int(params.get("recycler", piece["recycler"]))
                return {"ok": True}
            if command == "network":
                self.network = {"fault": params.get("fault") or None, "count": int(params.get("count", 0) or 0),
                                "delay_ms": int(params.get("delay_ms", 0) or 0),
                                "operation": params.get("operation") or None}
                return {"ok": True, "network": self.network}
            if command == "busy":
                # Someone starts an operation on the machine's own screen (or another till).
                if self.active_operation():
                    return {"ok": False}
                op_id = str(self.next_id)
                self.next_id += 1
                op = Operation(op_id, int(params.get("type", 4)), int(params.get("amount", 1000)), "admin",
                               params.get("posid", "other-till"))
                op.state, op.manual = "E", True
                op.executing_at = now_ms()
                self.operations[op_id] = op
                return {"ok": True, "operationId": op_id}
            if command == "release":
                for op in self.operations.values():
                    if op.manual and op.state != "F":
                        op.canceled, op.state, op.finished_at = True, "F", now_ms()
                return {"ok": True}
            if command == "set_currency":  # the machine is set up for another currency (technician)
                self.currency = params.get("code", "EUR").upper()
                self.reset_all()
                return {"ok": True, "currency": self.currency}
            if command == "reset_all":
                self.reset_all()
                return {"ok": True}
            return {"ok": False, "error": "unknown command %s" % command}

    def dump(self):
        return {
            "currency": self.currency, "mode": self.mode, "with_error": self.with_error,
            "settings": self.settings, "network": self.network,
            "inventory": {str(v): p for v, p in self.inventory.items()}, "level": self.cash_total(),
            "operations": [op.as_public() for op in self.operations.values()],
        }

    def take_network_fault(self, operation=""):
        """The fault to apply to this request, if any (consumes one of ``count``). A fault set with
        ``operation=`` only hits requests for that web-service operation (or those, comma-separated)."""
        with self.lock:
            fault = self.network["fault"]
            only = self.network.get("operation")
            if not fault or (only and operation not in only.split(",")):
                return None, 0
            delay_ms = self.network["delay_ms"]
            if self.network["count"]:
                self.network["count"] -= 1
                if self.network["count"] == 0:
                    self.network = {"fault": None, "count": 0, "delay_ms": 0, "operation": None}
            return fault, delay_ms


# ---------------------------------------------------------------------- HTTP layer
class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class _BaseHandler(http.server.BaseHTTPRequestHandler):
    machine = None
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # keep test output clean
        return

    def _send(self, status, body, content_type="application/json; charset=utf-8"):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        if self.machine.settings.get("cors", True):
            self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(data)

    def _params(self):
        url = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        return url.path, params

    def do_OPTIONS(self):
        self.send_response(204)
        if self.machine.settings.get("cors", True):
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Content-Length", "0")
        self.end_headers()


class WebServiceHandler(_BaseHandler):
    """The machine's LAN web service (``/Cashdro3WS/index3.php``, legacy ``index.php``)."""

    def do_GET(self):
        path, params = self._params()
        # The body of a POST is ignored: the machine reads the query string only.
        if self.command == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
        fault, delay_ms = self.machine.take_network_fault(params.get("operation", ""))
        if delay_ms:
            time.sleep(delay_ms / 1000.0)
        if fault == "hang":
            time.sleep(30)
            self.close_connection = True
            return
        if fault == "reset":
            self._reset()
            return
        if fault == "http_500":
            self._send(500, "<html>Internal Server Error</html>", "text/html")
            return
        if path.startswith("/Cashdro3Web/"):
            self._send(200, "<html><body>CashDro simulator</body></html>", "text/html")
            return
        if path not in ("/Cashdro3WS/index3.php", "/Cashdro3WS/index.php"):
            self._send(404, "<html>Not Found</html>", "text/html")
            return
        legacy = path.endswith("/index.php")
        operation = params.get("operation", "")
        try:
            payload = self.machine.handle(operation, params)
            if legacy:
                body = {"code": 1, "data": self._legacy_data(operation, payload)}
            else:
                body = {"code": 1, "response": dict({"errorMessage": "none"}, **payload)}
        except CashDroError as e:
            body = {"code": e.code, "data": e.message} if legacy else {
                "code": e.code, "response": {"errorMessage": e.message}}
        if fault == "drop_after_commit":
            self._reset()
            return
        if fault == "bad_json":
            self._send(200, "{\"code\":1,\"response\":")
            return
        self._send(200, json.dumps(body))

    do_POST = do_GET

    @staticmethod
    def _legacy_data(operation, payload):
        if operation == "startOperation":
            return payload["operation"]["operationId"]
        if operation == "askOperation":
            return json.dumps(payload["operation"])
        if operation == "askOperationExecuting":
            return [{"LogId": payload["operation"]["OperationId"]}]
        return payload or ""

    def _reset(self):
        """Close the socket without an answer (the browser sees a network error)."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            _logger.debug("socket already closed")


class ControlHandler(_BaseHandler):
    """``/__fake__/<command>?...``: the customer and the technician at the machine (tests only)."""

    def do_GET(self):
        path, params = self._params()
        if not path.startswith("/__fake__/"):
            self._send(404, json.dumps({"ok": False}))
            return
        if self.command == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                body = self.rfile.read(length)
                try:
                    params.update(json.loads(body))
                except ValueError:
                    _logger.debug("control API: body is not JSON, ignored")
        wanted = params.pop("wait_for_state", None)
        if wanted:
            # Let a test say "when the machine shows E, insert this note" without racing it.
            deadline = time.time() + float(params.pop("wait_timeout", 10))
            while time.time() < deadline:
                with self.machine.lock:
                    self.machine.tick()
                    op = self.machine.active_operation()
                    if op and op.state == wanted:
                        break
                time.sleep(0.02)
        try:
            result = self.machine.control(path[len("/__fake__/"):], params)
        except (KeyError, ValueError) as e:
            result = {"ok": False, "error": str(e)}
        self._send(200, json.dumps(result, default=sorted))

    do_POST = do_GET


def make_self_signed_cert(directory, host=HOST):
    """Write cert.pem/key.pem for ``host`` into ``directory`` (cryptography, else openssl)."""
    cert_path, key_path = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import NameOID

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
        now = datetime.datetime.now(datetime.timezone.utc)
        cert = (
            x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host))]), critical=False)
            .sign(key, hashes.SHA256())
        )
        with open(key_path, "wb") as f:
            f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                      serialization.NoEncryption()))
        with open(cert_path, "wb") as f:
            f.write(cert.public_bytes(serialization.Encoding.PEM))
    except ImportError:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650",
                        "-subj", "/CN=%s" % host, "-addext", "subjectAltName=IP:%s" % host,
                        "-keyout", key_path, "-out", cert_path], check=True, capture_output=True)
    return cert_path, key_path


class CashDroSimulator:
    """Run a machine behind its listeners (HTTPS always, HTTP only when asked, control API)."""

    def __init__(self, https_port=0, http_port=None, control_port=0, currency="EUR", settings=None, users=None,
                 cert_dir=None):
        self.machine = CashDroMachine(currency=currency, users=users, settings=settings)
        self.https_port, self.http_port, self.control_port = https_port, http_port, control_port
        self.cert_dir = cert_dir
        self._own_dir = None
        self.servers = []
        self.cert_path = None
        self._stop = threading.Event()

    def _serve(self, port, handler_cls, tls=False):
        handler = type(handler_cls.__name__, (handler_cls,), {"machine": self.machine})
        server = _Server((HOST, port), handler)
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.cert_path, self.key_path)
            server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
        self.servers.append(server)
        return server.server_address[1]

    def start(self):
        # A throwaway certificate folder is ours to remove on stop(); a given cert_dir is not.
        self._own_dir = None if self.cert_dir else tempfile.mkdtemp(prefix="cashdro_sim_")
        directory = self.cert_dir or self._own_dir
        self.cert_path, self.key_path = make_self_signed_cert(directory)
        self.https_port = self._serve(self.https_port, WebServiceHandler, tls=True)
        if self.http_port is not None:
            self.http_port = self._serve(self.http_port, WebServiceHandler)
        self.control_port = self._serve(self.control_port, ControlHandler)
        threading.Thread(target=self._ticker, daemon=True).start()
        return self

    def _ticker(self):
        while not self._stop.wait(0.02):
            self.machine.tick()

    def stop(self):
        self._stop.set()
        for server in self.servers:
            server.shutdown()
            server.server_close()
        self.servers = []
        if self._own_dir:
            shutil.rmtree(self._own_dir, ignore_errors=True)
            self._own_dir = None

    @property
    def http_url(self):
        return "http://%s:%s" % (HOST, self.http_port) if self.http_port else None

    @property
    def https_url(self):
        return "https://%s:%s" % (HOST, self.https_port)

    @property
    def control_url(self):
        return "http://%s:%s/__fake__" % (HOST, self.control_port)


def main(argv=None):
    parser = argparse.ArgumentParser(description="CashDro web-service simulator (binds to 127.0.0.1 only).")
    parser.add_argument("--https-port", type=int, default=8543)
    parser.add_argument("--http-port", type=int, default=None,
                        help="also serve plain HTTP on this port (off by default, as on the real machine)")
    parser.add_argument("--control-port", type=int, default=8599)
    parser.add_argument("--currency", default="EUR", type=str.upper,
                        help="ISO code the machine reports (denominations of %s; others get the euro's)"
                        % ", ".join(sorted(CURRENCIES)))
    parser.add_argument("--auto-ack-ms", type=int, default=300)
    parser.add_argument("--bill-take-ms", type=int, default=1500)
    args = parser.parse_args(argv)
    sim = CashDroSimulator(args.https_port, args.http_port, args.control_port, currency=args.currency,
                           settings={"auto_ack_ms": args.auto_ack_ms, "bill_take_ms": args.bill_take_ms}).start()
    http = " and %s/Cashdro3WS/index3.php" % sim.http_url if sim.http_url else ""
    sys.stdout.write("CashDro simulator (%s) on 127.0.0.1: web service %s/Cashdro3WS/index3.php%s; "
                     "control API %s/state; users admin/1234, pos/0000\n"
                     % (args.currency, sim.https_url, http, sim.control_url))
    sys.stdout.flush()
    # bin/suite-run stops its demo services with SIGTERM: clean up as on Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        sys.stdout.write("CashDro simulator stopped\n")
    finally:
        sim.stop()


if __name__ == "__main__":
    main()

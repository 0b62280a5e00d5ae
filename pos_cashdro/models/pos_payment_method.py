"""A CashDro cash machine as a POS payment terminal (the browser talks to it over the LAN)."""

import logging

import requests

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from odoo.addons.base.models.res_partner import _tz_get

from .pos_cashdro_operation_log import SERVER_EVENTS

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

CREDENTIAL_FIELDS = ("cashdro_user", "cashdro_password")

# What the cashier or the manager should do for each documented error code.
ERROR_HINTS = {
    -1: _lt("wrong CashDro user or password (code -1)"),
    -2: _lt("the machine is busy with another operation (code -2)"),
    -3: _lt("the machine refused the amount (code -3)"),
    -4: _lt("this CashDro user has no permission for sales and payouts (code -4)"),
    -99: _lt("the machine refused the parameters (code -99)"),
    -998: _lt("the machine is out of service: check its Diagnosis screen (code -998)"),
    -999: _lt("the CashDro service is not running on the machine (code -999)"),
    -1900: _lt("the machine is loading or updating (code -1900)"),
}


class PosPaymentMethod(models.Model):
    _inherit = "pos.payment.method"

    cashdro_host = fields.Char(
        "CashDro Host", copy=False,
        help="IP address or host name of the CashDro on the shop's network, without scheme or port.")
    cashdro_port = fields.Integer("CashDro Port", copy=False, help="Leave 0 for the scheme's default (443 or 80).")
    cashdro_scheme = fields.Selection(
        [("https", "HTTPS (machine certificate)"), ("http", "HTTP (Local Network Access)")],
        "CashDro Scheme", default="https",
        help="HTTPS uses the machine's own certificate, which each browser must accept once. HTTP must be "
             "enabled on the machine (off by default) and needs a browser that allows Local Network Access.")
    cashdro_user = fields.Char(
        "CashDro User", copy=False, groups="point_of_sale.group_pos_manager",
        help="A machine user allowed to run sales (type 4) and payouts (type 3), and for the register's cash "
             "in / out loads (type 1) and withdrawals (type 2), only.")
    cashdro_password = fields.Char(
        "CashDro Password", copy=False, groups="point_of_sale.group_pos_manager",
        help="Loaded only into the registers that use this payment method.")
    cashdro_posid = fields.Char(
        "CashDro POS Id", size=50, copy=False,
        help="Sent as posid with every operation (max 50 characters); defaults to the register's name.")
    cashdro_tz = fields.Selection(
        _tz_get, "CashDro Time Zone", default=lambda self: self.env.user.tz or "UTC",
        help="The machine's clock: its operation list (askMovements) is in its local time.")
    cashdro_poll_interval = fields.Integer("Poll Interval (ms)", default=1000)
    cashdro_timeout = fields.Integer("Request Timeout (ms)", default=10000)

    def _get_payment_terminal_selection(self):
        return super()._get_payment_terminal_selection() + [("cashdro", "CashDro")]

    @api.depends("type", "payment_method_type")
    def _compute_hide_use_payment_terminal(self):
        res = super()._compute_hide_use_payment_terminal()
        # A CashDro is a cash drawer: the terminal selector must stay visible on cash methods.
        for method in self:
            if method.type == "cash" and method.payment_method_type == "terminal":
                method.hide_use_payment_terminal = False
        return res

    @api.onchange("journal_id")
    def _onchange_journal_id(self):
        keep = {method: method.use_payment_terminal for method in self if method.use_payment_terminal == "cashdro"}
        res = super()._onchange_journal_id()
        for method, value in keep.items():
            method.use_payment_terminal = value
        return res

    @api.constrains("use_payment_terminal", "journal_id", "cashdro_poll_interval", "cashdro_timeout",
                    "cashdro_host", "cashdro_port", "cashdro_scheme")
    def _check_cashdro(self):
        for method in self.filtered(lambda m: m.use_payment_terminal == "cashdro"):
            # One payment method per machine: two would run operations over each other (-2 busy) and
            # mix their cash in one journal's expected balance.
            twin = method.cashdro_host and self.sudo().search([
                ("id", "!=", method.id), ("use_payment_terminal", "=", "cashdro"),
                ("cashdro_host", "=ilike", method.cashdro_host), ("cashdro_port", "=", method.cashdro_port),
            ], limit=1)
            if twin:
                raise ValidationError(_("The CashDro at %(host)s is already used by the payment method %(method)s.",
                                        host=method.cashdro_host, method=twin.display_name))
            if method.journal_id.type != "cash":
                raise ValidationError(_("A CashDro payment method needs its own cash journal."))
            if not 200 <= method.cashdro_poll_interval <= 10000:
                raise ValidationError(_("The CashDro poll interval must be between 200 and 10000 ms."))
            if not 1000 <= method.cashdro_timeout <= 60000:
                raise ValidationError(_("The CashDro request timeout must be between 1000 and 60000 ms."))

    # ------------------------------------------------------------------ POS data
    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + [
            "cashdro_host", "cashdro_port", "cashdro_scheme", "cashdro_posid",
            "cashdro_poll_interval", "cashdro_timeout",
        ]

    def _load_pos_data(self, data):
        """Add the machine credentials, but only for the CashDro methods of this register."""
        result = super()._load_pos_data(data)
        config = self.env["pos.config"].browse(data["pos.config"]["data"][0]["id"])
        own = config.payment_method_ids.filtered(lambda m: m.use_payment_terminal == "cashdro").sudo()
        credentials = {m.id: {f: m[f] or "" for f in CREDENTIAL_FIELDS} for m in own}
        for record in result["data"]:
            record.update(credentials.get(record["id"], dict.fromkeys(CREDENTIAL_FIELDS, False)))
        result["fields"] = list(result["fields"]) + list(CREDENTIAL_FIELDS)
        return result

    # ------------------------------------------------------------------ backend check
    def _cashdro_base_url(self):
        self.ensure_one()
        port = f":{self.cashdro_port}" if self.cashdro_port else ""
        return f"{self.cashdro_scheme or 'https'}://{self.cashdro_host}{port}"

    def action_cashdro_test_connection(self):
        """Ask the machine (from the server) whether it answers and accepts the credentials."""
        self.ensure_one()
        if not self.cashdro_host:
            raise UserError(_("Set the CashDro host first."))
        method = self.sudo()
        url = f"{self._cashdro_base_url()}/Cashdro3WS/index3.php"
        params = {"operation": "doTest", "name": method.cashdro_user or "", "password": method.cashdro_password or ""}
        ok, message = False, ""
        try:
            # The machine ships a self-signed certificate: the server cannot verify it.
            response = requests.get(url, params=params, timeout=max(self.cashdro_timeout, 1000) / 1000.0,
                                    verify=False)  # noqa: S501
            body = response.json()
            code = int(body.get("code", 0))
            if code == 1:
                ok = True
                message = _("The CashDro at %(url)s answers and accepts the credentials.", url=self._cashdro_base_url())
            else:
                message = _("The CashDro answered with an error: %(hint)s.",
                            hint=str(ERROR_HINTS[code]) if code in ERROR_HINTS
                            else (body.get("response") or {}).get("errorMessage") or code)
        except requests.exceptions.SSLError:
            message = _("TLS error while talking to %(url)s.", url=url)
        except requests.exceptions.Timeout:
            message = _("No answer from %(url)s within the timeout.", url=url)
        except requests.exceptions.ConnectionError:
            message = _("Cannot reach %(url)s: check the host, the port, the scheme (HTTP is off by default on the "
                        "machine) and the network.", url=url)
        except ValueError:
            message = _("%(url)s answered, but not like a CashDro (no JSON).", url=url)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"title": _("CashDro connection"), "message": message,
                       "type": "success" if ok else "danger", "sticky": not ok},
        }

    # ------------------------------------------------------------------ demo
    @api.model
    def _cashdro_demo_setup(self):
        """Demo data: a "CashDro (demo)" method on the main shop, pointed at tools/demo_service."""
        config = self.env.ref("point_of_sale.pos_config_main", raise_if_not_found=False)
        if not config or config.current_session_id or not config.company_id.chart_template:
            _logger.info("CashDro demo method not created (no main shop, open session or no chart of accounts)")
            return
        if self.search_count([("use_payment_terminal", "=", "cashdro"), ("company_id", "=", config.company_id.id)]):
            return
        journal = self.env["account.journal"].create({
            "name": "CashDro (demo)", "type": "cash", "code": "CDRD", "company_id": config.company_id.id,
        })
        method = self.create({
            "name": "CashDro (demo)", "journal_id": journal.id, "company_id": config.company_id.id,
            "payment_method_type": "terminal", "use_payment_terminal": "cashdro",
            "cashdro_host": "127.0.0.1", "cashdro_port": 8561, "cashdro_scheme": "http",
            "cashdro_user": "pos", "cashdro_password": "0000",
        })
        config.payment_method_ids = [Command.link(method.id)]

    # ------------------------------------------------------------------ POS RPC
    def cashdro_log_event(self, session_id, event, values):
        """The POS reports one protocol event (start, cancel, error, finish, import); never raises."""
        self.ensure_one()
        if not self.env.user._lp_is_pos_user():
            return {"ok": False, "message": _("Only Point of Sale users may report CashDro events.")}
        session = self.env["pos.session"].browse(int(session_id or 0)).exists()
        if not session or self not in session.config_id.payment_method_ids or self.use_payment_terminal != "cashdro":
            return {"ok": False, "message": _("This CashDro is not used by that session.")}
        log = self.env["pos.cashdro.operation.log"]
        if event not in dict(log._fields["event"].selection) or event in SERVER_EVENTS:
            return {"ok": False, "message": _("Unknown CashDro event %(event)s.", event=event)}
        vals = log._vals_from_pos(self, session, event, values or {})
        return {"ok": True, "id": log.sudo().create(vals).id}

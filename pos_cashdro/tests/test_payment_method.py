"""Configuration: terminal type, credentials only in the registers that use them, Test connection."""

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.pos_loss_prevention_base.tests.common import LossPreventionCommon

from .common import SimulatorClient, start_simulator


class CashdroCommon(LossPreventionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sim = start_simulator(cls)
        cls.cashdro_journal = cls.env["account.journal"].create({
            "name": "CashDro 1", "type": "cash", "code": "CDR1", "company_id": cls.company.id,
        })
        cls.cashdro_pm = cls.env["pos.payment.method"].create({
            "name": "CashDro", "journal_id": cls.cashdro_journal.id, "payment_method_type": "terminal",
            "use_payment_terminal": "cashdro", "cashdro_host": "127.0.0.1", "cashdro_port": cls.sim.http_port,
            "cashdro_scheme": "http", "cashdro_user": "pos", "cashdro_password": "0000",
            "company_id": cls.company.id,
        })
        cls.config.write({"payment_method_ids": [Command.link(cls.cashdro_pm.id)]})
        cls.other_config = cls.env["pos.config"].create({"name": "Other Shop"})


@tagged("post_install", "-at_install")
class TestCashdroPaymentMethod(CashdroCommon):
    def test_terminal_selection_and_defaults(self):
        self.assertIn(("cashdro", "CashDro"), self.cashdro_pm._get_payment_terminal_selection())
        self.assertEqual(self.cashdro_pm.use_payment_terminal, "cashdro", "kept on a cash journal")
        defaults = self.env["pos.payment.method"].default_get(["cashdro_scheme", "cashdro_poll_interval"])
        self.assertEqual(defaults, {"cashdro_scheme": "https", "cashdro_poll_interval": 1000})
        self.assertFalse(self.cashdro_pm.hide_use_payment_terminal)

    def test_cashdro_needs_cash_journal_and_sane_timings(self):
        with self.assertRaises(ValidationError):
            self.cashdro_pm.cashdro_poll_interval = 10
        bank_journal = self.env["account.journal"].create({"name": "B", "type": "bank", "code": "CDRB"})
        with self.assertRaises(ValidationError):
            self.env["pos.payment.method"].create({
                "name": "Bad", "journal_id": bank_journal.id, "payment_method_type": "terminal",
                "use_payment_terminal": "cashdro",
            })

    def test_one_method_per_machine(self):
        journal = self.env["account.journal"].create({"name": "CashDro 2", "type": "cash", "code": "CDR2"})
        vals = {"name": "CashDro twin", "journal_id": journal.id, "payment_method_type": "terminal",
                "use_payment_terminal": "cashdro", "cashdro_host": "127.0.0.1", "cashdro_port": self.sim.http_port}
        with self.assertRaises(ValidationError):
            self.env["pos.payment.method"].create(vals)
        self.env["pos.payment.method"].create(dict(vals, cashdro_host="192.168.1.51"))

    def test_password_not_readable_by_till_user(self):
        with self.assertRaises(AccessError):
            self.cashdro_pm.with_user(self.till_user).read(["cashdro_password"])
        self.assertEqual(self.cashdro_pm.with_user(self.manager_user).cashdro_password, "0000")

    def test_credentials_loaded_only_for_registers_using_the_method(self):
        session = self.open_till()
        data = session.load_data(["pos.config", "pos.payment.method"])["pos.payment.method"]
        by_id = {record["id"]: record for record in data["data"]}
        self.assertEqual(by_id[self.cashdro_pm.id]["cashdro_password"], "0000")
        self.assertIn("cashdro_password", data["fields"])
        self.assertFalse(any(r.get("cashdro_password") for r in data["data"] if r["id"] != self.cashdro_pm.id))
        # Another register (without this CashDro) loads the method's record without its credentials.
        self.other_config.open_ui()
        other = self.other_config.current_session_id.with_user(self.till_user)
        other_data = other.load_data(["pos.config", "pos.payment.method"])["pos.payment.method"]["data"]
        record = next(r for r in other_data if r["id"] == self.cashdro_pm.id)
        self.assertFalse(record["cashdro_password"])
        self.assertFalse(record["cashdro_user"])

    def _notification(self, action):
        return action["params"]["type"], action["params"]["message"]

    def test_connection_button(self):
        kind, message = self._notification(self.cashdro_pm.action_cashdro_test_connection())
        self.assertEqual(kind, "success", message)
        self.cashdro_pm.cashdro_password = "wrong"
        kind, message = self._notification(self.cashdro_pm.action_cashdro_test_connection())
        self.assertEqual(kind, "danger")
        self.assertIn("code -1", message)
        self.cashdro_pm.cashdro_password = "0000"
        SimulatorClient(self.sim).control("set_mode", mode="service_stopped")
        self.cashdro_pm.cashdro_user = "nobody"
        kind, message = self._notification(self.cashdro_pm.action_cashdro_test_connection())
        self.assertIn("code -1", message)
        SimulatorClient(self.sim).control("reset_all")
        self.cashdro_pm.write({"cashdro_user": "pos", "cashdro_port": 1})
        kind, message = self._notification(self.cashdro_pm.action_cashdro_test_connection())
        self.assertEqual(kind, "danger")
        self.assertIn("Cannot reach", message)

    def test_neutralize_blanks_credentials(self):
        self.env.flush_all()
        with open(__file__.replace("tests/test_payment_method.py", "data/neutralize.sql")) as sql:
            self.env.cr.execute(sql.read())
        self.cashdro_pm.invalidate_recordset()
        self.assertFalse(self.cashdro_pm.cashdro_host)
        self.assertFalse(self.cashdro_pm.cashdro_password)

"""Fixtures shared by the suite's tests: a POS shop, a till user, a manager and employees with PINs."""

import odoo
from odoo import Command
from odoo.tests import HttpCase

from odoo.addons.point_of_sale.tests.common import TestPoSCommon

MANAGER_PIN = "1357"
SUPERVISOR_PIN = "2468"


class LossPreventionCommon(TestPoSCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = cls.basic_config
        group_user = cls.env.ref("point_of_sale.group_pos_user")
        group_manager = cls.env.ref("point_of_sale.group_pos_manager")
        cls.till_user = cls.env["res.users"].create({
            "name": "Till User", "login": "lp_till_user", "password": "lp_till_user", "email": "till@example.com",
            "groups_id": [Command.set([group_user.id, cls.env.ref("base.group_user").id])],
            "company_id": cls.company.id, "company_ids": [Command.set([cls.company.id])],
        })
        cls.manager_user = cls.env["res.users"].create({
            "name": "Shop Manager", "login": "lp_manager", "password": "lp_manager", "email": "manager@example.com",
            "groups_id": [Command.set([group_manager.id, cls.env.ref("base.group_user").id])],
            "company_id": cls.company.id, "company_ids": [Command.set([cls.company.id])],
        })
        Employee = cls.env["hr.employee"]
        cls.cashier = Employee.create({
            "name": "Carla Cashier", "user_id": cls.till_user.id, "company_id": cls.company.id,
        })
        cls.manager = Employee.create({
            "name": "Mona Manager", "user_id": cls.manager_user.id, "company_id": cls.company.id,
            "pos_approval_pin": MANAGER_PIN,
        })
        # Has a PIN but is neither a POS manager nor an advanced employee: may approve nothing.
        cls.outsider = Employee.create({
            "name": "Olga Outsider", "company_id": cls.company.id, "pos_approval_pin": SUPERVISOR_PIN,
        })

    def setUp(self):
        super().setUp()
        # Refusals are written in a detached transaction (registry.cursor()): in registry test mode that
        # cursor shares the test's transaction, so the detached row sees the test's data and is rolled
        # back with it. Catch refusals with try/except, not assertRaises (its savepoint rolls the row back).
        if not self.registry.in_test_mode():
            self.registry.enter_test_mode(self.cr)
            self.addCleanup(self.registry.leave_test_mode)

    def open_till(self, opening_cash=0):
        """Open a session on the shop, as the till user would."""
        session = self.open_new_session(opening_cash)
        return session.with_user(self.till_user)


class EvidenceButtonCase(HttpCase):
    """Verify Integrity as the web client calls it: the list header button (``display="always"``)
    POSTs /web/dataset/call_button with the selected ids (none, or some) as first argument.

    Each addon's test calls ``assert_verify_button(model, vals_list)`` with rows of its own log.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lp_log_manager = cls.env["res.users"].create({
            "name": "Log Reader", "login": "lp_log_reader", "password": "lp_log_reader",
            "groups_id": [Command.set([cls.env.ref("point_of_sale.group_pos_manager").id,
                                  cls.env.ref("base.group_user").id])],
            "company_id": cls.env.company.id, "company_ids": [Command.set([cls.env.company.id])],
        })

    def lp_session(self):
        """An open session of the demo shop, for logs whose rows need one."""
        config = self.env.ref("point_of_sale.pos_config_main")
        if not config.current_session_id:
            config.open_ui()
        return config.current_session_id

    def lp_authenticate(self, login="lp_log_reader"):
        self.authenticate(login, login)
        # No device log: without the optional geoip2 package Odoo 18's device trace of a
        # non-browser client fails (NameError in odoo.http.GeoIP), which is not what is tested.
        self.session._trace_disable = True
        odoo.http.root.session_store.save(self.session)

    def call_list_button(self, model, method, ids=()):
        return self.make_jsonrpc_request(f"/web/dataset/call_button/{model}/{method}", {
            "model": model, "method": method, "args": [list(ids)],
            "kwargs": {"context": {"lang": "en_US", "uid": self.lp_log_manager.id}},
        })

    def assert_verify_button(self, model, vals_list):
        rows = self.env[model].sudo().create(vals_list)
        self.lp_authenticate()
        for selected in ([], rows.ids):
            action = self.call_list_button(model, "action_evidence_verify_integrity", selected)
            self.assertEqual((action["type"], action["tag"]), ("ir.actions.client", "display_notification"))
            self.assertEqual(action["params"]["type"], "success", action["params"]["message"])
            self.assertIn("chain intact", action["params"]["message"])
        # Tail truncation: the last row deleted in SQL leaves a valid-looking chain; the witness tells.
        last = rows.sorted("evidence_sequence")[-1]
        self.env.cr.execute(f'DELETE FROM "{rows._table}" WHERE id = %s', [last.id])
        action = self.call_list_button(model, "action_evidence_verify_integrity", [])
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("TRUNCATED", action["params"]["message"])
        return rows

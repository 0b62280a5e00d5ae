"""Observe first, then enforce, per shop: the switch, its defaults and the base's checklist."""

from odoo.api import call_kw
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.pos_loss_prevention_base.models.pos_config import PARAM_ENFORCE_NEW_SHOPS

from .common import LossPreventionCommon


@tagged("post_install", "-at_install")
class TestEnforcementSwitch(LossPreventionCommon):
    def running_shop(self):
        """As installed into a running shop (no suite demo data): new shops observe."""
        self.env["ir.config_parameter"].sudo().set_param(PARAM_ENFORCE_NEW_SHOPS, False)
        return self.env["pos.config"].create({"name": "Shop installed into"})

    def test_demo_database_enforces_every_shop_and_new_ones(self):
        self.assertTrue(self.config.lp_enforced, "the demo (and the suite's tests) run enforced")
        self.assertTrue(self.env.ref("point_of_sale.pos_config_main").sudo().lp_enforced)

    def test_running_shop_observes_by_default(self):
        config = self.running_shop()
        self.assertFalse(config.lp_enforced)
        self.assertFalse(config._lp_enforced())

    def test_session_follows_the_switch_of_its_opening(self):
        session = self.open_till()
        self.assertTrue(session.lp_enforced)
        self.assertTrue(session._lp_enforced())
        self.config.lp_enforced = False  # switching off applies at once
        self.assertFalse(session._lp_enforced())
        self.config.lp_enforced = True
        self.assertTrue(session._lp_enforced())

    def test_session_opened_before_the_install_is_never_enforced(self):
        session = self.open_till()
        # What the install leaves on sessions that exist already: the column is empty.
        self.env.cr.execute("UPDATE pos_session SET lp_enforced = NULL WHERE id = %s", [session.id])
        session.invalidate_recordset(["lp_enforced"])
        self.assertFalse(session._lp_enforced(), "no retroactive gate on a session opened before the install")

    def test_session_opened_while_observing_stays_observed(self):
        self.config.lp_enforced = False
        session = self.open_till()
        self.config.lp_enforced = True
        self.assertFalse(session._lp_enforced(), "switching on applies from the next session")

    def test_cashier_cannot_switch(self):
        config = self.config.with_user(self.till_user)
        with self.assertRaises(AccessError):
            config.write({"lp_enforced": False})
        with self.assertRaises(AccessError):
            config.action_lp_observe()
        with self.assertRaises(AccessError):
            self.running_shop().with_user(self.till_user).action_lp_enforce()

    def test_till_user_cannot_switch_by_raw_rpc(self):
        """What /web/dataset/call_kw runs for the till's user."""
        Config = self.env["pos.config"].with_user(self.till_user)
        for method, args in (("write", [[self.config.id], {"lp_enforced": False}]),
                             ("action_lp_observe", [[self.config.id]])):
            with self.assertRaises(AccessError):
                call_kw(Config, method, args, {})
        self.assertTrue(self.config.lp_enforced)

    def test_manager_switches_from_the_button(self):
        config = self.running_shop().with_user(self.manager_user)
        self.assertTrue(config.action_lp_enforce())
        self.assertTrue(config.lp_enforced)
        config.action_lp_observe()
        self.assertFalse(config.lp_enforced)

    def test_checklist_names_the_supervisors_with_a_pin(self):
        items = [item for item in self.config._lp_enforcement_checklist()
                 if item["addon"] == "pos_loss_prevention_base"]
        self.assertTrue(items[0]["ok"], items)
        self.assertIn("have an approval PIN", items[0]["label"])
        self.env["hr.employee"].search([]).sudo().write({"pos_approval_pin_hash": False})
        item = [item for item in self.config._lp_enforcement_checklist()
                if item["addon"] == "pos_loss_prevention_base"][0]
        self.assertFalse(item["ok"])
        self.assertIn("No supervisor has an approval PIN", item["label"])
        self.assertIn("No supervisor has an approval PIN", self.config.lp_checklist_html)

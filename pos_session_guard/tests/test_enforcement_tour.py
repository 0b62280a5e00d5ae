from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import create_tour_manager


@tagged("post_install", "-at_install")
class TestEnforcementTour(TestPointOfSaleHttpCommon):
    def test_owner_switches_enforcement_on_and_the_till_meets_the_first_gate(self):
        config = self.main_pos_config
        config.lp_enforced = False  # as installed into a running shop
        create_tour_manager(self.env, self.pos_admin)
        # The shop's owner: POS manager and settings (pos_admin belongs to the tests' company).
        self.pos_admin.groups_id += self.env.ref("base.group_system")
        # The POS settings open on the shop modified last.
        self.env.flush_all()
        self.env.cr.execute("UPDATE pos_config SET write_date = now() + interval '1 hour' WHERE id = %s", [config.id])
        self.start_tour("/odoo/action-point_of_sale.action_pos_configuration", "LpSwitchEnforcementOn",
                        login="pos_admin")
        self.assertTrue(config.lp_enforced)
        config.with_user(self.pos_user).open_ui()
        session = config.current_session_id
        self.assertTrue(session._lp_enforced())
        self.start_pos_tour("LpFirstGateAfterEnforcement", login="pos_user")
        self.assertNotEqual(session.state, "closed")
        blocked = self.env["pos.session.guard.log"].search(
            [("session_id", "=", session.id), ("outcome", "=", "blocked")])
        self.assertEqual(blocked.difference, 40)

"""Issue 10: one "is a POS user / manager" check for the suite (res.users._lp_is_pos_*)."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LossPreventionCommon


@tagged("post_install", "-at_install")
class TestPosUserCheck(LossPreventionCommon):
    def test_the_helpers_follow_the_pos_groups(self):
        internal = self.env["res.users"].create({
            "name": "Back Office", "login": "lp_back_office",
            "groups_id": [Command.set(self.env.ref("base.group_user").ids)]})
        self.assertEqual((self.till_user._lp_is_pos_user(), self.till_user._lp_is_pos_manager()), (True, False))
        self.assertEqual((self.manager_user._lp_is_pos_user(), self.manager_user._lp_is_pos_manager()), (True, True))
        self.assertEqual((internal._lp_is_pos_user(), internal._lp_is_pos_manager()), (False, False))
        # The till's RPCs go through it: a user outside the POS groups is refused.
        session = self.open_till()
        with self.assertRaises(AccessError):
            session.with_user(internal)._lp_check_till()
        session._lp_check_till()  # the till user

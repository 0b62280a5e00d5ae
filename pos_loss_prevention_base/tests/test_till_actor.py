"""Who is at the till: the one resolver (``pos.session._lp_till_actor``) and where logins are kept."""

from psycopg2 import errors

from odoo import Command, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

from .common import LossPreventionCommon


@tagged("post_install", "-at_install")
class TestTillActor(LossPreventionCommon):
    def test_without_employee_login_the_user_employee_asks(self):
        """Raw RPC without employee login: the requester is the Odoo user's employee, whatever the
        client names (here another employee, or nobody)."""
        session = self.open_till()
        self.assertFalse(session.config_id.module_pos_hr)
        self.assertEqual(session._lp_till_actor(), self.cashier)
        self.assertEqual(session._lp_till_actor(self.manager.id), self.cashier)
        for requested_by_id in (None, self.outsider.id):
            session.lp_request_approval("test", self.manager.id, "0000", requested_by_id=requested_by_id)
        rows = self.env["pos.pin.attempt.log"].search([("session_id", "=", session.id)])
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows.mapped("requested_by_id"), self.cashier)

    def test_user_without_employee_is_nobody(self):
        """A till user without an employee: nobody, even when the client names an employee."""
        stranger = self.env["res.users"].create({
            "name": "No Employee", "login": "lp_no_employee",
            "groups_id": [Command.set([self.env.ref("point_of_sale.group_pos_user").id,
                                  self.env.ref("base.group_user").id])],
            "company_id": self.company.id, "company_ids": [Command.set([self.company.id])],
        })
        self.env["hr.employee"].search([("user_id", "=", stranger.id)]).user_id = False
        session = self.open_till().with_user(stranger)
        self.assertFalse(session._lp_till_actor(self.cashier.id))

    def test_latest_recorded_login_is_the_till_employee(self):
        session = self.open_till()
        self.assertFalse(session.lp_login_employee_id)
        session.sudo()._lp_record_login(self.cashier)
        session.sudo()._lp_record_login(self.manager)
        self.assertEqual(session.lp_login_employee_id, self.manager)
        self.assertFalse(session._fields["lp_login_employee_id"].store, "never a column of pos_session")


@tagged("post_install", "-at_install")
class TestLoginDoesNotContendWithTheSession(BaseCase):
    """Issue 9 item 7: a login is an insert beside the session row, never an UPDATE of it, so a
    transaction that writes the session meanwhile (order sync, login counter) makes no one fail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            # A rescue session: allowed beside the shop's own, and gone again after the class.
            config = env["pos.config"].search([], limit=1)
            cls.session_id = env["pos.session"].create({
                "config_id": config.id, "user_id": env.uid, "rescue": True, "name": "LP login race"}).id
            cls.employee_ids = env["hr.employee"].search([], limit=2).ids

    @classmethod
    def tearDownClass(cls):
        with cls.registry.cursor() as cr:
            cr.execute("DELETE FROM pos_session_login WHERE session_id = %s", [cls.session_id])
            cr.execute("DELETE FROM pos_session WHERE id = %s", [cls.session_id])
        super().tearDownClass()

    def _race(self, write_session_first):
        cr_a, cr_b = self.registry.cursor(), self.registry.cursor()
        try:
            # Both snapshots are taken before either commits, as two simultaneous RPCs would.
            cr_a.execute("SELECT 1")
            cr_b.execute("SELECT 1")
            env_a = api.Environment(cr_a, api.SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, api.SUPERUSER_ID, {})
            session_a = env_a["pos.session"].browse(self.session_id)
            session_b = env_b["pos.session"].browse(self.session_id)
            if write_session_first:
                # The till's own write on its session (the login counter, as pos.session.login does).
                session_a.write({"login_number": session_a.login_number + 1})
                session_a.flush_recordset()
                cr_a.commit()
            session_b._lp_record_login(env_b["hr.employee"].browse(self.employee_ids[0]))
            session_b.env.flush_all()
            if not write_session_first:
                session_a.write({"login_number": session_a.login_number + 1})
                session_a.flush_recordset()
                cr_a.commit()
            cr_b.commit()
        finally:
            cr_a.close()
            cr_b.close()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.assertEqual(env["pos.session"].browse(self.session_id).lp_login_employee_id.id, self.employee_ids[0])

    def test_login_after_a_concurrent_session_write(self):
        try:
            self._race(write_session_first=True)
        except errors.SerializationFailure:
            self.fail("a login must not fail to serialise against the session's own writes")

    def test_session_write_during_a_login(self):
        try:
            self._race(write_session_first=False)
        except errors.SerializationFailure:
            self.fail("the session's own write must not fail to serialise against a login")

    def test_two_logins_at_once(self):
        cr_a, cr_b = self.registry.cursor(), self.registry.cursor()
        try:
            cr_a.execute("SELECT 1")
            cr_b.execute("SELECT 1")
            for cr, employee_id in ((cr_a, self.employee_ids[0]), (cr_b, self.employee_ids[-1])):
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                env["pos.session"].browse(self.session_id)._lp_record_login(env["hr.employee"].browse(employee_id))
                env.flush_all()
            cr_a.commit()
            cr_b.commit()
        finally:
            cr_a.close()
            cr_b.close()

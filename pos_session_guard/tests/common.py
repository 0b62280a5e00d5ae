from odoo.exceptions import UserError

from odoo.addons.pos_loss_prevention_base.tests.common import MANAGER_PIN, LossPreventionCommon


def create_tour_manager(env, user):
    """Mona Manager, the employee of the tours' POS manager ``user``, approval PIN ``MANAGER_PIN``."""
    return env["hr.employee"].create({
        "name": "Mona Manager", "user_id": user.id, "company_id": env.company.id, "pos_approval_pin": MANAGER_PIN,
    })


class GuardCommon(LossPreventionCommon):
    """A shop with cash control; its session starts with 100 in the drawer (expected = 100)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assertTrue(cls, cls.config.cash_control)
        journal = cls.config.payment_method_ids.filtered(lambda pm: pm.type == "cash")[:1].journal_id
        if not journal.loss_account_id or not journal.profit_account_id:
            account = cls.company_data["default_account_revenue"]
            journal.write({"loss_account_id": account.id, "profit_account_id": account.id})

    employee_login = False  # pos_hr's employee login; it cannot change while a session is open

    def setUp(self):
        super().setUp()
        if self.employee_login:
            self.config.module_pos_hr = True
        self.session = self.open_till(opening_cash=100)
        self.Log = self.env["pos.session.guard.log"]

    def logs(self, outcome=None):
        domain = [("session_id", "=", self.session.id)]
        if outcome:
            domain.append(("outcome", "=", outcome))
        return self.Log.search(domain)

    def assertBlocked(self, call, *args, **kwargs):
        """Like assertRaises(UserError) but without its savepoint, so the evidence written in a
        separate transaction (a test cursor shares the connection) stays visible to the test."""
        try:
            call(*args, **kwargs)
        except UserError as error:
            self.assertIn("Closing refused", str(error))
            return error
        self.fail(f"{call.__name__} should have refused to close")

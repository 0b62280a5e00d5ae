from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

# What each suite addon's manifest excludes, and why (README, "Other POS modules"). A line here
# that disappears from a manifest fails this test; a module of the suite not installed is skipped
# over (each addon installs alone).
EXPECTED_EXCLUSIONS = {
    "pos_cashdro": {"pos_payment_method_cashdro"},
    "pos_session_guard": {"pos_cash_control_extension"},
    "pos_ledger_reconciliation": {"pos_cash_control_extension"},
}


@tagged("post_install", "-at_install")
class TestModuleExclusions(TransactionCase):
    """OCA modules that cannot share a database with a suite addon are refused at install by Odoo
    (the manifest's `excludes`), with its "incompatible" message, instead of breaking silently."""

    def test_exclusions_are_declared_and_enforced(self):
        Module = self.env["ir.module.module"]
        installed = Module.search([("name", "in", list(EXPECTED_EXCLUSIONS)), ("state", "=", "installed")])
        # The base alone (bin/suite-test pos_loss_prevention_base) declares no exclusion.
        for module in installed:
            self.assertEqual(set(module.exclusion_ids.mapped("name")), EXPECTED_EXCLUSIONS[module.name])
            for name in EXPECTED_EXCLUSIONS[module.name]:
                # The OCA addons folder is not on every run's path: a record as `update_list` makes it.
                other = Module.search([("name", "=", name)]) or Module.create(
                    {"name": name, "state": "uninstalled", "shortdesc": name})
                with self.assertRaisesRegex(UserError, "incompatible"):
                    other.button_install()
                other.button_install_cancel()

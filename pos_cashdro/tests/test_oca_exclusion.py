from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestOcaCashdroExclusion(TransactionCase):
    """OCA's pos_payment_method_cashdro spells the same terminal key ("cashdro") and the same
    credential fields: with both, the last one loaded would own the payment interface and the
    password would reach the till. Odoo refuses to install a module its manifest excludes."""

    def test_manifest_exclusion_is_registered(self):
        module = self.env["ir.module.module"].search([("name", "=", "pos_cashdro")])
        self.assertIn("pos_payment_method_cashdro", module.exclusion_ids.mapped("name"))

    def test_installing_the_excluded_module_is_refused(self):
        # An OCA addons folder is not on the path in every run: the refusal is Odoo's, tested
        # here on a module record as `update_list` would create it.
        oca = self.env["ir.module.module"].create({
            "name": "pos_payment_method_cashdro", "state": "uninstalled", "shortdesc": "OCA CashDro"})
        with self.assertRaisesRegex(UserError, "incompatible"):
            oca.button_install()

"""Runs the protocol client's JS unit tests headless with node's own test runner."""

import os
import shutil
import subprocess

from odoo.tests import BaseCase, tagged


@tagged("post_install", "-at_install")
class TestCashdroJsClient(BaseCase):
    def test_node_unit_tests(self):
        node = shutil.which("node")
        self.assertTrue(node, "node is needed for the protocol client's unit tests")
        folder = os.path.join(os.path.dirname(os.path.dirname(__file__)), "static", "tests", "node")
        run = subprocess.run(
            [node, "--experimental-default-type=module", "--test", folder],
            capture_output=True, text=True, timeout=120, check=False,
        )
        self.assertEqual(run.returncode, 0, run.stdout[-3000:] + run.stderr[-2000:])
        self.assertIn("# fail 0", run.stdout)

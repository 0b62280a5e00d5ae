"""Simulated CashDro machines for the tests (real HTTP servers on 127.0.0.1, fixed ports for tours)."""

import json
import socket
import time
from urllib.parse import urlencode
from urllib.request import urlopen

from odoo.addons.pos_cashdro.tools.cashdro_simulator import CashDroSimulator

# Tours: the control API listens on the port after the HTTP port, which the tour's JavaScript reads
# from the payment method (static/tests/tours/cashdro_tours.js). Searched from here upwards, so two
# test runs on one host do not collide.
TOUR_PORT_BASE = 8550
# The demo data's "CashDro (demo)" method points at tools/demo_service on this HTTP port; a simulator
# there would be refused as a second method for the same machine (one payment method per machine).
DEMO_SERVICE_PORT = 8561
# Fast machine: the tests wait on the protocol, not on motors.
FAST = {"auto_ack_ms": 50, "dispense_ms_per_piece": 10, "bill_take_ms": 0}


def start_simulator(test_class, ports=(0, 0, 0), **kwargs):
    kwargs.setdefault("settings", dict(FAST))
    sim = CashDroSimulator(https_port=ports[0], http_port=ports[1], control_port=ports[2], **kwargs).start()
    test_class.addClassCleanup(sim.stop)
    return sim


def _free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def start_tour_simulator(test_class, **kwargs):
    """A simulator whose control port is its HTTP port + 1 (what the tours expect)."""
    for http_port in range(TOUR_PORT_BASE + 1, TOUR_PORT_BASE + 400, 2):
        if http_port != DEMO_SERVICE_PORT and _free(http_port) and _free(http_port + 1):
            try:
                return start_simulator(test_class, (0, http_port, http_port + 1), **kwargs)
            except OSError:
                continue  # taken in between by another run
    raise OSError("no free port pair for the CashDro simulator")


class SimulatorClient:
    """What a client on the LAN does: GET index3.php?operation=...&name=...&password=..."""

    def __init__(self, sim, user="pos", password="0000"):
        self.sim, self.user, self.password = sim, user, password

    def call(self, operation, **params):
        query = dict(params, operation=operation, name=self.user, password=self.password)
        with urlopen(f"{self.sim.http_url}/Cashdro3WS/index3.php?{urlencode(query)}", timeout=10) as response:
            return json.loads(response.read())

    def control(self, command, **params):
        with urlopen(f"{self.sim.control_url}/{command}?{urlencode(params)}", timeout=15) as response:
            return json.loads(response.read())

    def start_sale(self, amount, op_type=4, **params):
        body = self.call("startOperation", type=op_type, parameters=json.dumps({"amount": str(amount)}), **params)
        op_id = body["response"]["operation"]["operationId"]
        self.call("acknowledgeOperationId", operationId=op_id)
        return op_id

    def wait_state(self, op_id, state="F", timeout=5.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            op = self.call("askOperation", operationId=op_id)["response"]["operation"]
            if op["operation"]["state"] == state:
                return op
            time.sleep(0.02)
        raise AssertionError(f"operation {op_id} never reached {state}")

"""Simulated CashDro machines for the tests (real HTTP servers on 127.0.0.1, fixed ports for tours)."""

import json
import time
from urllib.parse import urlencode
from urllib.request import urlopen

from odoo.addons.pos_cashdro.tools.cashdro_simulator import CashDroSimulator

# Fixed ports: the tours' JavaScript reaches the control APIs at these (static/tests/tours).
SIM_A_PORTS = (8550, 8551, 8552)  # https, http, control
SIM_B_PORTS = (8553, 8554, 8555)
# Fast machine: the tests wait on the protocol, not on motors.
FAST = {"auto_ack_ms": 50, "dispense_ms_per_piece": 10, "bill_take_ms": 0}


def start_simulator(test_class, ports=(0, 0, 0), **kwargs):
    kwargs.setdefault("settings", dict(FAST))
    sim = CashDroSimulator(https_port=ports[0], http_port=ports[1], control_port=ports[2], **kwargs).start()
    test_class.addClassCleanup(sim.stop)
    return sim


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

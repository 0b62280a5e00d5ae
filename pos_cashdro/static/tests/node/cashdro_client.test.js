/** @odoo-module ignore */
// Headless unit tests of the protocol client, with node's own test runner (no browser, no Odoo):
//   node --experimental-default-type=module --test pos_cashdro/static/tests/node/
// A fake fetch answers like the machine; the Python suite runs this file too (test_js_client.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
    CashdroClient,
    CashdroError,
    fromMinorUnits,
    parseOperation,
    toMinorUnits,
} from "../../src/app/cashdro_client.js";

function fakeFetch(answers, calls) {
    return async (url) => {
        const params = Object.fromEntries(new URL(url).searchParams);
        calls.push(params);
        const answer = answers[params.operation];
        const value = typeof answer === "function" ? answer(params, calls) : answer;
        if (value instanceof Error) {
            throw value;
        }
        return { ok: true, status: 200, text: async () => JSON.stringify(value) };
    };
}

const ok = (payload = {}) => ({ code: 1, response: { errorMessage: "none", ...payload } });
const client = (answers, calls = []) =>
    new CashdroClient({
        baseUrl: "http://127.0.0.1:1/",
        user: "pos",
        password: "0&0=0",
        posid: "Shop 1",
        fetch: fakeFetch(answers, calls),
    });

test("minor units for 0, 2 and 3 decimals", () => {
    assert.equal(toMinorUnits(18.25, 2), 1825);
    assert.equal(toMinorUnits(1.005, 3), 1005);
    assert.equal(toMinorUnits(1200, 0), 1200);
    assert.equal(toMinorUnits(-4.99, 2), 499);
    assert.equal(fromMinorUnits("1825", 2), 18.25);
    assert.equal(fromMinorUnits(1005, 3), 1.005);
    assert.equal(fromMinorUnits(1200, 0), 1200);
});

test("startOperation sends type, amount in minor units, posid, aliasid and encoded credentials", async () => {
    const calls = [];
    const c = client({ startOperation: ok({ operation: { operationId: "452" } }) }, calls);
    const id = await c.startOperation(4, 1825, { aliasid: "uuid-1" });
    assert.equal(id, "452");
    assert.equal(calls[0].type, "4");
    assert.equal(calls[0].password, "0&0=0");
    assert.equal(calls[0].posid, "Shop 1");
    assert.equal(calls[0].aliasid, "uuid-1");
    assert.deepEqual(JSON.parse(calls[0].parameters), { amount: "1825" });
});

test("error codes become kinds", async () => {
    const c = client({
        startOperation: { code: -2, response: { errorMessage: "Operation not queued" } },
        doTest: { code: -1, response: { errorMessage: "Authentication Failed" } },
        finishOperation: { code: -2, response: { errorMessage: "Operation not in execution" } },
        askOperation: { code: -4, response: { errorMessage: "User does not have permission" } },
    });
    await assert.rejects(c.startOperation(4, 100), (e) => e.kind === "busy" && e.code === -2);
    await assert.rejects(c.doTest(), (e) => e.kind === "auth");
    await assert.rejects(c.finishOperation("1"), (e) => e.kind === "not_in_execution");
    await assert.rejects(c.askOperation("1"), (e) => e.kind === "no_permission");
});

test("network errors are transport errors", async () => {
    const c = client({ doTest: new TypeError("Failed to fetch") });
    await assert.rejects(c.doTest(), (e) => e instanceof CashdroError && e.kind === "unreachable" && e.isTransport);
});

test("parseOperation reads totals (totalout made positive) and denominations", () => {
    const op = parseOperation({
        operation: {
            operation: { operationid: "7", state: "F", total: "1825", totalin: "1900", totalout: "-75",
                         amountchangenotavailable: "0", aliasid: "u" },
            devices: [{ type: "3", pieces: [{ value: "1000", unitsinrecycler: "1", unitsincassette: "0" }] },
                      { type: "2", pieces: [{ value: "50", unitsoutrecycler: "1" }, { value: "20", unitsoutrecycler: "1" }] }],
            messages: [{ code: "0", value: "5000" }],
            withError: "false",
        },
    });
    assert.equal(op.totalIn, 1900);
    assert.equal(op.totalOut, 75);
    assert.equal(op.state, "F");
    assert.deepEqual(op.denominations, { in: { 1000: 1 }, out: { 50: 1, 20: 1 } });
    assert.deepEqual(op.messages, [{ code: 0, value: 5000 }]);
});

test("polling survives a network drop and ends in the true final state", async () => {
    let n = 0;
    const c = client({
        askOperation: () => {
            n++;
            if (n === 2) {
                return new TypeError("Failed to fetch");
            }
            const state = n < 4 ? "E" : "F";
            return ok({ operation: { operation: { operationid: "9", state, total: "100", totalin: String(n * 50), totalout: "0" } } });
        },
    });
    const progress = [];
    let drops = 0;
    const result = await c.pollUntilFinished("9", {
        intervalMs: 0,
        sleep: async () => {},
        onProgress: (op) => progress.push(op.totalIn),
        onTransportError: () => drops++,
    });
    assert.equal(result.operation.state, "F");
    assert.equal(drops, 1);
    assert.deepEqual(progress, [50, 150, 200]);
});

test("askOperationExecuting: idle is null, busy gives the id", async () => {
    let busy = false;
    const c = client({
        askOperationExecuting: () => ok({ operation: { OperationId: busy ? "88" : "-1", PosId: "other" } }),
    });
    assert.equal(await c.askOperationExecuting(), null);
    busy = true;
    assert.deepEqual(await c.askOperationExecuting(), { id: "88", posId: "other" });
});

/** A machine that runs one operation, as an independent fake: state I until acknowledged. */
function fakeMachine({ lostAcks = 0, lostCancels = 0 } = {}) {
    const machine = { state: "I", canceled: false, lostAcks, lostCancels };
    const answers = {
        acknowledgeOperationId: () => {
            if (machine.lostAcks-- > 0) {
                return new TypeError("Failed to fetch");
            }
            if (machine.state === "I") {
                machine.state = "E";
            }
            return ok();
        },
        finishOperation: () => {
            if (machine.lostCancels-- > 0) {
                return new TypeError("Failed to fetch");
            }
            machine.state = "F";
            machine.canceled = true;
            return ok();
        },
        askOperation: () =>
            ok({
                operation: {
                    operation: { operationid: "12", state: machine.state, total: "4000", totalin: "0",
                                 totalout: "0", canceled: machine.canceled ? "1" : "0" },
                },
            }),
    };
    return { machine, answers };
}

test("a lost acknowledge is sent again by the poll while the machine shows state I", async () => {
    const calls = [];
    const { machine, answers } = fakeMachine({ lostAcks: 1 });
    const c = client(answers, calls);
    await assert.rejects(c.acknowledge("12"), (e) => e.isTransport);
    let polls = 0;
    await c.pollUntilFinished("12", {
        intervalMs: 0,
        sleep: async () => {},
        acknowledge: true,
        onProgress: () => {
            if (++polls === 3) {
                machine.state = "F"; // the customer paid
            }
        },
    });
    assert.equal(calls.filter((p) => p.operation === "acknowledgeOperationId").length, 2);
});

test("after a lost acknowledge, a pending cancel is never acknowledged and is sent again", async () => {
    const calls = [];
    const { answers } = fakeMachine({ lostAcks: 1, lostCancels: 1 });
    const c = client(answers, calls);
    await assert.rejects(c.acknowledge("12"), (e) => e.isTransport);
    // The cashier deletes the line: the cancel is lost too.
    await assert.rejects(c.finishOperation("12", 2), (e) => e.isTransport);
    await assert.rejects(c.acknowledge("12"), (e) => e.kind === "cancel_pending");
    const result = await c.pollUntilFinished("12", { intervalMs: 0, sleep: async () => {}, acknowledge: true });
    assert.equal(result.operation.state, "F");
    assert.equal(result.operation.canceled, true);
    const sent = calls.map((p) => p.operation);
    const cancelAt = sent.indexOf("finishOperation");
    assert.deepEqual(sent.slice(cancelAt).filter((op) => op === "acknowledgeOperationId"), [],
                     "never acknowledged once the cancel was asked");
    assert.equal(sent.filter((op) => op === "finishOperation").length, 2, "the lost cancel is sent again");
    assert.equal(c.cancelPending.size, 0, "forgotten once the machine reports F");
});

// Cash in / cash out through the machine (the till's cash move popup): what the machine moved at
// state F is what the till books.
function cashMoveMachine({ totalin = "0", totalout = "0", canceled = "0", busy = false, start = null } = {}) {
    let polls = 0;
    return {
        askOperationExecuting: ok({ operation: { OperationId: busy ? "77" : "-1" } }),
        startOperation: start || ok({ operation: { operationId: "601" } }),
        acknowledgeOperationId: ok(),
        askOperation: () => {
            polls += 1;
            const state = polls < 2 ? "E" : "F";
            return ok({ operation: { operation: { operationid: "601", state, totalin, totalout, canceled } } });
        },
    };
}

test("cash in: a load (type 1) books what the operator fed in, not what was asked", async () => {
    const calls = [];
    const started = [];
    const c = client(cashMoveMachine({ totalin: "5200" }), calls);
    const result = await c.cashMove("in", 5000, {
        aliasid: "move-1",
        intervalMs: 0,
        sleep: async () => {},
        onStarted: (id, type) => started.push([id, type]),
    });
    assert.deepEqual(started, [["601", 1]]);
    const start = calls.find((call) => call.operation === "startOperation");
    assert.equal(start.type, "1");
    assert.equal(start.aliasid, "move-1");
    assert.deepEqual(JSON.parse(start.parameters), { amount: "5000" });
    assert.equal(result.moved, 5200);
    assert.equal(result.type, 1);
});

test("cash out: a withdrawal (type 2) books what the machine dispensed", async () => {
    const calls = [];
    const c = client(cashMoveMachine({ totalout: "-2990" }), calls);
    const result = await c.cashMove("out", 3000, { intervalMs: 0, sleep: async () => {} });
    assert.equal(calls.find((call) => call.operation === "startOperation").type, "2");
    assert.equal(result.moved, 2990, "the machine gave less than asked: that is what left it");
});

test("cash move cancelled at the machine: nothing moved, nothing to book", async () => {
    const c = client(cashMoveMachine({ totalin: "1000", totalout: "-1000", canceled: "1" }));
    const result = await c.cashMove("in", 5000, { intervalMs: 0, sleep: async () => {} });
    assert.equal(result.moved, 0);
    assert.equal(result.canceled, true);
});

test("cash move on a busy machine or refused by it: typed error, no operation started", async () => {
    const calls = [];
    const busy = client(cashMoveMachine({ busy: true }), calls);
    await assert.rejects(busy.cashMove("in", 100), (e) => e.kind === "busy");
    assert.equal(calls.filter((call) => call.operation === "startOperation").length, 0);
    const refused = client(
        cashMoveMachine({ start: { code: -4, response: { errorMessage: "User does not have permission" } } })
    );
    await assert.rejects(refused.cashMove("out", 100), (e) => e.kind === "no_permission" && e.code === -4);
});

/**
 * CashDro LAN web-service client (/Cashdro3WS/index3.php), with no Odoo import so that it runs
 * in node's test runner too (static/tests/node/cashdro_client.test.js).
 *
 * Amounts on the wire are integers in the currency's minor units (×10^decimals). Every answer is
 * HTTP 200 with {code, response}; code 1 is success, negative codes are errors.
 */

const ERROR_KINDS = {
    "-1": "auth",
    "-2": "busy",
    "-3": "wrong_amount",
    "-4": "no_permission",
    "-99": "invalid",
    "-998": "out_of_service",
    "-999": "service_stopped",
    "-1900": "loading",
};

export class CashdroError extends Error {
    /**
     * @param {string} kind auth | busy | no_permission | loading | out_of_service | service_stopped |
     *   wrong_amount | invalid | unreachable | timeout | bad_answer | not_found | unknown
     * @param {number} code the machine's code (0 for transport errors)
     */
    constructor(kind, message, code = 0, raw = null) {
        super(message);
        this.name = "CashdroError";
        this.kind = kind;
        this.code = code;
        this.raw = raw;
    }
    /** True when the request may not have reached the machine (retry the same operation). */
    get isTransport() {
        return ["unreachable", "timeout", "bad_answer"].includes(this.kind);
    }
}

export function toMinorUnits(amount, decimals) {
    return Math.round(Math.abs(amount) * 10 ** decimals);
}

export function fromMinorUnits(units, decimals) {
    return Number((Number(units || 0) / 10 ** decimals).toFixed(decimals));
}

/**
 * Normalise an askOperation answer: numbers instead of strings, per-denomination counts when the
 * machine reports them (undocumented unitsin / unitsout fields), else none.
 */
export function parseOperation(response) {
    const root = response?.operation || {};
    const op = root.operation || root;
    const int = (v) => parseInt(v || 0, 10) || 0;
    const denominations = { in: {}, out: {} };
    for (const device of root.devices || []) {
        for (const piece of device.pieces || []) {
            const unitsIn = int(piece.unitsinrecycler) + int(piece.unitsincassette);
            const unitsOut = int(piece.unitsoutrecycler) + int(piece.unitsoutcassette);
            if (unitsIn) {
                denominations.in[piece.value] = (denominations.in[piece.value] || 0) + unitsIn;
            }
            if (unitsOut) {
                denominations.out[piece.value] = (denominations.out[piece.value] || 0) + unitsOut;
            }
        }
    }
    return {
        id: String(op.operationid || op.operationId || ""),
        state: op.state || "",
        total: int(op.total),
        totalIn: int(op.totalin),
        // Negative on the wire (manual v4.14): we keep the dispensed amount positive.
        totalOut: Math.abs(int(op.totalout)),
        changeNotAvailable: int(op.amountchangenotavailable),
        aliasId: op.aliasid || "",
        posId: op.posid || "",
        canceled: op.canceled === "1",
        withError: String(root.withError) === "true",
        messages: (root.messages || []).map((m) => ({ code: int(m.code), value: int(m.value) })),
        denominations,
    };
}

export class CashdroClient {
    /**
     * @param {object} options
     * @param {string} options.baseUrl e.g. "https://192.168.1.50" (no trailing slash)
     * @param {string} options.user
     * @param {string} options.password
     * @param {string} [options.posid]
     * @param {string} [options.posuser]
     * @param {number} [options.timeoutMs]
     * @param {Function} [options.fetch] injectable for tests
     * @param {Function} [options.onExchange] called with {operation, params, body|error} (audit)
     */
    constructor(options) {
        this.baseUrl = options.baseUrl.replace(/\/+$/, "");
        this.user = options.user || "";
        this.password = options.password || "";
        this.posid = (options.posid || "").slice(0, 50);
        this.posuser = (options.posuser || "").slice(0, 50);
        this.timeoutMs = options.timeoutMs || 10000;
        this.fetch = options.fetch || ((...args) => globalThis.fetch(...args));
        this.onExchange = options.onExchange || (() => {});
        // Operations this client asked to cancel and has not yet seen finished. Never acknowledged
        // again: after a lost acknowledge, a poll that sees state I must not start the operation
        // the cashier is cancelling (the machine would take the customer's cash for a deleted line).
        this.cancelPending = new Set();
    }

    get endpoint() {
        return `${this.baseUrl}/Cashdro3WS/index3.php`;
    }

    /** URL without credentials, to show to people and to open in a tab to accept the certificate. */
    get publicUrl() {
        return `${this.endpoint}?operation=doTest`;
    }

    async call(operation, params = {}) {
        const query = new URLSearchParams({
            operation,
            name: this.user,
            password: this.password,
            ...params,
        });
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), this.timeoutMs);
        let body;
        try {
            // A plain GET with no custom header: no CORS preflight, as the machine may not answer OPTIONS.
            const response = await this.fetch(`${this.endpoint}?${query}`, {
                method: "GET",
                signal: controller.signal,
                cache: "no-store",
            });
            if (!response.ok) {
                throw new CashdroError("bad_answer", `HTTP ${response.status}`);
            }
            const text = await response.text();
            try {
                body = JSON.parse(text);
            } catch {
                throw new CashdroError("bad_answer", "The machine did not answer JSON");
            }
        } catch (error) {
            let err = error;
            if (!(error instanceof CashdroError)) {
                err =
                    error?.name === "AbortError"
                        ? new CashdroError("timeout", `No answer within ${this.timeoutMs} ms`)
                        : new CashdroError("unreachable", String(error?.message || error));
            }
            this.onExchange({ operation, params, error: err });
            throw err;
        } finally {
            clearTimeout(timer);
        }
        this.onExchange({ operation, params, body });
        const code = parseInt(body?.code, 10);
        if (code !== 1) {
            const message = body?.response?.errorMessage || body?.data || `code ${body?.code}`;
            let kind = ERROR_KINDS[String(code)] || "unknown";
            if (code === -2 && operation !== "startOperation") {
                // -2 means "not found" / "not in execution" outside startOperation.
                kind = operation === "finishOperation" ? "not_in_execution" : "not_found";
            }
            throw new CashdroError(kind, String(message), code, body);
        }
        return body.response || {};
    }

    doTest() {
        return this.call("doTest");
    }

    /** The operation running on the machine, or null when idle. */
    async askOperationExecuting() {
        const response = await this.call("askOperationExecuting");
        const id = parseInt(response?.operation?.OperationId ?? -1, 10);
        return id > 0 ? { id: String(id), posId: response.operation.PosId || "" } : null;
    }

    /**
     * @param {3|4} type 4 = sale, 3 = payout
     * @param {number} amountMinor integer, minor units
     */
    async startOperation(type, amountMinor, { aliasid = "", posuser } = {}) {
        const response = await this.call("startOperation", {
            type: String(type),
            posid: this.posid,
            posuser: (posuser ?? this.posuser).slice(0, 50),
            aliasid: aliasid.slice(0, 50),
            parameters: JSON.stringify({ amount: String(amountMinor) }),
        });
        const id = response?.operation?.operationId;
        if (!id) {
            throw new CashdroError("bad_answer", "startOperation returned no operation id", 0, response);
        }
        return String(id);
    }

    /** Refused (kind cancel_pending, nothing sent) while a cancel of this operation is pending. */
    async acknowledge(operationId) {
        if (this.cancelPending.has(String(operationId))) {
            throw new CashdroError("cancel_pending", `Operation ${operationId} is being cancelled`);
        }
        return this.call("acknowledgeOperationId", { operationId });
    }

    async askOperation(operationId) {
        const response = await this.call("askOperation", { operationId });
        return { operation: parseOperation(response), raw: response };
    }

    /** type 1 = finish keeping what was inserted, 2 = cancel and return the inserted cash. */
    finishOperation(operationId, type = 2) {
        if (String(type) !== "1") {
            // Pending from the moment it is asked: the request itself may be the one that is lost.
            this.markCancelPending(operationId);
        }
        return this.call("finishOperation", { operationId, type: String(type) });
    }

    markCancelPending(operationId) {
        this.cancelPending.add(String(operationId));
    }

    setOperationImported(operationId) {
        return this.call("setOperationImported", { operationId });
    }

    async askPendingOperations(terminal = this.posid) {
        const response = await this.call("askPendingOperations", {
            terminal,
            importManualOperations: "false",
        });
        return (response.pendingOperations || []).map((p) => String(p.OperationId));
    }

    /**
     * A till's cash in / cash out through the machine: a load (type 1, the operator feeds the cash
     * in) or a withdrawal (type 2, the machine dispenses it). Resolves to what the machine really
     * moved at state F (`moved`, minor units, >= 0), which is what the till books, whatever was
     * asked; a cancel or a machine that moved nothing resolves with moved 0. Machine errors reject
     * with a CashdroError before or during the operation.
     * @param {"in"|"out"} direction
     * @param {number} amountMinor
     * @param {object} [options] aliasid, intervalMs, sleep, shouldStop, onProgress as
     *   pollUntilFinished; onStarted(operationId, type) once the machine gave the operation id.
     */
    async cashMove(direction, amountMinor, options = {}) {
        const type = direction === "in" ? 1 : 2;
        const running = await this.askOperationExecuting();
        if (running) {
            throw new CashdroError("busy", `Operation ${running.id} is running on the machine`, -2);
        }
        const operationId = await this.startOperation(type, amountMinor, { aliasid: options.aliasid || "" });
        options.onStarted?.(operationId, type);
        try {
            await this.acknowledge(operationId);
        } catch (error) {
            // A lost acknowledge: the poll acknowledges again while the machine shows state I.
            if (!error.isTransport) {
                throw error;
            }
        }
        const result = await this.pollUntilFinished(operationId, { ...options, acknowledge: true });
        if (!result) {
            return null; // shouldStop: the operation goes on on the machine, unbooked (closing lists it)
        }
        const op = result.operation;
        const intoMachine = op.totalIn - op.totalOut;
        return {
            operationId,
            type,
            moved: Math.max(direction === "in" ? intoMachine : -intoMachine, 0),
            canceled: op.canceled,
            operation: op,
            raw: result.raw,
        };
    }

    /**
     * Poll askOperation until state F. Transport errors (network drop) do not stop the loop: the
     * machine keeps running the operation, and we read its true final state when it is back.
     * @param {string} operationId
     * @param {object} options
     * @param {number} options.intervalMs
     * @param {Function} [options.onProgress] (operation) => void, at each answer
     * @param {Function} [options.onTransportError] (error) => void
     * @param {Function} [options.sleep] injectable for tests
     * @param {Function} [options.shouldStop] () => boolean
     * @param {boolean} [options.acknowledge] acknowledge the operation while the machine shows it
     *   in state I (a lost acknowledge), unless its cancel is pending: then the cancel is sent again.
     */
    async pollUntilFinished(operationId, options) {
        const sleep = options.sleep || ((ms) => new Promise((r) => setTimeout(r, ms)));
        const id = String(operationId);
        for (;;) {
            if (options.shouldStop?.()) {
                return null;
            }
            try {
                const result = await this.askOperation(operationId);
                options.onProgress?.(result.operation);
                const state = result.operation.state;
                if (state === "F") {
                    this.cancelPending.delete(id);
                    return result;
                }
                if (this.cancelPending.has(id)) {
                    if (!result.operation.canceled) {
                        // The cancel may not have reached the machine: ask again, never acknowledge
                        // (once the machine gives change it answers "not in execution", ignored).
                        this.call("finishOperation", { operationId: id, type: "2" }).catch(() => {});
                    }
                } else if (options.acknowledge && state === "I") {
                    this.acknowledge(id).catch(() => {});
                }
            } catch (error) {
                if (!(error instanceof CashdroError) || !error.isTransport) {
                    throw error;
                }
                options.onTransportError?.(error);
            }
            await sleep(options.intervalMs);
        }
    }
}

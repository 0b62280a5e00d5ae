import { _t } from "@web/core/l10n/translation";
import { PaymentInterface } from "@point_of_sale/app/payment/payment_interface";
import { register_payment_method } from "@point_of_sale/app/store/pos_store";
import { AlertDialog, ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import {
    CashdroClient,
    CashdroError,
    fromMinorUnits,
    toMinorUnits,
} from "@pos_cashdro/app/cashdro_client";

const RUNNING_STATUSES = ["waiting", "waitingCard", "waitingCancel", "timeout"];
// How long a finished payment waits for the server to store the machine's report before the
// order is validated (the server binds the payment to that report). Offline, it does not wait more.
const FINISH_REPORT_WAIT_MS = 3000;

/**
 * CashDro payment terminal: the browser drives the machine over the LAN (start, acknowledge,
 * poll, finish, import) and books what the machine's counters say at state F. The operation id
 * is stored on the payment line as soon as the machine gives it (the line is persisted with the
 * order in IndexedDB), so a reload resumes the same operation instead of charging twice.
 */
export class PaymentCashdro extends PaymentInterface {
    setup() {
        super.setup(...arguments);
        this.enable_reversals();
        this.runs = {}; // payment uuid -> Promise<boolean> (true: the machine kept money)
        this.importing = new Set();
        if (this.isOwnMethod) {
            // Orders restored from IndexedDB are loaded before the terminals are created.
            setTimeout(() => this.resumePendingLines(), 0);
        }
    }

    get isOwnMethod() {
        return (this.pos.config.payment_method_ids || []).some(
            (pm) => pm.id === this.payment_method_id.id
        );
    }

    get decimals() {
        return this.pos.currency.decimal_places;
    }

    get client() {
        const pm = this.payment_method_id;
        const port = pm.cashdro_port ? `:${pm.cashdro_port}` : "";
        const baseUrl = `${pm.cashdro_scheme || "https"}://${pm.cashdro_host}${port}`;
        if (!this._client || this._client.baseUrl !== baseUrl) {
            this._client = new CashdroClient({
                baseUrl,
                user: pm.cashdro_user,
                password: pm.cashdro_password,
                posid: pm.cashdro_posid || this.pos.config.name,
                timeoutMs: pm.cashdro_timeout || 10000,
            });
        }
        this._client.posuser = (this.pos.get_cashier()?.name || "").slice(0, 50);
        return this._client;
    }

    findLine(uuid) {
        for (const order of this.pos.models["pos.order"].getAll()) {
            const line = order.payment_ids.find((l) => l.uuid === uuid);
            if (line) {
                return line;
            }
        }
    }

    // ------------------------------------------------------------------ sale / payout
    async send_payment_request(uuid) {
        await super.send_payment_request(...arguments);
        const line = this.findLine(uuid);
        if (line.cashdro_operation_id && line.cashdro_state !== "F") {
            // Retry of a line whose operation is still alive on the machine: follow it, never restart.
            return this.runOperation(line);
        }
        const amount = line.get_amount();
        const amountMinor = toMinorUnits(amount, this.decimals);
        if (!amountMinor) {
            this.showError(_t("The amount to collect is zero."));
            return false;
        }
        const type = amount > 0 ? 4 : 3;
        const client = this.client;
        try {
            const running = await client.askOperationExecuting();
            if (running) {
                const { operation } = await client.askOperation(running.id);
                if (operation.aliasId !== line.uuid) {
                    throw new CashdroError("busy", _t("Operation %s is running", running.id), -2);
                }
                this.recordStart(line, running.id, amount);
            } else {
                let operationId;
                try {
                    operationId = await client.startOperation(type, amountMinor, {
                        aliasid: line.uuid,
                    });
                } catch (error) {
                    // The start may have reached the machine and only its answer got lost; the
                    // browser may even have replayed the GET after a reset connection, which the
                    // machine then refuses as busy (-2) with our own operation.
                    const maybeOurs = error.isTransport || error.kind === "busy";
                    operationId = maybeOurs ? await this.findLostStart(line) : null;
                    if (!operationId) {
                        throw error;
                    }
                }
                this.recordStart(line, operationId, amount, type);
            }
            try {
                await client.acknowledge(line.cashdro_operation_id);
            } catch (error) {
                // A lost acknowledge is not a failed payment: the poll acknowledges again while the
                // machine shows state I (and never once the cashier cancels).
                if (!error.isTransport) {
                    throw error;
                }
                this.log("error", line, { error_code: error.code, message: `acknowledge: ${error.message}` });
            }
        } catch (error) {
            this.handleError(error, line);
            return false;
        }
        return this.runOperation(line);
    }

    async findLostStart(line) {
        try {
            const running = await this.client.askOperationExecuting();
            if (running) {
                const { operation } = await this.client.askOperation(running.id);
                return operation.aliasId === line.uuid ? running.id : null;
            }
        } catch {
            return null;
        }
        return null;
    }

    recordStart(line, operationId, amount, type = amount > 0 ? 4 : 3) {
        const pm = this.payment_method_id;
        line.update({
            cashdro_operation_id: operationId,
            cashdro_terminal: `${pm.cashdro_posid || this.pos.config.name} @ ${pm.cashdro_host}`,
            cashdro_amount_requested: amount,
            cashdro_amount_inserted: 0,
            cashdro_amount_returned: 0,
            cashdro_amount_kept: 0,
            cashdro_state: "I",
            cashdro_canceled: false,
            cashdro_imported: false,
        });
        this.log("start", line, { operation_type: String(type), amount_requested: amount });
    }

    runOperation(line) {
        if (!this.runs[line.uuid]) {
            this.runs[line.uuid] = this._run(line).finally(() => delete this.runs[line.uuid]);
        }
        return this.runs[line.uuid];
    }

    async _run(line) {
        const client = this.client;
        const operationId = line.cashdro_operation_id;
        if (line.payment_status !== "waitingCancel") {
            line.set_payment_status("waitingCard");
        } else {
            // Resumed after a reload while cancelling: the cancel is still pending.
            client.markCancelPending(operationId);
        }
        let result;
        try {
            result = await client.pollUntilFinished(operationId, {
                intervalMs: this.payment_method_id.cashdro_poll_interval || 1000,
                acknowledge: true,
                onProgress: (op) => {
                    line.cashdroOffline = false;
                    const inserted = fromMinorUnits(op.totalIn, this.decimals);
                    if (inserted !== line.cashdro_amount_inserted || op.state !== line.cashdro_state) {
                        line.update({ cashdro_amount_inserted: inserted, cashdro_state: op.state });
                    }
                },
                onTransportError: () => {
                    line.cashdroOffline = true;
                },
            });
        } catch (error) {
            this.handleError(error, line);
            return false;
        }
        return this.finalize(line, result);
    }

    /** Book what the machine really did: net kept = inserted - returned, whatever was pressed. */
    async finalize(line, { operation, raw }) {
        const d = this.decimals;
        const requested = line.cashdro_amount_requested;
        const kept = fromMinorUnits(operation.totalIn - operation.totalOut, d);
        const difference = Number((kept - requested).toFixed(d));
        const values = {
            cashdro_state: "F",
            cashdro_amount_inserted: fromMinorUnits(operation.totalIn, d),
            cashdro_amount_returned: fromMinorUnits(operation.totalOut, d),
            cashdro_amount_kept: kept,
            cashdro_change_not_available: fromMinorUnits(operation.changeNotAvailable, d),
            cashdro_canceled: operation.canceled,
            cashdro_denominations: JSON.stringify(operation.denominations),
            cashdro_difference: kept ? difference : 0,
        };
        line.update(values);
        const reported = this.log("finish", line, { raw, client_timestamp: Date.now() });
        this.importOperation(line);
        if (kept) {
            await Promise.race([reported, new Promise((r) => setTimeout(r, FINISH_REPORT_WAIT_MS))]);
        }
        line.cashdroOffline = false;
        if (!kept) {
            // Nothing kept (cancelled, or nothing inserted): the line goes back to its request.
            line.update({ cashdro_operation_id: false });
            line.set_amount(requested);
            return false;
        }
        line.set_amount(kept);
        if (values.cashdro_change_not_available) {
            this.showError(
                _t(
                    "The CashDro could not give %s of change. Give it to the customer from the drawer.",
                    this.env.utils.formatCurrency(values.cashdro_change_not_available)
                ),
                _t("CashDro: change not given")
            );
        } else if (difference) {
            this.env.services.notification.add(
                _t("The CashDro booked %s instead of %s (machine rounding).", kept, requested),
                { type: "warning" }
            );
        }
        return true;
    }

    async importOperation(line) {
        const operationId = line.cashdro_operation_id;
        if (!operationId || line.cashdro_imported || this.importing.has(operationId)) {
            return;
        }
        this.importing.add(operationId);
        try {
            await this.client.setOperationImported(operationId);
            if (line.cashdro_operation_id === operationId) {
                line.update({ cashdro_imported: true });
            }
            this.log("import", line, { operation_id: operationId });
        } catch (error) {
            this.log("error", line, {
                operation_id: operationId,
                error_code: error.code,
                message: `setOperationImported: ${error.message}`,
            });
        } finally {
            this.importing.delete(operationId);
        }
    }

    // ------------------------------------------------------------------ cancel / reversal
    async send_payment_cancel(order, uuid) {
        await super.send_payment_cancel(...arguments);
        const line = this.findLine(uuid);
        if (!line?.cashdro_operation_id) {
            return true;
        }
        try {
            await this.client.finishOperation(line.cashdro_operation_id, 2);
            this.log("cancel", line, {});
        } catch (error) {
            // "Not in execution": already paid and giving change; the poll reads the outcome.
            this.log("error", line, { error_code: error.code, message: `cancel: ${error.message}` });
        }
        const keptMoney = await this.runOperation(line);
        if (keptMoney) {
            // The machine kept cash despite the cancel: the line stays, booked at what it kept.
            this.showError(
                _t(
                    "The CashDro kept %s: the payment line stays at that amount.",
                    this.env.utils.formatCurrency(line.cashdro_amount_kept)
                )
            );
            line.set_payment_status("done");
            return new Promise(() => {});
        }
        const returned = line.cashdro_amount_returned || 0;
        this.env.services.notification.add(
            returned
                ? _t(
                      "Payment cancelled: the CashDro gave %s back to the customer.",
                      this.env.utils.formatCurrency(returned)
                  )
                : _t("Payment cancelled: no cash had been inserted in the CashDro."),
            { type: "info" }
        );
        return true;
    }

    async send_payment_reversal(uuid) {
        await super.send_payment_reversal(...arguments);
        const line = this.findLine(uuid);
        const amountMinor = toMinorUnits(line.get_amount(), this.decimals);
        const client = this.client;
        try {
            const operationId = await client.startOperation(line.get_amount() > 0 ? 3 : 4, amountMinor, {
                aliasid: `${line.uuid}-rev`,
            });
            this.log("start", line, {
                operation_id: operationId,
                operation_type: "3",
                amount_requested: -line.get_amount(),
                message: _t("reversal"),
            });
            await client.acknowledge(operationId);
            const result = await client.pollUntilFinished(operationId, {
                intervalMs: this.payment_method_id.cashdro_poll_interval || 1000,
            });
            const op = result.operation;
            this.log("finish", line, {
                operation_id: operationId,
                operation_type: "3",
                amount_requested: -line.get_amount(),
                amount_inserted: fromMinorUnits(op.totalIn, this.decimals),
                amount_returned: fromMinorUnits(op.totalOut, this.decimals),
                amount_kept: fromMinorUnits(op.totalIn - op.totalOut, this.decimals),
                raw: result.raw,
                message: _t("reversal"),
            });
            await client.setOperationImported(operationId).catch(() => {});
            return op.totalOut > 0;
        } catch (error) {
            this.handleError(error, line);
            return false;
        }
    }

    // ------------------------------------------------------------------ cash in / out
    /**
     * The till's cash in (load, type 1) or cash out (withdrawal, type 2) through this machine.
     * Resolves to {operationId, type, requested, counted} once the machine finished, counted
     * being what it really moved (what the till books); or null after a machine error, a cancel or
     * nothing moved, which the cashier is told about: nothing is to be booked then.
     */
    async cashMove(direction, amount, { onStarted, onProgress } = {}) {
        const d = this.decimals;
        const requested = Math.abs(amount);
        const sign = direction === "in" ? 1 : -1;
        const base = {
            // The machine's aliasid and the log's payment uuid: one id per cash move.
            payment_uuid: `cash-move-${this.pos.session.id}-${Date.now()}`,
            operation_type: direction === "in" ? "1" : "2",
            amount_requested: sign * requested,
        };
        const log = (event, values = {}) => this.log(event, null, { ...base, ...values });
        let operationId = "";
        let result;
        try {
            result = await this.client.cashMove(direction, toMinorUnits(requested, d), {
                aliasid: base.payment_uuid,
                intervalMs: this.payment_method_id.cashdro_poll_interval || 1000,
                onStarted: (id) => {
                    operationId = id;
                    log("start", { operation_id: id, state: "I" });
                    onStarted?.(id);
                },
                onProgress: (op) =>
                    onProgress?.({
                        state: op.state,
                        inserted: fromMinorUnits(op.totalIn, d),
                        dispensed: fromMinorUnits(op.totalOut, d),
                    }),
            });
        } catch (error) {
            if (!(error instanceof CashdroError)) {
                throw error;
            }
            log("error", { operation_id: operationId, error_code: error.code, message: `${error.kind}: ${error.message}` });
            this.showError(
                _t("Nothing was booked: %s", this.errorMessage(error)),
                direction === "in" ? _t("CashDro cash in failed") : _t("CashDro cash out failed")
            );
            return null;
        }
        if (!result) {
            return null;
        }
        const op = result.operation;
        const counted = fromMinorUnits(result.moved, d);
        await log("finish", {
            operation_id: operationId,
            state: "F",
            amount_inserted: fromMinorUnits(op.totalIn, d),
            amount_returned: fromMinorUnits(op.totalOut, d),
            amount_kept: sign * counted,
            raw: result.raw,
        });
        this.client
            .setOperationImported(operationId)
            .then(() => log("import", { operation_id: operationId }))
            .catch((error) => log("error", { operation_id: operationId, message: `setOperationImported: ${error.message}` }));
        if (!counted) {
            this.showError(
                direction === "in"
                    ? _t("The CashDro took no cash in (cancelled or nothing inserted): nothing was booked.")
                    : _t("The CashDro gave no cash out (cancelled or empty): nothing was booked."),
                _t("CashDro")
            );
            return null;
        }
        return { operationId, type: result.type, requested, counted };
    }

    cancelCashMove(operationId) {
        return this.client.finishOperation(operationId, 2).catch(() => {});
    }

    // ------------------------------------------------------------------ crash safety
    resumePendingLines() {
        for (const order of this.pos.models["pos.order"].getAll()) {
            for (const line of [...order.payment_ids]) {
                if (
                    line.payment_method_id?.id !== this.payment_method_id.id ||
                    !line.cashdro_operation_id
                ) {
                    continue;
                }
                const status = line.payment_status;
                if (line.cashdro_state !== "F" && RUNNING_STATUSES.includes(status)) {
                    this.log("resume", line, {});
                    this.runOperation(line).then((keptMoney) => {
                        if (status === "waitingCancel" && !keptMoney) {
                            order.remove_paymentline(line);
                        } else {
                            line.handle_payment_response(keptMoney);
                        }
                    });
                } else if (line.cashdro_state === "F" && !line.cashdro_imported) {
                    this.importOperation(line);
                }
            }
        }
    }

    // ------------------------------------------------------------------ errors and audit
    errorMessage(error) {
        const client = this.client;
        switch (error.kind) {
            case "auth":
                return _t("The CashDro refused the user or password (code -1). Check the CashDro user of the payment method.");
            case "no_permission":
                return _t("The CashDro user has no permission for this operation (code -4).");
            case "busy":
                return _t("The CashDro is busy with another operation (code -2). Finish it on the machine, then press Retry.");
            case "loading":
                return _t("The CashDro is loading or updating (code -1900). Wait a moment, then press Retry.");
            case "out_of_service":
                return _t("The CashDro is out of service (code -998): check its Diagnosis screen.");
            case "service_stopped":
                return _t("The CashDro service is not running (code -999): restart the machine.");
            case "timeout":
                return _t("The CashDro did not answer in time. Check the network, then press Retry.");
            case "unreachable":
                return client.baseUrl.startsWith("https")
                    ? _t("Cannot reach the CashDro at %s. If this browser has never used it, its certificate must be accepted first.", client.baseUrl)
                    : _t("Cannot reach the CashDro at %s. Check that it is on and on the network.", client.baseUrl);
            default:
                return _t("The CashDro answered: %s", error.message);
        }
    }

    handleError(error, line) {
        if (!(error instanceof CashdroError)) {
            throw error;
        }
        this.log("error", line, { error_code: error.code, message: `${error.kind}: ${error.message}`, raw: error.raw });
        const message = this.errorMessage(error);
        if (error.kind === "unreachable" && this.client.baseUrl.startsWith("https")) {
            const url = this.client.publicUrl;
            this.env.services.dialog.add(ConfirmationDialog, {
                title: _t("CashDro not reachable"),
                body: message + " " + _t("Open the machine's page, accept its certificate, come back and press Retry."),
                confirmLabel: _t("Open the CashDro page"),
                confirm: () => window.open(url, "_blank"),
                cancel: () => {},
            });
        } else {
            this.showError(message);
        }
    }

    showError(body, title = _t("CashDro")) {
        this.env.services.dialog.add(AlertDialog, { title, body });
    }

    log(event, line, values) {
        const order = line?.pos_order_id;
        const payload = {
            operation_id: line?.cashdro_operation_id || "",
            payment_uuid: line?.uuid || "",
            order_uuid: order?.uuid || "",
            amount_requested: line?.cashdro_amount_requested || 0,
            amount_inserted: line?.cashdro_amount_inserted || 0,
            amount_returned: line?.cashdro_amount_returned || 0,
            amount_kept: line?.cashdro_amount_kept || 0,
            amount_change_not_available: line?.cashdro_change_not_available || 0,
            state: line?.cashdro_state || "",
            operation_type: (line?.cashdro_amount_requested || 0) < 0 ? "3" : "4",
            client_timestamp: Date.now(),
            ...values,
        };
        // The machine flow never fails on the Odoo server; offline, the report is queued and sent
        // on reconnection (queue = true). Only a finished payment waits for it, and briefly.
        return this.pos.data
            .silentCall(
                "pos.payment.method",
                "cashdro_log_event",
                [[this.payment_method_id.id], this.pos.session.id, event, payload],
                {},
                true
            )
            .catch(() => {});
    }
}

register_payment_method("cashdro", PaymentCashdro);

import { reactive } from "@odoo/owl";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { _t } from "@web/core/l10n/translation";
import { WORKER_STATE } from "@bus/workers/websocket_worker";
import { ConnectionLostError } from "@web/core/network/rpc";
import { patch } from "@web/core/utils/patch";
import { requestApproval } from "@pos_loss_prevention_base/app/approval_flow/approval_flow";
import { canonicalLines, gatedQuantities, stockDemand } from "@pos_stock_pro/app/utils/stock_tiers";

const BUS_MESSAGE = "POS_STOCK_PRO";

patch(PosStore.prototype, {
    async setup() {
        await super.setup(...arguments);
        // qty/ts by product (variant) id; reactive so badges and the pill re-render on a push.
        this.stockPro = reactive({ qty: {}, ts: {}, lastPoll: 0, wsConnected: false, pushCount: 0 });
        // Template id -> its variants' ids, for templates with several variants (their card sums them).
        this.stockVariantIds = {};
        for (const product of this.models["product.product"].getAll()) {
            if (product._pos_stock_qty === undefined) {
                continue;
            }
            this.stockPro.qty[product.id] = product._pos_stock_qty;
            this.stockPro.ts[product.id] = product._pos_stock_ts;
            this.stockPro.lastPoll = Math.max(this.stockPro.lastPoll, product._pos_stock_ts || 0);
            if (product.product_template_variant_value_ids?.length) {
                const ids = (this.stockVariantIds[product.raw.product_tmpl_id] ||= []);
                ids.push(product.id);
                // Siblings that limited loading left out travel on a loaded variant.
                for (const [pid, qty] of Object.entries(product._pos_stock_variant_qty || {})) {
                    this.stockPro.qty[pid] = qty;
                    this.stockPro.ts[pid] = product._pos_stock_ts;
                    ids.push(parseInt(pid));
                }
            }
        }
        const mode = this.config.pos_stock_refresh_mode;
        if (mode !== "polling") {
            this.data.connectWebSocket(BUS_MESSAGE, (payload) => this.applyStockValues(payload));
            const bus = this.env.services.bus_service;
            // The bus usually connected while the POS loaded: its "connect" event has fired already, so
            // start from the worker's current state, then follow its changes.
            this.stockPro.wsConnected = bus.workerState === WORKER_STATE.CONNECTED;
            bus.addEventListener("worker_state_updated", ({ detail }) => {
                this.stockPro.wsConnected = detail === WORKER_STATE.CONNECTED;
            });
            bus.addEventListener("connect", () => {
                this.stockPro.wsConnected = true;
                this.pollStock(); // catch up on what the bus may have dropped while away
            });
            bus.addEventListener("disconnect", () => (this.stockPro.wsConnected = false));
        }
        if (mode !== "realtime") {
            const interval = Math.max(1, this.config.pos_stock_poll_interval || 5) * 1000;
            this.stockPollTimer = setInterval(() => {
                if (mode === "polling" || !this.stockPro.wsConnected) {
                    this.pollStock();
                }
            }, interval);
        }
    },

    /** Absolute values stamped with their read time: an older value never overwrites a newer one. */
    applyStockValues({ ts, qty }) {
        for (const [pid, value] of Object.entries(qty || {})) {
            if (!(this.stockPro.ts[pid] > ts)) {
                this.stockPro.qty[pid] = value;
                this.stockPro.ts[pid] = ts;
            }
        }
        this.stockPro.pushCount++;
    },

    async pollStock() {
        if (this.stockPollBusy) {
            return;
        }
        this.stockPollBusy = true;
        try {
            const result = await this.data.call(
                "pos.config",
                "pos_stock_poll",
                [[this.config.id], this.stockPro.lastPoll || 0]
            );
            this.applyStockValues(result);
            this.stockPro.lastPoll = result.ts;
        } catch {
            // Offline: keep the last known values; the next poll catches up.
        } finally {
            this.stockPollBusy = false;
        }
    },

    /** What a product card shows: the variant's quantity, or the sum over its template's variants. */
    getStockQty(product) {
        if (!product) {
            return undefined;
        }
        const variantIds = this.getStockVariantIds(product);
        if (variantIds.length < 2) {
            return this.stockPro.qty[product.id];
        }
        let total;
        for (const pid of variantIds) {
            const qty = this.stockPro.qty[pid];
            if (qty !== undefined) {
                total = (total || 0) + qty;
            }
        }
        return total;
    },

    /** Ids of the variants whose quantities the till knows for this product's template. */
    getStockVariantIds(product) {
        return (product && this.stockVariantIds[product.raw.product_tmpl_id]) || [];
    },

    async pay() {
        const order = this.get_order();
        if (order && order.canPay() && !(await this.checkStockGate(order))) {
            return;
        }
        return await super.pay(...arguments);
    },

    /**
     * The oversell gate at Pay, before any payment terminal runs. Routine sales cost nothing: the till
     * asks the server only when a line is at or near the last pushed quantity (config margin).
     */
    async checkStockGate(order) {
        const config = this.config;
        // Observing (enforcement off): record-only, the server ledgers the oversell at sync.
        if (config.pos_stock_allow_negative || !this.lpEnforced || (order.shipping_date && config.ship_later)) {
            return true;
        }
        const totals = gatedQuantities(config, order); // as sold (the server names kits in the ledger)
        const demand = stockDemand(config, order, totals); // what leaves stock, as the server judges it
        const value = JSON.stringify(canonicalLines(demand));
        if (!Object.keys(demand).length || order.stockApprovedValue === value) {
            return true;
        }
        const margin = config.pos_stock_gate_margin || 0;
        const nearLimit = Object.entries(demand).some(([pid, qty]) => {
            const known = this.stockPro.qty[pid];
            return known === undefined || known - qty < margin;
        });
        if (!nearLimit) {
            return true;
        }
        const lines = Object.entries(totals).map(([pid, qty]) => ({ product_id: parseInt(pid), qty }));
        const cashierId = this.config.module_pos_hr ? this.get_cashier()?.id || false : false;
        let result;
        try {
            result = await this.data.call("pos.session", "pos_stock_check_gate", [
                [this.session.id],
                order.uuid,
                lines,
                cashierId,
            ]);
        } catch (error) {
            if (error instanceof ConnectionLostError) {
                // Offline: judged on the till's own figures (pos_store_offline.js); the server judges the
                // order again when it syncs (ledgered, never lost).
                return this.checkStockGateOffline(order, totals);
            }
            throw error;
        }
        if (result.ok) {
            return true;
        }
        for (const line of result.lines) {
            this.stockPro.qty[line.product_id] = Math.min(this.stockPro.qty[line.product_id] ?? line.available, line.available);
        }
        const fmt = (q) => this.env.utils.formatProductQty(q, false);
        const approval = await requestApproval(this, {
            action: "stock_override",
            value: result.value,
            orderUuid: order.uuid,
            title: _t("Manager Stock Override"),
            lines: result.lines.map((line) => ({
                label: line.name,
                value: _t("requested %(requested)s, available %(available)s, short %(short)s", {
                    requested: fmt(line.requested),
                    available: fmt(line.available),
                    short: fmt(line.shortfall),
                }),
                className: "text-danger o_pos_stock_override_line",
            })),
        });
        if (!approval) {
            this.data
                .call("pos.session", "pos_stock_log_cancel", [[this.session.id], order.uuid, lines, cashierId])
                .catch(() => {});
            return false;
        }
        this.lpAddApprovalToken(order, approval.token); // the base's carrier, consumed at sync
        order.stockApprovedValue = JSON.stringify(result.value);
        return true;
    },
});

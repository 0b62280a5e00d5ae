import { PosStore } from "@point_of_sale/app/store/pos_store";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { _t } from "@web/core/l10n/translation";
import { ConnectionLostError } from "@web/core/network/rpc";
import { patch } from "@web/core/utils/patch";

const SOLD_STATES = new Set(["paid", "done", "invoiced"]);
const EPSILON = 1e-6;

/**
 * Offline selling. While the till cannot reach the server, each finalised sale is taken off the till's own
 * figures (the map badges and the Pay gate read), so a second offline sale of the last unit meets the gate.
 *
 * The server's values stay the truth: an order's local decrement is remembered until the order has synced,
 * and every absolute value that arrives meanwhile (push or poll) has the unsynced sales taken off again.
 * Once the order has synced its decrement is dropped and the products it touched are read again, once, so
 * the truth replaces the local figure and nothing is counted twice. An offline sale costs no request at all;
 * the re-read is one request on reconnection, for the products sold offline.
 */
patch(PosStore.prototype, {
    /** {order uuid: {product id: qty}}: sales finalised offline and not synced yet (none before the load). */
    stockOfflineSales() {
        return this.stockPro ? (this.stockPro.offlineSales ||= {}) : {};
    },

    /** {productId: qty} an order takes out of the till's stock figures. Extension point (kits). */
    stockSoldQuantities(order) {
        const sold = {};
        for (const line of order.lines) {
            const product = line.get_product();
            if (product && this.stockPro.qty[product.id] !== undefined) {
                // Returns (negative lines) put the goods back: the figure goes up, as the server's will.
                sold[product.id] = (sold[product.id] || 0) + line.get_quantity();
            }
        }
        return sold;
    },

    /** {productId: qty} of every offline sale still waiting to sync. */
    stockOfflinePending() {
        const pending = {};
        for (const sold of Object.values(this.stockOfflineSales())) {
            for (const [pid, qty] of Object.entries(sold)) {
                pending[pid] = (pending[pid] || 0) + qty;
            }
        }
        return pending;
    },

    applyStockValues(payload) {
        super.applyStockValues(...arguments);
        const pending = this.stockOfflinePending();
        for (const [pid, value] of Object.entries(payload.qty || {})) {
            // Only where the value was taken (not older than what the till had): the server does not know
            // the unsynced sales yet.
            if (pending[pid] && this.stockPro.ts[pid] === payload.ts) {
                this.stockPro.qty[pid] = value - pending[pid];
            }
        }
    },

    async syncAllOrders(options = {}) {
        let result, failure;
        try {
            result = await super.syncAllOrders(...arguments);
        } catch (error) {
            failure = error;
        }
        if ((failure || result) instanceof ConnectionLostError) {
            this.recordOfflineSales();
        } else {
            // Not awaited: the receipt must not wait for the re-read.
            this.releaseSyncedOfflineSales();
        }
        if (failure) {
            throw failure;
        }
        return result;
    },

    /** The sync failed for want of a connection: the finalised orders left pending leave the local stock. */
    recordOfflineSales() {
        const offlineSales = this.stockOfflineSales();
        const { orderToCreate, orderToUpdate } = this.getPendingOrder();
        for (const order of [...orderToCreate, ...orderToUpdate]) {
            if (
                !SOLD_STATES.has(order.state) ||
                !this.stockPro ||
                offlineSales[order.uuid] ||
                // Ship-later lines leave stock at delivery, as the gate and the server see it.
                (order.shipping_date && this.config.ship_later)
            ) {
                continue;
            }
            const sold = this.stockSoldQuantities(order);
            offlineSales[order.uuid] = sold;
            for (const [pid, qty] of Object.entries(sold)) {
                this.stockPro.qty[pid] -= qty;
            }
        }
    },

    /** Offline sales that have synced now: drop their decrements and read their products again. */
    async releaseSyncedOfflineSales() {
        const offlineSales = this.stockOfflineSales();
        const released = new Set();
        for (const [uuid, sold] of Object.entries(offlineSales)) {
            const order = this.models["pos.order"].getBy("uuid", uuid);
            if (order && (this.pendingOrder.create.has(order.id) || this.pendingOrder.write.has(order.id))) {
                continue;
            }
            delete offlineSales[uuid];
            for (const pid of Object.keys(sold)) {
                released.add(parseInt(pid));
            }
        }
        if (!released.size) {
            return;
        }
        try {
            // Read after the sync committed: newer than any push computed before it, so it wins.
            const result = await this.data.call("pos.config", "pos_stock_poll", [
                [this.config.id],
                0,
                [...released],
            ]);
            this.applyStockValues(result);
        } catch {
            // Lost again: the figure stays the local one until the next push or poll.
        }
    },

    /**
     * The Pay gate while offline (called by checkStockGate when the server cannot be asked): a line beyond
     * the till's own figure is refused, since a manager override needs the server. `totals` are the order's
     * gated quantities; a product the till has no figure for is left to the server backstop.
     */
    checkStockGateOffline(order, totals) {
        const fmt = (q) => this.env.utils.formatProductQty(q, false);
        const short = [];
        for (const [pid, qty] of Object.entries(totals)) {
            const known = this.stockPro.qty[pid];
            if (known !== undefined && qty > known + EPSILON) {
                const product = this.models["product.product"].get(parseInt(pid));
                short.push(
                    _t("%(product)s: requested %(requested)s, left here %(available)s", {
                        product: product?.display_name || pid,
                        requested: fmt(qty),
                        available: fmt(Math.max(known, 0)),
                    })
                );
            }
        }
        if (!short.length) {
            return true;
        }
        this.dialog.add(AlertDialog, {
            title: _t("Not enough stock (offline)"),
            body: _t(
                "%(lines)s. A manager override needs the connection: lower the quantity, or wait until the till is back online.",
                { lines: short.join("; ") }
            ),
        });
        return false;
    },
});

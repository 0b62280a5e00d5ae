import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";

const PROBE_MESSAGE = "POS_STOCK_PRO_PROBE";

/**
 * The settings' health banner asks the tills, through the bus, how they get their stock. The till
 * answers with one RPC (its mode, and how long ago it last received a stock message over the bus).
 * Nothing is sent unless a manager probes: no heartbeat while the websocket is up.
 */
patch(PosStore.prototype, {
    async setup() {
        await super.setup(...arguments);
        this.stockLink = { lastBusAt: 0 };
        this.data.connectWebSocket("POS_STOCK_PRO", () => (this.stockLink.lastBusAt = Date.now()));
        this.data.connectWebSocket(PROBE_MESSAGE, (payload) => this.answerStockProbe(payload));
    },

    answerStockProbe(payload) {
        if (payload?.session_id && payload.session_id !== this.session.id) {
            return;
        }
        const mode = this.config.pos_stock_refresh_mode === "polling" ? "polling" : "realtime";
        const age = this.stockLink.lastBusAt ? (Date.now() - this.stockLink.lastBusAt) / 1000 : -1;
        this.data
            .call("pos.session", "pos_stock_probe_answer", [[this.session.id], mode, age])
            .catch(() => {});
    },
});

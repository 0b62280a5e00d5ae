import { rpc } from "@web/core/network/rpc";

/** The product card of `name` on the product screen. */
export const card = (name) => `article.product:has(.product-name:contains("${name}"))`;

/** A backend call from the tour's page (ORM's call_kw route, as another tab would make it). */
export const call = (model, method, args, kwargs = {}) =>
    rpc(`/web/dataset/call_kw/${model}/${method}`, { model, method, args, kwargs });

export function badgeIs(productName, qty, tier) {
    return {
        content: `${productName}: badge ${qty} (${tier})`,
        trigger: `${card(productName)} .o_pos_stock_badge[data-tier="${tier}"] .o_pos_stock_qty:contains("${qty}")`,
    };
}

export function noBadge(productName) {
    return {
        content: `${productName}: no stock badge`,
        trigger: `${card(productName)}:not(:has(.o_pos_stock_badge))`,
    };
}

export function healthCountIs(count) {
    return {
        content: `Stock Health pill shows ${count}`,
        trigger: `.o_pos_stock_health .o_pos_stock_health_count:contains("${count}")`,
    };
}

/** A backend inventory adjustment, as a stock manager would make it in another tab. */
export function adjustInventory(productName, qty) {
    return {
        content: `Backend: set ${productName} on hand to ${qty}`,
        trigger: "body",
        run: async () => {
            const [product] = await call("product.product", "search_read", [[["name", "=", productName]]], {
                fields: ["id"],
            });
            const [config] = await call("pos.config", "search_read", [[["id", "=", odoo.pos_config_id]]], {
                fields: ["pos_stock_location_id"],
            });
            const context = { inventory_mode: true };
            const quantId = await call(
                "stock.quant",
                "create",
                [
                    {
                        product_id: product.id,
                        location_id: config.pos_stock_location_id[0],
                        inventory_quantity: qty,
                    },
                ],
                { context }
            );
            await call("stock.quant", "action_apply_inventory", [[quantId]], { context });
        },
    };
}

export function overrideDialogShows(productName) {
    return {
        content: "Manager Stock Override dialog lists the short product",
        trigger: `.o_lp_approver_dialog .o_pos_stock_override_line, .o_lp_approver_dialog th:contains("${productName}")`,
    };
}

export function enterPin(pin) {
    return { content: `type PIN ${pin}`, trigger: ".o_lp_approver_dialog .o_lp_pin", run: `edit ${pin}` };
}

export function enterReason(reason) {
    return {
        content: "give a reason",
        trigger: ".o_lp_approver_dialog .o_lp_reason_text",
        run: `edit ${reason}`,
    };
}

export function approvalErrorShown() {
    return { content: "the server refused the PIN", trigger: ".o_lp_approver_dialog .o_lp_approval_error" };
}

export function openLocations(productName) {
    return {
        content: `${productName}: open the other locations`,
        trigger: `${card(productName)} .o_pos_stock_badge`,
        run: "click",
    };
}

export function locationRowShows(locationName, qty) {
    return {
        content: `tooltip lists ${locationName} with ${qty}`,
        trigger: `.o_pos_stock_tooltip .o_pos_stock_location_row:contains("${locationName}"):contains("${qty}")`,
    };
}

export function requestTransfer(locationName) {
    return {
        content: `request a transfer from ${locationName}`,
        trigger: `.o_pos_stock_tooltip .o_pos_stock_location_row:contains("${locationName}") .o_pos_stock_request_transfer`,
        run: "click",
    };
}

export function transferRequested() {
    return {
        content: "the cashier is told the transfer reference",
        trigger: '.o_pos_stock_tooltip_message:contains("requested")',
    };
}

export function variantRowShows(variantName, qty) {
    return {
        content: `variant picker: ${variantName} has ${qty}`,
        trigger: `.o_pos_stock_variants .o_pos_stock_variant_row:contains("${variantName}") .o_pos_stock_variant_qty:contains("${qty}")`,
    };
}

export function locationVariantRowShows(locationName, variantName, qty) {
    return {
        content: `tooltip lists ${variantName} at ${locationName} with ${qty}`,
        trigger: `.o_pos_stock_tooltip .o_pos_stock_location_row:contains("${locationName}"):has(.o_pos_stock_row_variant:contains("${variantName}")):contains("${qty}")`,
    };
}

// ---------------------------------------------------------------- polling vs websocket
// Counted from the browser's own network log (Resource Timing), so nothing in the POS code is patched.
const POLL_URL = "/web/dataset/call_kw/pos.config/pos_stock_poll";
const pollCalls = () =>
    performance.getEntriesByType("resource").filter((entry) => entry.name.includes(POLL_URL)).length;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function websocketConnected() {
    return {
        content: "the till's websocket is connected",
        trigger: "body",
        timeout: 20000,
        run: async () => {
            performance.setResourceTimingBufferSize(100000);
            while (!window.posmodel?.stockPro?.wsConnected) {
                await sleep(100);
            }
            await sleep(1500); // let a catch-up poll of the "connect" event finish
        },
    };
}

/** No polling call at all for `ms` while the websocket is up. */
export function noPollFor(ms) {
    return {
        content: `no stock poll for ${ms / 1000} s while the websocket is up`,
        trigger: "body",
        timeout: ms + 10000,
        run: async () => {
            const before = pollCalls();
            await sleep(ms);
            const after = pollCalls();
            if (!window.posmodel.stockPro.wsConnected) {
                throw new Error("the websocket dropped during the check");
            }
            if (after !== before) {
                throw new Error(`${after - before} stock poll(s) while the websocket was up`);
            }
        },
    };
}

/**
 * The websocket drops: the bus worker stops as it does on a network loss. HTTP is put back at once
 * (the POS marks itself offline on the same browser event), so the fallback polls can be seen.
 */
export function dropWebsocket() {
    return {
        content: "the websocket drops",
        trigger: "body",
        run: async () => {
            window.dispatchEvent(new Event("offline"));
            window.posmodel.data.network.offline = false;
            while (window.posmodel.stockPro.wsConnected) {
                await sleep(100);
            }
        },
    };
}

export function pollsResume(count) {
    return {
        content: `the till polls again (${count} calls)`,
        trigger: "body",
        timeout: 20000,
        run: async () => {
            const before = pollCalls();
            while (pollCalls() - before < count) {
                await sleep(200);
            }
        },
    };
}

// ---------------------------------------------------------------- offline selling
// The network is cut as the browser reports it: the data service marks itself offline on the window's
// "offline" event and refuses every call; "online" brings it back and syncs the waiting orders.
// The till's requests are counted from the browser's network log (Resource Timing), nothing is patched.
const REQUEST_TYPES = new Set(["xmlhttprequest", "fetch", "beacon"]);
const tillRequests = () =>
    performance.getEntriesByType("resource").filter((entry) => REQUEST_TYPES.has(entry.initiatorType));

export function goOffline() {
    return {
        content: "the network is cut",
        trigger: "body",
        run: async () => {
            // Let what the till was doing finish (the register's opening call answers after the dialog).
            await sleep(500);
            while (window.posmodel.data.network.loading) {
                await sleep(100);
            }
            performance.setResourceTimingBufferSize(100000);
            performance.clearResourceTimings(); // from now on, every request of the page is in the log
            // Core's payment screen rejects a promise on purpose when an order cannot sync offline
            // (`Promise.reject(error)` in _finalizeValidation): the error service shows "Connection Lost"
            // and logs the rejection with console.error, which the test runner takes for a failure. That
            // one expected log becomes an info line; every other error still fails the tour.
            const consoleError = console.error;
            console.error = (...args) => {
                if (String(args[0]).startsWith("ConnectionLostError")) {
                    console.log("expected while offline:", String(args[0]).split("\n")[0]);
                    return;
                }
                consoleError.apply(console, args);
            };
            window.dispatchEvent(new Event("offline"));
            if (!window.posmodel.data.network.offline) {
                throw new Error("the data service did not go offline");
            }
        },
    };
}

export function noRequestSinceOffline() {
    return {
        content: "offline: the sales and the gate sent no request",
        trigger: "body",
        run: () => {
            const requests = tillRequests();
            if (requests.length) {
                throw new Error(`${requests.length} request(s) while offline: ${requests.map((r) => r.name)}`);
            }
        },
    };
}

export function goOnline() {
    return {
        content: "the network is back",
        trigger: "body",
        run: () => window.dispatchEvent(new Event("online")),
    };
}

export function ordersSynced() {
    return {
        content: "the waiting orders reached the server (and the counter sees the till's requests)",
        trigger: "body",
        timeout: 20000,
        run: async () => {
            while (!tillRequests().some((r) => r.name.includes("/pos.order/sync_from_ui"))) {
                await sleep(100);
            }
        },
    };
}

export function offlineGateShows(productName) {
    return {
        content: `offline gate refuses ${productName}`,
        trigger: `.modal:contains("Not enough stock (offline)"):contains("${productName}")`,
    };
}

// ---------------------------------------------------------------- add-to-order warning
export function lowStockWarningShows(productName) {
    return {
        content: `low-stock notice for ${productName}`,
        trigger: `.o_notification.o_pos_stock_low_warning:contains("${productName}"):contains("5")`,
    };
}

export function noLowStockWarning(productName) {
    return {
        content: `no low-stock notice for ${productName}`,
        trigger: "body",
        run: async () => {
            await sleep(500); // a notice would be up by now: it is added with the line
            const text = document.querySelector(".o_notification_manager")?.textContent || "";
            if (text.includes(productName)) {
                throw new Error(`unexpected notice: ${text}`);
            }
        },
    };
}

import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as StockPro from "@pos_stock_pro/../tests/tours/utils/stock_pro_util";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("PosStockProCoverTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            StockPro.badgeIs("Stock High", "15 d", "medium"),
            StockPro.badgeIs("Stock Low", "∞", "high"),
            StockPro.badgeIs("Stock Out", "0 d", "out"),
            StockPro.openLocations("Stock High"),
            {
                content: "the tooltip gives the quantity beside the cover and its pace",
                trigger: `${StockPro.card("Stock High")} .o_pos_stock_tooltip .o_pos_stock_cover:contains("30 here, 15 d of cover (2 a day over 10 days)")`,
            },
        ].flat(),
});

registry.category("web_tour.tours").add("PosStockProNoPillTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            StockPro.badgeIs("Stock Low", "3", "low"),
            {
                content: "no Stock Health pill in the navbar",
                trigger: ".pos-rightheader:not(:has(.o_pos_stock_health))",
            },
        ].flat(),
});

registry.category("web_tour.tours").add("PosStockProProbeTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            StockPro.websocketConnected(),
            {
                content: "a manager probes the tills (the settings' button), then the till's answer is on record",
                trigger: "body",
                run: async () => {
                    await StockPro.call("pos.config", "pos_stock_probe_tills", [[odoo.pos_config_id]]);
                    for (let i = 0; i < 100; i++) {
                        const links = await StockPro.call("pos.stock.till.link", "search_read", [[]], {
                            fields: ["probe_answered_at", "probe_sent_at"],
                        });
                        if (links.some((link) => link.probe_answered_at && link.probe_answered_at >= link.probe_sent_at)) {
                            return;
                        }
                        await new Promise((resolve) => setTimeout(resolve, 200));
                    }
                    throw new Error("the till did not answer the bus probe");
                },
            },
        ].flat(),
});

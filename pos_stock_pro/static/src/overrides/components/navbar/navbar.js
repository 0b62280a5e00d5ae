import { patch } from "@web/core/utils/patch";
import { Navbar } from "@point_of_sale/app/navbar/navbar";
import { StockHealthPill } from "@pos_stock_pro/app/stock_health_pill/stock_health_pill";

patch(Navbar, {
    components: { ...Navbar.components, StockHealthPill },
});

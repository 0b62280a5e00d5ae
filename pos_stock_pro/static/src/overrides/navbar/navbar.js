import { Navbar } from "@point_of_sale/app/navbar/navbar";
import { StockHealthPill } from "@pos_stock_pro/app/stock_health_pill/stock_health_pill";

Navbar.components = { ...Navbar.components, StockHealthPill };

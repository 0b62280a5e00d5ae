import { patch } from "@web/core/utils/patch";
import { ProductCard } from "@point_of_sale/app/generic_components/product_card/product_card";
import { StockBadge } from "@pos_stock_pro/app/stock_badge/stock_badge";

patch(ProductCard, {
    components: { ...ProductCard.components, StockBadge },
});

import { patch } from "@web/core/utils/patch";
import { ProductConfiguratorPopup } from "@point_of_sale/app/store/product_configurator_popup/product_configurator_popup";
import { VariantStock } from "@pos_stock_pro/app/variant_stock/variant_stock";

patch(ProductConfiguratorPopup, {
    components: { ...ProductConfiguratorPopup.components, VariantStock },
});

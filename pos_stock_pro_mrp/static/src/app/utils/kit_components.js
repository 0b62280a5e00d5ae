/**
 * A kit's components as the POS load ships them (models/product_product.py): [[componentId, qty per
 * kit, gated]], storable components only; [] for a kit with nothing stocked in it. null: not a kit.
 */
export function kitComponents(product) {
    return Array.isArray(product?._pos_stock_kit) ? product._pos_stock_kit : null;
}

{
    "name": "POS Stock Pro - Kits",
    "summary": "Kit (BoM kit) badges and oversell gate judged on the kit's components (glue module)",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "author": "POS Loss Prevention Suite",
    "website": "https://github.com/pos-loss-prevention/suite",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["pos_stock_pro", "mrp"],
    "data": [
        "views/pos_stock_override_log_views.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "pos_stock_pro_mrp/static/src/**/*",
        ],
        "web.assets_tests": [
            "pos_stock_pro_mrp/static/tests/tours/**/*",
        ],
    },
    # Installed by itself as soon as a database has both pos_stock_pro and mrp: pos_stock_pro stays free of mrp.
    "auto_install": True,
    "installable": True,
}

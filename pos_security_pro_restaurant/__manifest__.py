{
    "name": "POS Security Pro - Restaurant",
    "summary": "Role gates for split bill, table transfer / merge and floor plan editing (glue module)",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "author": "POS Loss Prevention Suite",
    "website": "https://github.com/pos-loss-prevention/suite",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["pos_security_pro", "pos_restaurant"],
    "assets": {
        "point_of_sale._assets_pos": [
            "pos_security_pro_restaurant/static/src/**/*",
        ],
        "web.assets_tests": [
            "pos_security_pro_restaurant/static/tests/tours/**/*",
        ],
    },
    # Installed by itself as soon as a shop has both pos_security_pro and pos_restaurant.
    "auto_install": True,
    "installable": True,
}

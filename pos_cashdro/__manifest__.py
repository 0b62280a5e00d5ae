{
    "name": "POS CashDro",
    "summary": "CashDro automated cash terminal as a POS payment method, with an audit trail and a terminal "
    "simulator",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "author": "POS Loss Prevention Suite",
    "website": "https://github.com/pos-loss-prevention/suite",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["pos_loss_prevention_base"],
    # OCA's CashDro module registers the same terminal key and the same credential fields (and
    # loads the password into the POS): the two cannot share a database.
    "excludes": ["pos_payment_method_cashdro"],
    "data": [
        "security/ir.model.access.csv",
        "security/pos_cashdro_security.xml",
        "views/pos_payment_method_views.xml",
        "views/pos_payment_views.xml",
        "views/pos_cashdro_operation_log_views.xml",
        "views/pos_cashdro_level_reading_views.xml",
    ],
    "demo": [
        "data/pos_cashdro_demo.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "pos_cashdro/static/src/**/*",
        ],
        "web.assets_tests": [
            "pos_cashdro/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}

{
    "name": "POS Loss Prevention: OCA coexistence tests",
    "summary": "Test-only module of bin/suite-test --oca: the suite's gates with OCA POS modules installed",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "author": "POS Loss Prevention Suite",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["pos_security_pro", "pos_order_remove_line"],
    "assets": {
        "web.assets_tests": [
            "pos_lp_oca_coexistence/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}

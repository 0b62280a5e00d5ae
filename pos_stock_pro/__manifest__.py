{
    "name": "POS Stock Pro",
    "summary": "Live stock badges, real-time stock push, oversell gate with supervisor override, shortfall ledger",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "author": "POS Loss Prevention Suite",
    "website": "https://github.com/pos-loss-prevention/suite",
    "license": "LGPL-3",
    "depends": ["pos_loss_prevention_base", "stock"],
    "data": [],
    "installable": True,
}

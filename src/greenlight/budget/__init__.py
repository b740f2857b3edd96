"""Budgets: charts of accounts, detail lines over globals, fringes with caps, contractuals,
versions, actuals and purchase orders, cost report, cash flow and crew deal memos."""

"""The shop's menu: catalog, cart, checkout with stock, the kitchen's moves."""

"""The parcel wizard (a stored draft) and the price of a delivery."""

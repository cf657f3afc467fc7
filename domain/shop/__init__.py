"""The shop before an order: when it takes orders (opening hours, a pause) and where it
delivers (a radius around it, fees by distance)."""

"""The order lifecycle: model, rules, use cases and persistence. Knows nothing of Telegram."""
